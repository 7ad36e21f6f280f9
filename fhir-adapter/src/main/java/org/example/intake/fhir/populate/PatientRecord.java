package org.example.intake.fhir.populate;

import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;

/**
 * What the EHR holds about one patient, as far as the intake's population reads it. The lists hold whatever the
 * EHR returned for the patient (any status): {@link IntakePopulation}'s rules decide what counts.
 *
 * @param patient     the Patient resource, with its id; never null
 * @param conditions  the patient's Conditions, maybe empty, never null
 * @param statements  the patient's MedicationStatements, maybe empty, never null
 * @param requests    the patient's MedicationRequests, maybe empty, never null
 */
public record PatientRecord(Patient patient, List<Condition> conditions, List<MedicationStatement> statements,
        List<MedicationRequest> requests) {

    public PatientRecord {
        Objects.requireNonNull(patient, "patient");
        conditions = List.copyOf(conditions);
        statements = List.copyOf(statements);
        requests = List.copyOf(requests);
    }

    /** A record holding only the Patient. */
    public static PatientRecord of(Patient patient) {
        return new PatientRecord(patient, List.of(), List.of(), List.of());
    }
}
