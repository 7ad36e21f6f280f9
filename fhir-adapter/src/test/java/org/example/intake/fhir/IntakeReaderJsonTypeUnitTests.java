package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.example.intake.core.answers.Question;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * FHIR JSON's primitive types: a JSON boolean for boolean, a JSON number for integer and
 * decimal (no fraction or exponent for the integer types), a JSON string for everything else.
 * HAPI's parser reads any scalar as text, so these inputs never reach the fast path and are
 * refused on HAPI's path with {@code wrong-type}.
 */
class IntakeReaderJsonTypeUnitTests {

    private static final String FEVER_VALUE = "QuestionnaireResponse.item[2].item[4].answer[0].value";
    private static final String AGE_VALUE = "QuestionnaireResponse.item[3].item[0].answer[0].value";
    private static final String NOTES_VALUE = "QuestionnaireResponse.item[4].item[5].answer[0].value";

    private final IntakeReader reader = new IntakeReader();

    @Test
    void booleanAnswerGivenAsAString_isRefusedAsWrongType_notTriagedAsYes() {
        String json = answer(Question.FEVER, "\"valueBoolean\":\"true\"");

        IntakeReading reading = reader.read(json);

        assertThat(reading).isInstanceOf(IntakeReading.Rejected.class);
        assertThat(codes(reading.outcome())).containsExactly("wrong-type@" + FEVER_VALUE);
        assertThat(reading.outcome().getIssueFirstRep().getDiagnostics()).contains("valueBoolean")
                .contains("JSON boolean").doesNotContain("true");
    }

    @Test
    void integerAnswerGivenAsAString_isRefusedAsWrongType() {
        String json = answer(Question.AGE, "\"valueInteger\":\"12\"");

        assertThat(problems(json)).containsExactly("wrong-type@" + AGE_VALUE);
        assertThat(reader.read(json).outcome().getIssueFirstRep().getDiagnostics()).contains("valueInteger")
                .doesNotContain("12");
    }

    @Test
    void integerAnswerWithAnExponent_isRefusedAsWrongType_althoughHapiReadsItAsTen() {
        assertThat(problems(answer(Question.AGE, "\"valueInteger\":1e1"))).containsExactly("wrong-type@" + AGE_VALUE);
        assertThat(problems(answer(Question.AGE, "\"valueInteger\":1E+1"))).containsExactly("wrong-type@" + AGE_VALUE);
    }

    @Test
    void integerAnswerWithAFraction_isRefusedAsWrongType_notAlsoAsAnInvalidElement() {
        List<String> problems = problems(answer(Question.AGE, "\"valueInteger\":12.0"));

        assertThat(problems).containsOnlyOnce("wrong-type@" + AGE_VALUE);
        assertThat(problems).noneMatch(problem -> problem.startsWith("invalid-element"));
    }

    @Test
    void booleanAnswerGivenAsANumber_isRefusedAsWrongType_notAlsoAsAnInvalidElement() {
        for (String number : List.of("1", "0")) {
            List<String> problems = problems(answer(Question.FEVER, "\"valueBoolean\":" + number));

            assertThat(problems).as(number).containsOnlyOnce("wrong-type@" + FEVER_VALUE);
            assertThat(problems).as(number).noneMatch(problem -> problem.startsWith("invalid-element"));
        }
    }

    @Test
    void textAnswerGivenAsANumberOrABoolean_isRefusedAsWrongType() {
        assertThat(problems(answer(Question.NOTES, "\"valueString\":42"))).containsExactly("wrong-type@" + NOTES_VALUE);
        assertThat(problems(answer(Question.NOTES, "\"valueString\":false"))).containsExactly("wrong-type@" + NOTES_VALUE);
    }

    @Test
    void codingCodeGivenAsANumber_isRefusedAsWrongType() {
        String json = Responses.benign().json().replace("\"code\":\"left\"", "\"code\":7");

        assertThat(problems(json)).contains("wrong-type@QuestionnaireResponse.item[0].item[1].answer[0].value.code");
    }

    @Test
    void stringElementsOfTheResponseGivenAsNumbersOrBooleans_areRefusedAsWrongType() {
        String json = Responses.benign().json();

        assertThat(problems(json.replace("\"status\":\"completed\"", "\"status\":true")))
                .contains("wrong-type@QuestionnaireResponse.status");
        assertThat(problems(json.replace("\"authored\":\"2026-11-25T10:15:00Z\"", "\"authored\":20261125")))
                .containsExactly("wrong-type@QuestionnaireResponse.authored");
        assertThat(problems(json.replace("\"reference\":\"Patient/alex\"", "\"reference\":12")))
                .containsExactly("wrong-type@QuestionnaireResponse.subject.reference");
    }

