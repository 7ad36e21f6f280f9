package org.example.intake.ehr;

import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;

/**
 * Makes sure the demo realm's patients ({@code Patient/alex}, {@code Patient/casey}) exist before the
 * sandbox says it is ready, so that intakes for them pass referential integrity, with the records the
 * plugin prefills their form from: alex a birth date only; casey a birth date, a resolved breast cancer
 * ({@code Condition/casey-breast-cancer}, SNOMED CT 254837009) and active apixaban
 * ({@code MedicationStatement/casey-apixaban}, RxNorm 1364430), coded as fhir-adapter's
 * {@code PopulationCodes} expects. Every write is an update to a fixed id: repeated starts on a kept
 * database change nothing.
 */
class DemoPatients implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPatients.class);

    /** The demo patients' birth dates (fixed, so their ages move on with the calendar). */
    static final Map<String, String> BIRTH_DATES = Map.of("alex", "1990-05-17", "casey", "1968-09-03");

    private final DaoRegistry daoRegistry;
    private final List<String> ids;

    DemoPatients(DaoRegistry daoRegistry, @Value("${ehr.demo-patients:}") List<String> ids) {
        this.daoRegistry = daoRegistry;
        this.ids = ids.stream().map(String::strip).filter(id -> !id.isEmpty()).toList();
    }

    @Override
    public void run(ApplicationArguments args) {
        IFhirResourceDao<Patient> patients = daoRegistry.getResourceDao(Patient.class);
        for (String id : ids) {
            patients.update(demoPatient(id), new SystemRequestDetails());
        }
        if (ids.contains("casey")) {
            daoRegistry.getResourceDao(Condition.class).update(caseysBreastCancer(), new SystemRequestDetails());
            daoRegistry.getResourceDao(MedicationStatement.class).update(caseysApixaban(), new SystemRequestDetails());
        }
        if (!ids.isEmpty()) {
            LOG.info("Demo patients present: {}", ids);
        }
    }

    static Patient demoPatient(String id) {
        Patient patient = new Patient();
        patient.setId("Patient/" + id);
        patient.setActive(true);
        patient.addName().setText("Demo patient " + id).addGiven(id).setFamily("Demo");
        String born = BIRTH_DATES.get(id);
        if (born != null) {
            patient.setBirthDateElement(new DateType(born));
        }
        return patient;
    }

    static Condition caseysBreastCancer() {
        Condition condition = new Condition();
        condition.setId("Condition/casey-breast-cancer");
        condition.setSubject(new Reference("Patient/casey"));
        condition.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "254837009",
                "Malignant neoplasm of breast")));
        condition.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", "Resolved")));
        condition.setVerificationStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed")));
        return condition;
    }

    static MedicationStatement caseysApixaban() {
        MedicationStatement statement = new MedicationStatement();
        statement.setId("MedicationStatement/casey-apixaban");
        statement.setSubject(new Reference("Patient/casey"));
        statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        statement.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "1364430",
                "apixaban")));
        return statement;
    }
}
