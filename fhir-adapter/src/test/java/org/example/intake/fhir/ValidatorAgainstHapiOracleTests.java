package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.oracle.HapiQuestionnaireValidator;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our validator against HAPI's FhirInstanceValidator on the same responses. Every case pins
 * both verdicts: where HAPI also refuses, the two agree; where HAPI lets a problem through
 * (the classes it misses), the test records that it does, so a HAPI upgrade that starts
 * catching it shows up here. Valid responses must pass both.
 */
class ValidatorAgainstHapiOracleTests {

    private static HapiQuestionnaireValidator oracle;
    private final IntakeReader reader = new IntakeReader();

    @BeforeAll
    static void buildTheOracleOnce() {
        oracle = new HapiQuestionnaireValidator();
    }

    static Stream<Arguments> validResponses() {
        return Stream.of(
                Arguments.of("benign", (Supplier<String>) () -> Responses.benign().json()),
                Arguments.of("bare canonical", (Supplier<String>) () -> Responses.benign()
                        .questionnaire(Responses.CANONICAL).json()),
                Arguments.of("every flag raised", (Supplier<String>) () -> allFlags().json()),
                Arguments.of("bounds", (Supplier<String>) () -> Responses.benign().set(Question.PAIN_SEVERITY, 10)
                        .set(Question.AGE, 0).set(Question.NOTES, "x".repeat(2000)).json()),
                Arguments.of("optional answers left out", (Supplier<String>) () -> Responses.benign()
                        .remove(Question.LOW_FLUID).remove(Question.FOOTWEAR).json()),
                Arguments.of("a response to 1.0.0", (Supplier<String>) () -> Responses.benign1_0_0().json()),
                Arguments.of("a response to 1.0.0 without iv-drug-use, optional there", (Supplier<String>) () ->
                        Responses.benign1_0_0().remove(Question.IV_DRUG_USE).json()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validResponses")
    void validResponse_passesOursAndHapis(String name, Supplier<String> json) {
        String text = json.get();

        assertThat(reader.read(text)).isInstanceOf(IntakeReading.Accepted.class);
        assertThat(errorsOf(oracle.messages(text))).isEmpty();
    }

    static Stream<Arguments> invalidResponses() {
        return Stream.of(
                // problem class, response, whether HAPI refuses it too
                Arguments.of("unknown-link-id", (Supplier<String>) () -> withExtraItem(2, "toothache"), true),
                Arguments.of("wrong-type", (Supplier<String>) () -> Responses.benign()
                        .setRaw(Question.FEVER, new StringType("yes")).json(), true),
                Arguments.of("wrong-type", (Supplier<String>) () -> Responses.benign()
                        .setRaw(Question.PAIN_SEVERITY, new DecimalType("4.5")).json(), true),
                Arguments.of("out-of-range", (Supplier<String>) () -> Responses.benign()
                        .set(Question.PAIN_SEVERITY, 11).json(), HapiVerdicts.OUT_OF_RANGE),
                Arguments.of("unknown-code", (Supplier<String>) () -> Responses.benign()
                        .set(Question.ONSET, "years").json(), HapiVerdicts.UNKNOWN_CODE),
                Arguments.of("missing-answer", (Supplier<String>) () -> Responses.benign()
                        .remove(Question.SADDLE_NUMBNESS).json(), HapiVerdicts.MISSING_ANSWER),
                Arguments.of("missing-answer (enabled item)", (Supplier<String>) () -> Responses.benign()
                        .set(Question.RADIATES, true).json(), HapiVerdicts.MISSING_ENABLED_ANSWER),
                Arguments.of("answer-to-disabled-item", (Supplier<String>) () -> Responses.benign()
                        .set(Question.RADIATES_BELOW_KNEE, true).json(), HapiVerdicts.DISABLED_ANSWER),
                Arguments.of("repeated-answer", (Supplier<String>) () -> twoAnswers(), HapiVerdicts.REPEATED_ANSWER),
                Arguments.of("too-long", (Supplier<String>) () -> Responses.benign()
                        .set(Question.NOTES, "x".repeat(2001)).json(), HapiVerdicts.TOO_LONG),
                Arguments.of("misplaced-item", (Supplier<String>) () -> misplaced(), HapiVerdicts.MISPLACED),
                Arguments.of("wrong-questionnaire", (Supplier<String>) () -> Responses.benign()
                        .questionnaire(Responses.CANONICAL + "|9.9.9").json(), HapiVerdicts.WRONG_QUESTIONNAIRE),
                Arguments.of("not-a-questionnaire-response", (Supplier<String>) () ->
                        "{\"resourceType\":\"Patient\",\"id\":\"p1\"}", false),
                Arguments.of("not-completed", (Supplier<String>) () -> Responses.benign()
                        .status(QuestionnaireResponseStatus.INPROGRESS).json(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidResponses")
    void invalidResponse_isRefusedByOurs_andHapiBehavesAsRecorded(String problem, Supplier<String> json,
            boolean hapiRefuses) {
        String text = json.get();

        IntakeReading ours = reader.read(text);

        assertThat(ours).isInstanceOf(IntakeReading.Rejected.class);
        assertThat(ours.outcome().getIssue()).anySatisfy(issue -> assertThat(
                issue.getDetails().getCodingFirstRep().getCode()).isEqualTo(problem.replaceAll(" \\(.*\\)", "")));
        assertThat(errorsOf(oracle.messages(text))).as("HAPI's errors for " + problem)
                .matches(errors -> errors.isEmpty() != hapiRefuses, hapiRefuses ? "not empty" : "empty");
    }

    @Test
    void questionnaireAndCodeSystemResources_areValidFhir() {
        assertThat(errorsOf(oracle.messages(IntakeQuestionnaire.standard().resource()))).isEmpty();
        assertThat(errorsOf(oracle.messages(IntakeQuestionnaire.codeSystem()))).isEmpty();
    }

    @Test
    void operationOutcomesWeReturn_areValidFhir() {
        IntakeReading reading = reader.read(Responses.benign().set(Question.PAIN_SEVERITY, 11)
                .set(Question.RADIATES_BELOW_KNEE, true).json());

        assertThat(errorsOf(oracle.messages(reading.outcome()))).isEmpty();
    }

    /** What HAPI 8.8.0's FhirInstanceValidator was seen to do with each class (true: it refuses). */
    static final class HapiVerdicts {
        static final boolean OUT_OF_RANGE = true;
        static final boolean UNKNOWN_CODE = true;
        static final boolean MISSING_ANSWER = true;
        static final boolean MISSING_ENABLED_ANSWER = true;
        static final boolean DISABLED_ANSWER = true;
        static final boolean REPEATED_ANSWER = true;
        static final boolean TOO_LONG = false;
        static final boolean MISPLACED = true;
        static final boolean WRONG_QUESTIONNAIRE = false;
    }

    private static List<SingleValidationMessage> errorsOf(List<SingleValidationMessage> messages) {
        return messages.stream().filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR
                || m.getSeverity() == ResultSeverityEnum.FATAL).toList();
    }

    private static Responses allFlags() {
        Responses responses = Responses.benign();
        for (Question question : Question.values()) {
            if (question.type() == org.example.intake.core.answers.AnswerType.BOOLEAN) {
                responses.set(question, question != Question.CAN_BEAR_WEIGHT);
            }
        }
        return responses.set(Question.ONSET, "over-6-weeks").set(Question.PATTERN, "worsening")
                .set(Question.FREQUENCY, "daily-or-constant").set(Question.PAIN_SEVERITY, 9).set(Question.AGE, 67)
                .set(Question.APPARENT_CAUSE, false);
    }

    private static String withExtraItem(int group, String linkId) {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().get(group).addItem().setLinkId(linkId).addAnswer().setValue(new BooleanType(true));
        return encode(response);
    }

    private static String twoAnswers() {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().get(2).getItem().get(4).addAnswer().setValue(new BooleanType(true));
        return encode(response);
    }

    private static String misplaced() {
        QuestionnaireResponse response = Responses.benign().remove(Question.FEVER).build();
        response.getItem().get(0).addItem().setLinkId("fever").addAnswer().setValue(new BooleanType(false));
        return encode(response);
    }

    private static String encode(QuestionnaireResponse response) {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(response);
    }
}
