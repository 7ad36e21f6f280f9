package org.example.intake.fhir.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.fhir.Responses;
import org.example.intake.fhir.oracle.HapiQuestionnaireValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every resource the module sends to the EHR, for a response on which each rule fires and for
 * a self-care response, validates with HAPI's FhirInstanceValidator (R4 core) with no error:
 * the transaction Bundle as a whole, and each entry's resource on its own.
 */
class ExtractedResourcesOracleTests {

    private static HapiQuestionnaireValidator oracle;
    private final SubmissionBundleBuilder builder = new SubmissionBundleBuilder();

    @BeforeAll
    static void buildTheOracleOnce() {
        oracle = new HapiQuestionnaireValidator();
    }

    @ParameterizedTest
    @EnumSource(RedFlagRule.class)
    void bundleForAResponseFiringTheRule_isValidFhir(RedFlagRule rule) {
        Submission submission = SubmissionBundleBuilderUnitTests.submission("sub-" + rule.id().toLowerCase(),
                RuleResponses.firing(rule));
        assertThat(submission.outcome().firedRules()).contains(rule);

        Bundle bundle = builder.build(submission);

        assertThat(errors(oracle.messages(bundle))).as(rule.id()).isEmpty();
    }

    @Test
    void everyResourceOfASelfCareAndAnEmergencySubmission_isValidFhirOnItsOwn() {
        for (Responses responses : List.of(Responses.benign(), RuleResponses.firing(RedFlagRule.CES_SADDLE))) {
            Bundle bundle = builder.build(SubmissionBundleBuilderUnitTests.submission("sub-own", responses));

            for (BundleEntryComponent entry : bundle.getEntry()) {
                assertThat(errors(oracle.messages(entry.getResource()))).as(entry.getResource().fhirType()).isEmpty();
            }
        }
    }

    static Stream<Arguments> responsesOfEveryVersion() {
        return Stream.of(
                Arguments.of("1.2.0, every new question answered yes, standing cannot-stand", Responses.benign()
                        .set(Question.MAJOR_TRAUMA, true).set(Question.STANDING, "cannot-stand")
                        .set(Question.RADIATES, true).set(Question.RADIATES_BELOW_KNEE, true)
                        .set(Question.PAIN_BOTH_LEGS, true).set(Question.NUMBNESS_TINGLING, true)
                        .set(Question.NUMBNESS_BOTH_LEGS, true).set(Question.NUMBNESS_WORSENING, true)
                        .set(Question.LEG_WEAKNESS, true).set(Question.WEAKNESS_PROGRESSING, false)
                        .set(Question.WEAKNESS_BOTH_LEGS, true).set(Question.PREGNANT, true)
                        .set(Question.NOTES, "Started after lifting a box.")),
                Arguments.of("1.2.0, standing could-not-before", Responses.benign()
                        .set(Question.STANDING, "could-not-before").set(Question.PATTERN, "worsening")),
                Arguments.of("1.1.0, both-legs and can-bear-weight answered", Responses.benign1_1_0()
                        .set(Question.NUMBNESS_TINGLING, true).set(Question.BOTH_LEGS, true)
                        .set(Question.CAN_BEAR_WEIGHT, false)),
                Arguments.of("1.0.0 (FORM-INCOMPLETE)", Responses.benign1_0_0()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responsesOfEveryVersion")
    void theBundleOfAResponseToEveryVersion_andEachOfItsResources_isValidFhir(String name, Responses responses) {
        Bundle bundle = builder.build(SubmissionBundleBuilderUnitTests.submission("sub-versions", responses));

        assertThat(errors(oracle.messages(bundle))).as(name + ": the Bundle").isEmpty();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            assertThat(errors(oracle.messages(entry.getResource())))
                    .as(name + ": " + entry.getResource().fhirType() + " " + entry.getFullUrl()).isEmpty();
        }
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType())
                .contains("QuestionnaireResponse", "Observation", "Flag", "ServiceRequest", "Provenance");
    }

    @Test
    void bundleForEveryValidExample_isValidFhir() throws java.io.IOException {
        List<java.nio.file.Path> examples;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("..", "examples"))) {
            examples = files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
        org.example.intake.fhir.IntakeReader reader = new org.example.intake.fhir.IntakeReader();
        int built = 0;

        for (java.nio.file.Path example : examples) {
            var reading = reader.read(java.nio.file.Files.readString(example));
            if (!(reading instanceof org.example.intake.fhir.IntakeReading.Accepted accepted)) {
                continue;
            }
            Submission submission = new Submission(accepted.id(), accepted.response(), accepted.answers(),
                    new org.example.intake.core.triage.TriageEngine().triage(accepted.answers()),
                    SubmissionBundleBuilderUnitTests.TRIAGED_AT);
            assertThat(errors(oracle.messages(builder.build(submission)))).as(example.toString()).isEmpty();
            built++;
        }

        assertThat(built).as("valid examples found in " + examples).isGreaterThanOrEqualTo(5);
    }

    private static List<String> errors(List<SingleValidationMessage> messages) {
        return messages.stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
