package org.example.intake.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ca.uhn.fhir.validation.SingleValidationMessage;
import org.example.intake.fhir.oracle.HapiQuestionnaireValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.junit.jupiter.api.Test;

/**
 * The AuditEvent Bundle of every action, and each AuditEvent on its own, validates with HAPI's
 * FhirInstanceValidator (R4 core) with no error.
 */
class AuditEventOracleTests {

    @Test
    void theBundleAndEveryAuditEvent_validateWithoutError() {
        HapiQuestionnaireValidator oracle = new HapiQuestionnaireValidator();
        Bundle bundle = new AuditEventBundleBuilder().build(AuditRecords.oneOfEach("oracle"));

        assertThat(text(oracle.errors(bundle))).as("the Bundle").isEmpty();
        assertThat(bundle.getEntry()).hasSize(AuditAction.values().length);
        for (BundleEntryComponent entry : bundle.getEntry()) {
            assertThat(text(oracle.errors(entry.getResource()))).as(entry.getRequest().getUrl()).isEmpty();
        }
    }

    private static List<String> text(List<SingleValidationMessage> errors) {
        return errors.stream().map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
    }
}
