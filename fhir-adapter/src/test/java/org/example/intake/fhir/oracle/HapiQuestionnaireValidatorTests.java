package org.example.intake.fhir.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the oracle really checks responses against the intake Questionnaire: if HAPI could
 * not resolve it, every response would "pass" with one INFORMATION message, and these tests
 * would fail.
 */
class HapiQuestionnaireValidatorTests {

    private static final String CANONICAL = "http://example.org/fhir/Questionnaire/buttock-cramp-intake";
    private static final String CODE_SYSTEM = "http://example.org/fhir/CodeSystem/buttock-cramp-intake";

    private static HapiQuestionnaireValidator oracle;

    @BeforeAll
    static void buildTheOracleOnce() {
        oracle = new HapiQuestionnaireValidator();
    }

    @Test
    void the_questionnaire_is_served_under_its_canonical_with_and_without_the_version() {
        assertThat(oracle.questionnaire().getUrl()).isEqualTo(CANONICAL);
        assertThat(oracle.servedCanonicals()).contains(CANONICAL, CANONICAL + "|1.0.0", CANONICAL + "|1.1.0",
                CANONICAL + "|1.2.0");
        assertThat(oracle.questionnaire().getVersion()).as("the bare canonical names the current version").isEqualTo("1.2.0");
    }

    @Test
    void the_intake_code_system_is_served_too() {
        assertThat(oracle.servedCanonicals()).contains(CODE_SYSTEM);
    }

    @Test
    void a_complete_correct_response_gets_no_error() {
        List<SingleValidationMessage> messages = oracle.messages(completeIntakeJson());

        assertThat(messages).noneMatch(HapiQuestionnaireValidatorTests::isError);
    }

    @Test
    void a_complete_correct_response_naming_the_bare_canonical_gets_no_error() {
        QuestionnaireResponse response = completeIntake();
        response.setQuestionnaire(CANONICAL);

        assertThat(oracle.messages(response)).noneMatch(HapiQuestionnaireValidatorTests::isError);
    }

    @Test
    void a_response_with_an_unknown_link_id_gets_an_error_that_names_it() {
        QuestionnaireResponse response = completeIntake();
        group(response, "cramp").addItem().setLinkId("no-such-question").addAnswer().setValue(new StringType("x"));

        List<SingleValidationMessage> errors = oracle.errors(response);

        assertThat(errors).isNotEmpty();
        assertThat(errors).anySatisfy(e -> assertThat(e.getMessage()).contains("no-such-question"));
    }

    @Test
    void a_response_with_an_unknown_link_id_naming_the_bare_canonical_gets_an_error_too() {
        QuestionnaireResponse response = completeIntake();
        response.setQuestionnaire(CANONICAL);
        group(response, "cramp").addItem().setLinkId("no-such-question").addAnswer().setValue(new StringType("x"));

        assertThat(oracle.errors(response)).anySatisfy(e -> assertThat(e.getMessage()).contains("no-such-question"));
    }

    @Test
    void a_response_with_text_where_a_boolean_is_asked_gets_an_error() {
        QuestionnaireResponse response = completeIntake();
        question(response, "warning", "fever").getAnswerFirstRep().setValue(new StringType("no"));

        assertThat(oracle.errors(response)).isNotEmpty();
    }

    @Test
    void a_response_with_text_where_an_integer_is_asked_gets_an_error() {
        QuestionnaireResponse response = completeIntake();
        question(response, "cramp", "pain-severity").getAnswerFirstRep().setValue(new StringType("six"));

        assertThat(oracle.errors(response)).isNotEmpty();
    }

    @Test
    void the_outcome_of_a_rejected_response_carries_error_issues() {
        QuestionnaireResponse response = completeIntake();
        question(response, "warning", "fever").getAnswerFirstRep().setValue(new StringType("no"));

        OperationOutcome outcome = oracle.validate(response);

        assertThat(outcome.getIssue())
                .anyMatch(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR);
    }

    private static boolean isError(SingleValidationMessage message) {
        return message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL;
    }

    private static QuestionnaireResponse completeIntake() {
        return FhirContext.forR4Cached().newJsonParser().parseResource(QuestionnaireResponse.class, completeIntakeJson());
    }

    private static QuestionnaireResponseItemComponent group(QuestionnaireResponse response, String linkId) {
        return response.getItem().stream().filter(i -> i.getLinkId().equals(linkId)).findFirst().orElseThrow();
    }

    private static QuestionnaireResponseItemComponent question(QuestionnaireResponse response, String group,
            String linkId) {
        return group(response, group).getItem().stream().filter(i -> i.getLinkId().equals(linkId)).findFirst()
                .orElseThrow();
    }

    private static String completeIntakeJson() {
        try (InputStream in = HapiQuestionnaireValidatorTests.class.getResourceAsStream("/oracle/complete-intake.json")) {
            assertThat(in).as("test resource /oracle/complete-intake.json").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
