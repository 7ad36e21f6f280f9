package org.example.intake.fhir.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import ca.uhn.fhir.validation.SingleValidationMessage;
import org.example.intake.fhir.oracle.HapiQuestionnaireValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Bundle of every decision case, and each resource in it on its own, validates with HAPI's
 * FhirInstanceValidator (R4 core) with no error.
 */
class DecisionBundleOracleTests {

    private static HapiQuestionnaireValidator oracle;
    private final SubmissionBundleBuilder builder = new SubmissionBundleBuilder();

    @BeforeAll
    static void buildTheOracleOnce() {
        oracle = new HapiQuestionnaireValidator();
    }

    static Stream<Arguments> cases() {
        return DecisionCases.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theBundleAndEachOfItsResources_validateWithoutError(String name, Submission submission) {
        Bundle bundle = builder.build(submission);

        assertThat(errors(oracle.errors(bundle))).as(name + ": the Bundle").isEmpty();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            assertThat(errors(oracle.errors(entry.getResource())))
                    .as(name + ": " + entry.getResource().fhirType() + " " + entry.getFullUrl()).isEmpty();
        }
        assertThat(bundle.getEntry()).as(name + ": something was validated").hasSizeGreaterThan(3);
    }

    private static List<String> errors(List<SingleValidationMessage> errors) {
        return errors.stream().map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
    }
}
