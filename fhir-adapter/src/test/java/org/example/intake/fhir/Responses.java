package org.example.intake.fhir;

import java.util.LinkedHashMap;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Test QuestionnaireResponses: the complete, valid, benign intake of {@link ExampleIntakes} to the
 * current questionnaire (1.2.0) by default, or to a retired version ({@link #benign1_1_0()},
 * {@link #benign1_0_0()}), with id, subject and time; change what a test is about, then build the
 * resource or its JSON. Its codings carry no display. {@link #build()} writes the
 * answers set, in form order, whether the version asks them or not (so a test can send a
 * question its version does not ask).
 */
public final class Responses {

    public static final String CANONICAL = "http://example.org/fhir/Questionnaire/buttock-cramp-intake";

    private final QuestionnaireVersion version;
    private final Map<Question, Type> answers = new LinkedHashMap<>();
    private String questionnaire;
    private QuestionnaireResponseStatus status = QuestionnaireResponseStatus.COMPLETED;
    private String id = "qr-1";

    private Responses(QuestionnaireVersion version) {
        this.version = version;
        questionnaire = CANONICAL + "|" + version.code();
        ExampleIntakes.benignAnswers(version).forEach((question, value) -> {
            if (value instanceof CodedAnswer option) {
                set(question, option.code());
            } else if (value instanceof Integer number) {
                set(question, number.intValue());
            } else {
                set(question, (boolean) (Boolean) value);
            }
        });
    }

    /** A complete benign intake to the current questionnaire, 1.2.0 (SELF_CARE). */
    public static Responses benign() {
        return benign(QuestionnaireVersion.CURRENT);
    }

    /** A complete benign intake to this questionnaire version, naming it ({@link ExampleIntakes#benignAnswers}). */
    public static Responses benign(QuestionnaireVersion version) {
        return new Responses(version);
    }

    /** A complete benign intake to the retired questionnaire 1.1.0: with can-bear-weight, without 1.2.0's questions. */
    public static Responses benign1_1_0() {
        return benign(QuestionnaireVersion.V1_1_0);
    }

    /** A complete benign intake to the retired questionnaire 1.0.0: without the questions later versions added. */
    public static Responses benign1_0_0() {
        return benign(QuestionnaireVersion.V1_0_0);
    }

    public Responses set(Question question, boolean value) {
        answers.put(question, new BooleanType(value));
        return this;
    }

    public Responses set(Question question, int value) {
        answers.put(question, new IntegerType(value));
        return this;
    }

    /** A choice code (valueCoding in the intake's system), or text for a text question. */
    public Responses set(Question question, String value) {
        answers.put(question, question == Question.NOTES ? new StringType(value)
                : new Coding(CodedAnswer.SYSTEM, value, null));
        return this;
    }

    /** Any value, e.g. one of the wrong type. */
    public Responses setRaw(Question question, Type value) {
        answers.put(question, value);
        return this;
    }

    public Responses remove(Question question) {
        answers.remove(question);
        return this;
    }

    public Responses questionnaire(String canonical) {
        this.questionnaire = canonical;
        return this;
    }

    public Responses status(QuestionnaireResponseStatus status) {
        this.status = status;
        return this;
    }

    public Responses id(String id) {
        this.id = id;
        return this;
    }

    public QuestionnaireResponse build() {
        QuestionnaireResponse response = ExampleIntakes.response(version, answers);
        response.setId(id);
        response.setQuestionnaire(questionnaire);
        response.setStatus(status);
        response.setSubject(new Reference("Patient/alex"));
        response.setAuthoredElement(new DateTimeType("2026-11-25T10:15:00Z"));
        return response;
    }

    public String json() {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(build());
    }
}
