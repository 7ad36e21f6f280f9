package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.fhir.oracle.HapiQuestionnaireValidator;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
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
 * catching it shows up here. Valid responses must pass both. The triage's
 * {@link StreamingAnswerReader} reads every valid one to the same answers and leaves every
 * invalid one to {@link IntakeReader}.
 */
class ValidatorAgainstHapiOracleTests {

    private static HapiQuestionnaireValidator oracle;
    private final IntakeReader reader = new IntakeReader();
    private final StreamingAnswerReader streaming = new StreamingAnswerReader();

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
                Arguments.of("1.2.0: standing could-not-before", (Supplier<String>) () -> Responses.benign()
                        .set(Question.STANDING, "could-not-before").json()),
                Arguments.of("1.2.0: pain in both legs", (Supplier<String>) () -> Responses.benign()
                        .set(Question.RADIATES, true).set(Question.RADIATES_BELOW_KNEE, true)
                        .set(Question.PAIN_BOTH_LEGS, true).json()),
                Arguments.of("1.2.0: numbness in both legs, getting worse", (Supplier<String>) () -> Responses.benign()
                        .set(Question.NUMBNESS_TINGLING, true).set(Question.NUMBNESS_BOTH_LEGS, true)
                        .set(Question.NUMBNESS_WORSENING, true).json()),
                Arguments.of("1.2.0: weakness in both legs", (Supplier<String>) () -> Responses.benign()
                        .set(Question.LEG_WEAKNESS, true).set(Question.WEAKNESS_PROGRESSING, false)
                        .set(Question.WEAKNESS_BOTH_LEGS, true).json()),
                Arguments.of("1.2.0: pregnant", (Supplier<String>) () -> Responses.benign()
                        .set(Question.PREGNANT, true).json()),
                Arguments.of("a response to 1.1.0", (Supplier<String>) () -> Responses.benign1_1_0().json()),
                Arguments.of("a response to 1.1.0 answering both-legs", (Supplier<String>) () -> Responses.benign1_1_0()
                        .set(Question.LEG_WEAKNESS, true).set(Question.WEAKNESS_PROGRESSING, false)
                        .set(Question.BOTH_LEGS, true).set(Question.CAN_BEAR_WEIGHT, false).json()),
                Arguments.of("a response to 1.0.0", (Supplier<String>) () -> Responses.benign1_0_0().json()),
                Arguments.of("a response to 1.0.0 without iv-drug-use, optional there", (Supplier<String>) () ->
                        Responses.benign1_0_0().remove(Question.IV_DRUG_USE).json()),
                Arguments.of("prefill marks: an answer kept from the record, one changed", (Supplier<String>) () ->
                        prefillMarked(PrefillMarks.PREFILLED_FROM, PrefillMarks.PREFILL_CHANGED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validResponses")
    void validResponse_passesOursAndHapis(String name, Supplier<String> json) {
        String text = json.get();

        IntakeReading ours = reader.read(text);
        assertThat(ours).isInstanceOf(IntakeReading.Accepted.class);
        assertThat(errorsOf(oracle.messages(text))).isEmpty();
        // The triage's streaming reader takes it too, to the same id and answers.
        StreamingAnswerReader.Plain streamed = streaming.read(text);
        assertThat(streamed).isNotNull();
        assertThat(streamed.answers()).isEqualTo(((IntakeReading.Accepted) ours).answers());
        assertThat(streamed.id()).isEqualTo(((IntakeReading.Accepted) ours).id());
    }

    /** The benign response with age marked by {@code ageMark} (two sources) and cancer-history by {@code cancerMark}. */
    static String prefillMarked(String ageMark, String cancerMark) {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().stream().flatMap(group -> group.getItem().stream()).forEach(item -> {
            if (item.getLinkId().equals(Question.AGE.linkId())) {
                item.addExtension(ageMark, new Reference("Patient/casey"));
                item.addExtension(ageMark, new Reference("Patient/casey-2"));
            } else if (item.getLinkId().equals(Question.CANCER_HISTORY.linkId())) {
                item.addExtension(cancerMark, new Reference("Condition/casey-breast-cancer"));
            }
        });
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(response);
    }

    @Test
    void anItemExtensionOtherThanThePrefillMarks_isLeftToTheFullReader_whichTakesItAsHapiDoes() {
        String other = prefillMarked("http://example.org/fhir/StructureDefinition/other", PrefillMarks.PREFILLED_FROM);

        assertThat(streaming.read(other)).isNull();
        assertThat(reader.read(other)).isInstanceOf(IntakeReading.Accepted.class);
        assertThat(errorsOf(oracle.messages(other))).isEmpty();
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
                        .status(QuestionnaireResponseStatus.INPROGRESS).json(), false),
                // 1.2.0's new items and the version contract
                Arguments.of("unknown-code (standing)", (Supplier<String>) () -> Responses.benign()
                        .set(Question.STANDING, "sometimes").json(), HapiVerdicts.UNKNOWN_CODE),
                Arguments.of("wrong-type (standing)", (Supplier<String>) () -> Responses.benign()
                        .setRaw(Question.STANDING, new BooleanType(true)).json(), true),
                Arguments.of("missing-answer (standing)", (Supplier<String>) () -> Responses.benign()
                        .remove(Question.STANDING).json(), HapiVerdicts.MISSING_ANSWER),
                Arguments.of("missing-answer (pregnant)", (Supplier<String>) () -> Responses.benign()
                        .remove(Question.PREGNANT).json(), HapiVerdicts.MISSING_ANSWER),
                Arguments.of("missing-answer (pain-both-legs enabled)", (Supplier<String>) () -> Responses.benign()
                        .set(Question.RADIATES, true).set(Question.RADIATES_BELOW_KNEE, false).json(),
                        HapiVerdicts.MISSING_ENABLED_ANSWER),
                Arguments.of("missing-answer (numbness-worsening enabled)", (Supplier<String>) () -> Responses.benign()
                        .set(Question.NUMBNESS_TINGLING, true).set(Question.NUMBNESS_BOTH_LEGS, false).json(),
                        HapiVerdicts.MISSING_ENABLED_ANSWER),
                Arguments.of("answer-to-disabled-item (pain-both-legs)", (Supplier<String>) () -> Responses.benign()
                        .set(Question.PAIN_BOTH_LEGS, true).json(), HapiVerdicts.DISABLED_ANSWER),
                Arguments.of("answer-to-disabled-item (weakness-both-legs)", (Supplier<String>) () -> Responses.benign()
                        .set(Question.WEAKNESS_BOTH_LEGS, false).json(), HapiVerdicts.DISABLED_ANSWER),
                Arguments.of("unknown-link-id (both-legs in 1.2.0)", (Supplier<String>) () -> Responses.benign()
                        .set(Question.RADIATES, true).set(Question.RADIATES_BELOW_KNEE, false)
                        .set(Question.PAIN_BOTH_LEGS, false).set(Question.BOTH_LEGS, true).json(), true),
                Arguments.of("unknown-link-id (can-bear-weight in 1.2.0)", (Supplier<String>) () -> Responses.benign()
                        .set(Question.CAN_BEAR_WEIGHT, true).json(), true),
                Arguments.of("unknown-link-id (standing in 1.1.0)", (Supplier<String>) () -> Responses.benign1_1_0()
                        .set(Question.STANDING, "can-stand").json(), true),
                Arguments.of("wrong-questionnaire (1.2.1)", (Supplier<String>) () -> Responses.benign()
                        .questionnaire(Responses.CANONICAL + "|1.2.1").json(), HapiVerdicts.WRONG_QUESTIONNAIRE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidResponses")
    void invalidResponse_isRefusedByOurs_andHapiBehavesAsRecorded(String problem, Supplier<String> json,
            boolean hapiRefuses) {
        String text = json.get();

        IntakeReading ours = reader.read(text);

        assertThat(ours).isInstanceOf(IntakeReading.Rejected.class);
        assertThat(streaming.read(text)).as("the triage's streaming reader leaves it to IntakeReader").isNull();
        assertThat(ours.outcome().getIssue()).anySatisfy(issue -> assertThat(
                issue.getDetails().getCodingFirstRep().getCode()).isEqualTo(problem.replaceAll(" \\(.*\\)", "")));
        assertThat(errorsOf(oracle.messages(text))).as("HAPI's errors for " + problem)
                .matches(errors -> errors.isEmpty() != hapiRefuses, hapiRefuses ? "not empty" : "empty");
    }

    @Test
    void questionnaireAndCodeSystemResources_ofEveryVersion_areValidFhir() {
        for (IntakeQuestionnaire questionnaire : IntakeQuestionnaires.standard().all()) {
            assertThat(errorsOf(oracle.messages(questionnaire.resource()))).as(questionnaire.version()).isEmpty();
        }
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
            if (question.type() == org.example.intake.core.answers.AnswerType.BOOLEAN
                    && question.isAskedIn(QuestionnaireVersion.CURRENT)) {
                responses.set(question, true);
            }
        }
        return responses.set(Question.STANDING, "cannot-stand").set(Question.ONSET, "over-6-weeks").set(Question.PATTERN, "worsening")
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
