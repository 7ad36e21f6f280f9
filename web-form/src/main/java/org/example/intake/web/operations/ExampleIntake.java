package org.example.intake.web.operations;

import java.util.Map;

import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.Group;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Type;

/**
 * A complete, made-up intake answering the current Questionnaire: every question it always
 * asks, answered as a patient with a simple cramp would (a SELF_CARE outcome), no free text, no
 * subject and no authored time. Nobody's data: the warm-up reads it, the API documentation
 * shows it as the example body.
 */
final class ExampleIntake {

    /** The answers that are not a plain "no". */
    private static final Map<Question, String> CODES = Map.of(Question.ONSET, "days", Question.SIDE, "left",
            Question.PATTERN, "improving", Question.FREQUENCY, "first-time", Question.STANDING, "can-stand");
    private static final Map<Question, Integer> NUMBERS = Map.of(Question.PAIN_SEVERITY, 4, Question.AGE, 34);
    private static final Map<Question, Boolean> YES = Map.of(Question.APPARENT_CAUSE, true);

    private ExampleIntake() {
    }

    /** A new response to the Questionnaire with this canonical URL (the current version's); never null. */
    static QuestionnaireResponse response(String questionnaireCanonical) {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(questionnaireCanonical);
        response.setStatus(QuestionnaireResponseStatus.COMPLETED);
        for (Group group : Group.values()) {
            QuestionnaireResponseItemComponent groupItem = new QuestionnaireResponseItemComponent()
                    .setLinkId(group.linkId());
            for (Question question : Question.of(group)) {
                if (question.isAskedIn(QuestionnaireVersion.CURRENT) && question.enabledWhenAnyTrue().isEmpty()
                        && question.required()) {
                    groupItem.addItem().setLinkId(question.linkId()).addAnswer().setValue(answer(question));
                }
            }
            if (groupItem.hasItem()) {
                response.addItem(groupItem);
            }
        }
        return response;
    }

    private static Type answer(Question question) {
        return switch (question.type()) {
            case BOOLEAN -> new BooleanType(YES.getOrDefault(question, false));
            case INTEGER -> new IntegerType(NUMBERS.getOrDefault(question, question.min()));
            case CHOICE -> coding(question.options().stream()
                    .filter(option -> option.code().equals(CODES.get(question))).findFirst()
                    .orElse(question.options().get(0)));
            case TEXT -> throw new IllegalStateException("no required free-text question expected: " + question);
        };
    }

    private static Coding coding(CodedAnswer option) {
        return new Coding(CodedAnswer.SYSTEM, option.code(), option.display());
    }
}
