package org.example.intake.web.sdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.example.intake.fhir.ehr.EhrClient;
import org.example.intake.fhir.ehr.EhrReadFailed;
import org.example.intake.fhir.populate.PatientRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads what population needs of one patient from the EHR, with the plugin's EHR client (the delivery's, with its
 * client-credentials token): the Patient, then their Conditions, MedicationStatements and MedicationRequests, every
 * page of each (at most {@link #MAX_PAGES} pages of {@link #PAGE_SIZE}). Which of them count is fhir-adapter's
 * {@link org.example.intake.fhir.populate.IntakePopulation}'s business, not this class's.
 */
class PatientRecords {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 10;

    private final EhrClient ehr;

    PatientRecords(EhrClient ehr) {
        this.ehr = ehr;
    }

    /**
     * The patient's record, or empty when the EHR has no such Patient.
     *
     * @throws EhrReadFailed when the EHR cannot be read
     */
    Optional<PatientRecord> read(String patientId) {
        Patient patient;
        try {
            patient = ehr.read(Patient.class, patientId);
        } catch (EhrReadFailed failed) {
            if (failed.status() == 404 || failed.status() == 410) {
                return Optional.empty();
            }
            throw failed;
        }
        return Optional.of(new PatientRecord(patient, all(Condition.class, patientId),
                all(MedicationStatement.class, patientId), all(MedicationRequest.class, patientId)));
    }

    private <T extends Resource> List<T> all(Class<T> type, String patientId) {
        List<T> found = new ArrayList<>();
        Optional<Bundle> page = Optional.of(ehr.search(type.getSimpleName() + "?patient=" + patientId + "&_count="
                + PAGE_SIZE));
        for (int pages = 0; page.isPresent() && pages < MAX_PAGES; pages++) {
            for (Bundle.BundleEntryComponent entry : page.get().getEntry()) {
                if (type.isInstance(entry.getResource())) {
                    found.add(type.cast(entry.getResource()));
                }
            }
            page = ehr.next(page.get());
        }
        return found;
    }
}