    @Test
    void linkIdGivenAsANumber_isRefusedAsWrongType_atItsItem() {
        String json = Responses.benign().json().replace("\"linkId\":\"fever\"", "\"linkId\":5");

        assertThat(problems(json)).contains("wrong-type@QuestionnaireResponse.item[2].item[4].linkId");
    }

    @Test
    void theResourceIdGivenAsANumber_isRefusedAsWrongType() {
        String json = Responses.benign().json().replace("\"id\":\"qr-1\"", "\"id\":1");

        assertThat(problems(json)).containsExactly("wrong-type@QuestionnaireResponse");
    }

    @Test
    void wrongTypesInsideExtensionsAndContainedResources_areRefusedToo() {
        String json = Responses.benign().json();
        String extension = json.replaceFirst("\\{", "{\"extension\":[{\"url\":\"http://example.org/x\","
                + "\"valueBoolean\":\"false\"}],");
        String contained = json.replaceFirst("\\{", "{\"contained\":[{\"resourceType\":\"Patient\",\"id\":\"p\","
                + "\"active\":\"true\"}],");
        String primitiveExtension = json.replace("\"status\":\"completed\"", "\"status\":\"completed\","
                + "\"_status\":{\"extension\":[{\"url\":\"http://example.org/y\",\"valueInteger\":\"3\"}]}");

        assertThat(problems(extension)).containsExactly("wrong-type@QuestionnaireResponse.extension[0].value");
        assertThat(problems(contained)).containsExactly("wrong-type@QuestionnaireResponse.contained[0].active");
        assertThat(problems(primitiveExtension))
                .containsExactly("wrong-type@QuestionnaireResponse.status.extension[0].value");
    }

    @Test
    void wrongTypesInsideModifierExtensions_areRefusedToo() {
        String json = Responses.benign().json().replaceFirst("\\{", "{\"modifierExtension\":[{\"url\":"
                + "\"http://example.org/negated\",\"valueBoolean\":\"true\"}],");

        assertThat(problems(json)).contains("wrong-type@QuestionnaireResponse.modifierExtension[0].value");
    }

    @Test
    void everyWronglyTypedPrimitive_isReported_inDocumentOrder() {
        String json = answer(Question.FEVER, "\"valueBoolean\":\"true\"")
                .replace("\"valueInteger\":34", "\"valueInteger\":\"34\"");

        assertThat(problems(json)).containsExactly("wrong-type@" + FEVER_VALUE, "wrong-type@" + AGE_VALUE);
    }

    @Test
    void correctlyTypedValuesOffTheFastPath_areStillAccepted() {
        String json = Responses.benign().json().replaceFirst("\\{", "{\"meta\":{\"versionId\":\"3\","
                + "\"lastUpdated\":\"2026-11-25T10:16:00Z\"},\"extension\":[{\"url\":\"http://example.org/x\","
                + "\"valueBoolean\":true},{\"url\":\"http://example.org/n\",\"valueDecimal\":1.50},"
                + "{\"url\":\"http://example.org/i\",\"valueInteger\":-3},{\"url\":\"http://example.org/p\","
                + "\"valuePositiveInt\":2}],");

        IntakeReading reading = reader.read(json);

        assertThat(reading).isInstanceOf(IntakeReading.Accepted.class);
        assertThat(codes(reading.outcome())).isEmpty();
    }

    /** The benign response, with the answer to {@code question} replaced by raw JSON (key and value). */
    private static String answer(Question question, String rawKeyAndValue) {
        String placeholder = "@@" + question.linkId() + "@@";
        String json = Responses.benign().setRaw(question, new StringType(placeholder)).json();
        return json.replace("\"valueString\":\"" + placeholder + "\"", rawKeyAndValue);
    }

    private List<String> problems(String json) {
        IntakeReading reading = reader.read(json);
        assertThat(reading).isInstanceOf(IntakeReading.Rejected.class);
        return codes(reading.outcome());
    }

    /** The problems (errors and warnings), not the information issues. */
    private static List<String> codes(OperationOutcome outcome) {
        return outcome.getIssue().stream().filter(issue -> issue.getSeverity() != IssueSeverity.INFORMATION)
                .map(IntakeReaderJsonTypeUnitTests::code).toList();
    }

    private static String code(OperationOutcomeIssueComponent issue) {
        String expression = issue.getExpression().isEmpty() ? "" : issue.getExpression().get(0).getValue();
        return issue.getDetails().getCodingFirstRep().getCode() + "@" + expression;
    }
}
