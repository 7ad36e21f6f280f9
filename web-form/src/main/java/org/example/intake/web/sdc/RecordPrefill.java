package org.example.intake.web.sdc;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import org.example.intake.fhir.IntakeQuestionnaire;
import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditActor;
import org.example.intake.fhir.ehr.EhrReadFailed;
import org.example.intake.fhir.populate.IntakePopulation;
import org.example.intake.fhir.populate.PatientRecord;
import org.example.intake.web.audit.AuditTrail;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Questionnaire prefilled from the patient's EHR record: the record read by {@link PatientRecords}, each read
 * recorded in the audit trail as {@link AuditAction#RECORD_READ} (who asked, for which patient, through what), and
 * filled in by fhir-adapter's {@link IntakePopulation}. {@code $populate} and the patient's form both come here, so
 * they prefill alike.
 */
public class RecordPrefill {

    private static final Logger log = LoggerFactory.getLogger(RecordPrefill.class);

    private final PatientRecords records;
    private final IntakePopulation population;
    private final AuditTrail audit;
    private final Clock clock;

    RecordPrefill(PatientRecords records, IntakePopulation population, AuditTrail audit, Clock clock) {
        this.records = Objects.requireNonNull(records, "records");
        this.population = Objects.requireNonNull(population, "population");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the patient's record and prefills the Questionnaire from it; the read is audited once the EHR has
     * answered (also when it has no such Patient).
     *
     * @param through what asked, for the audit record's detail (e.g. {@code Questionnaire $populate})
     * @return the prefilled response and its issues, or empty when the EHR has no such Patient
     * @throws EhrReadFailed when the EHR cannot be read (nothing is audited then: nothing was read)
     */
    Optional<IntakePopulation.Populated> populate(AuditActor actor, IntakeQuestionnaire questionnaire,
            String patientId, String through) {
        Optional<PatientRecord> record = records.read(patientId);
        audit.record(actor, AuditAction.RECORD_READ, null, patientId, through + ": "
                + (record.isPresent() ? "Patient, Conditions, MedicationStatements, MedicationRequests read"
                        : "the EHR has no such Patient"));
        return record.map(found -> population.populate(questionnaire, found, LocalDate.now(clock)));
    }

    /**
     * The patient's form prefilled from their own record: an in-progress response whose prefilled items carry
     * {@link IntakePopulation#PREFILLED_FROM}. Never fails: when the EHR cannot be read, has no such Patient, or the
     * read cannot be audited, the form opens empty (logged without patient data).
     *
     * @return the prefilled response, or empty when nothing could be prefilled
     */
    public Optional<QuestionnaireResponse> forForm(AuditActor patient, IntakeQuestionnaire questionnaire,
            String patientId) {
        try {
            return populate(patient, questionnaire, patientId, "the patient's form").map(
                    IntakePopulation.Populated::response);
        } catch (EhrReadFailed failed) {
            log.warn("The form opens without prefill: the EHR could not be read (status {})", failed.status());
        } catch (RuntimeException e) {
            log.warn("The form opens without prefill: {}", e.getClass().getSimpleName());
        }
        return Optional.empty();
    }
}
