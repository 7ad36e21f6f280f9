package org.example.intake.ehr;

import java.util.List;

import org.hl7.fhir.r4.model.Patient;
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
 * sandbox says it is ready, so that intakes for them pass referential integrity. The write is an
 * update to a fixed id: repeated starts change nothing.
 */
class DemoPatients implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPatients.class);

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
        if (!ids.isEmpty()) {
            LOG.info("Demo patients present: {}", ids);
        }
    }

    static Patient demoPatient(String id) {
        Patient patient = new Patient();
        patient.setId("Patient/" + id);
        patient.setActive(true);
        patient.addName().setText("Demo patient " + id).addGiven(id).setFamily("Demo");
        return patient;
    }
}
