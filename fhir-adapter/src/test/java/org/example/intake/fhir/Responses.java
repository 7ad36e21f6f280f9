package org.example.intake.fhir;

import java.util.LinkedHashMap;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.Group;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.answers.Standing;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Test QuestionnaireResponses: a complete, valid, benign intake to the current questionnaire
 * (1.2.0) by default, or to a retired version ({@link #benign1_1_0()}, {@link #benign1_0_0()});
 * change what a test is about, then build the resource or its JSON. {@link #build()} writes the
 * answers set, in form order, whether the version asks them or not (so a test can send a
 * question its version does not ask).
 */
public final class Responses {

    public static final String CANONICAL = "http://example.org/fhir/Questionnaire/buttock-cramp-intake";

    private final Map<Question, Type> answers = new LinkedHashMap<>();
    private String questionnaire;
    private QuestionnaireResponseStatus status = QuestionnaireResponseStatus.COMPLETED;
    private String id = "qr-1";

    private Responses(QuestionnaireVersion version) {
        questionnaire = CANONICAL + "|" + version.code();
        for (Question question : Question.values()) {
            if (question.isAskedIn(version) && question.enabledWhenAnyTrue().isEmpty()
                    && question.type() == AnswerType.BOOLEAN) {
                answers.put(question, new BooleanType(false));
            }
        }
        set(Question.ONSET, "days");
        set(Question.SIDE, "left");
        set(Question.PAIN_SEVERITY, 4);
        set(Question.PATTERN, "improving");
        set(Question.FREQUENCY, "first-time");
        set(Question.APPARENT_CAUSE, true);
        set(Question.AGE, 34);
        if (Question.STANDING.isAskedIn(version)) {
            set(Question.STANDING, Standing.CAN_STAND.code());
        }
        if (Question.CAN_BEAR_WEIGHT.isAskedIn(version)) {
            set(Question.CAN_BEAR_WEIGHT, true);
        }
    }

    /** A complete benign intake to the current questionnaire, 1.2.0 (SELF_CARE). */
    public static Responses benign() {
        return benign(QuestionnaireVersion.CURRENT);
    }

    /**
     * A complete benign intake to this questionnaire version, naming it: every question the version
     * asks that no enableWhen hides, answered no, except those that make it benign (SELF_CARE for 1.1.0
     * and 1.2.0; rule set 1.2.0 sends every 1.0.0 response to a clinician the same day, FORM-INCOMPLETE).
     */
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
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setId(id);
        response.setQuestionnaire(questionnaire);
        response.setStatus(status);
        response.setSubject(new Reference("Patient/alex"));
        response.setAuthoredElement(new DateTimeType("2026-11-25T10:15:00Z"));
        for (Group group : Group.values()) {
            QuestionnaireResponseItemComponent groupItem = new QuestionnaireResponseItemComponent().setLinkId(group.linkId());
            for (Question question : Question.of(group)) {
                Type value = answers.get(question);
                if (value != null) {
                    groupItem.addItem().setLinkId(question.linkId()).addAnswer().setValue(value.copy());
                }
            }
            if (groupItem.hasItem()) {
                response.addItem(groupItem);
            }
        }
        return response;
    }

    public String json() {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(build());
    }
}
