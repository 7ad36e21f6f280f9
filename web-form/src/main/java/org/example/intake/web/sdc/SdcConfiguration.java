package org.example.intake.web.sdc;

import java.time.Clock;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.fhir.IntakeQuestionnaires;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.ehr.EhrClient;
import org.example.intake.fhir.extract.ResponseExtraction;
import org.example.intake.fhir.populate.IntakePopulation;
import org.example.intake.web.audit.AuditTrail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The plugin's FHIR base, {@code /api/fhir}: the intake Questionnaire (read and search), SDC's {@code $extract} and
 * {@code $populate}, and the CapabilityStatement that names them.
 */
@Configuration(proxyBeanMethods = false)
@Import(FhirApiController.class)
public class SdcConfiguration {

    @Bean
    RecordPrefill intakeRecordPrefill(EhrClient intakeEhrClient, AuditTrail intakeAuditTrail, Clock intakeClock) {
        return new RecordPrefill(new PatientRecords(intakeEhrClient), new IntakePopulation(), intakeAuditTrail,
                intakeClock);
    }

    @Bean
    SdcOperations intakeSdcOperations(FhirContext intakeFhirContext, IntakeReader intakeReader,
            IntakeQuestionnaires intakeQuestionnaires, RecordPrefill intakeRecordPrefill) {
        return new SdcOperations(intakeFhirContext, intakeReader, intakeQuestionnaires,
                new ResponseExtraction(intakeFhirContext), intakeRecordPrefill);
    }
}
