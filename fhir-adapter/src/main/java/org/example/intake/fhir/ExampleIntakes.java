package org.example.intake.fhir;

import java.util.EnumMap;
import java.util.Map;

import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.Frequency;
import org.example.intake.core.answers.Group;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.answers.Side;
import org.example.intake.core.answers.Standing;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * The one place example intakes are made: made-up answers (nobody's data) and the QuestionnaireResponse
 * that answers make, as a form filler sends it. The web form's warm-up reads {@link #benign}; the
 * tests' response builder ({@code Responses} in this module's test classes) starts from
 * {@link #benignAnswers} and the load runs' generator ({@code SampleIntakes}) writes {@link #response}s.
 *
 * <p>A response has groups in form order, each answered question directly under its group, a group with no
 * answer left out; status completed, no id, subject or authored time (a caller sets them).
 */
public final class ExampleIntakes {

    private ExampleIntakes() {
    }

    /**
     * A complete benign intake to this questionnaire version: every question the version asks that no
     * enableWhen hides, answered no, except onset a few days ago, the left side, pain 4, getting better,
     * the first time, an apparent cause, age 34, and able to stand ({@code can-bear-weight} yes in 1.1.0).
     * SELF_CARE for 1.1.0 and 1.2.0; rule set 1.2.0 sends every 1.0.0 response to a clinician the same day
     * (FORM-INCOMPLETE). No free text.
     *
     * @return Boolean, Integer or CodedAnswer by question, in form order; a new map the caller may change
     */
    public static Map<Question, Object> benignAnswers(QuestionnaireVersion version) {
        Map<Question, Object> answers = new EnumMap<>(Question.class);
        for (Question question : Question.values()) {
            if (question.isAskedIn(version) && question.enabledWhenAnyTrue().isEmpty()
                    && question.type() == AnswerType.BOOLEAN) {
                answers.put(question, false);
            }
        }
        answers.put(Question.ONSET, Onset.DAYS);
        answers.put(Question.SIDE, Side.LEFT);
        answers.put(Question.PAIN_SEVERITY, 4);
        answers.put(Question.PATTERN, Pattern.IMPROVING);
        answers.put(Question.FREQUENCY, Frequency.FIRST_TIME);
        answers.put(Question.APPARENT_CAUSE, true);
        answers.put(Question.AGE, 34);
        if (Question.STANDING.isAskedIn(version)) {
            answers.put(Question.STANDING, Standing.CAN_STAND);
        }
        if (Question.CAN_BEAR_WEIGHT.isAskedIn(version)) {
            answers.put(Question.CAN_BEAR_WEIGHT, true);
        }
        return answers;
    }

    /** {@link #benignAnswers} of the Questionnaire's version as a response naming it; never null. */
    public static QuestionnaireResponse benign(IntakeQuestionnaire questionnaire) {
        return response(questionnaire, benignAnswers(questionnaire.questionnaireVersion()));
    }

    /** As {@link #response(IntakeQuestionnaire, Map)}, to the standard Questionnaire of this version. */
    public static QuestionnaireResponse response(QuestionnaireVersion version, Map<Question, ?> answers) {
        return response(IntakeQuestionnaires.standard().get(version).orElseThrow(), answers);
    }

    /**
     * The response these answers make to this Questionnaire, naming it by its canonical. Every answer given
     * is written as it is, whether the Questionnaire asks the question and its enableWhen holds or not (so
     * a test can send what a form would not): leave out what should not be sent.
     *
     * @param answers by question: Boolean, Integer, CodedAnswer (a Coding in {@link CodedAnswer#SYSTEM}
     *                with its display), String, or any FHIR value, copied as it is (one of the wrong type, say)
     */
    public static QuestionnaireResponse response(IntakeQuestionnaire questionnaire, Map<Question, ?> answers) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(questionnaire.canonical());
        response.setStatus(QuestionnaireResponseStatus.COMPLETED);
        for (Group group : Group.values()) {
            QuestionnaireResponseItemComponent groupItem = new QuestionnaireResponseItemComponent()
                    .setLinkId(group.linkId());
            for (Question question : Question.of(group)) {
                Object value = answers.get(question);
                if (value != null) {
                    groupItem.addItem().setLinkId(question.linkId()).addAnswer().setValue(toFhir(value));
                }
            }
            if (groupItem.hasItem()) {
                response.addItem(groupItem);
            }
        }
        return response;
    }

    private static Type toFhir(Object value) {
        if (value instanceof Boolean bool) {
            return new BooleanType(bool);
        }
        if (value instanceof Integer number) {
            return new IntegerType(number);
        }
        if (value instanceof CodedAnswer option) {
            return new Coding(CodedAnswer.SYSTEM, option.code(), option.display());
        }
        if (value instanceof String text) {
            return new StringType(text);
        }
        if (value instanceof Type fhir) {
            return fhir.copy();
        }
        throw new IllegalArgumentException("not an answer value: " + value.getClass());
    }
}
