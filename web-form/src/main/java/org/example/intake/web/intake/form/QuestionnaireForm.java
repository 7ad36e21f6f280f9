package org.example.intake.web.intake.form;

import java.util.ArrayList;
import java.util.List;

import org.example.intake.fhir.IntakeQuestionnaire.GroupSpec;
import org.example.intake.fhir.IntakeQuestionnaire.ItemSpec;
import org.example.intake.fhir.IntakeQuestionnaire;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;

/** The page's sections and questions, built once from the current Questionnaire. */
final class QuestionnaireForm {

    /** A yes/no question's radios; a question whose answers need other words is a choice (as {@code standing}). */
    private static final List<FormQuestion.Option> YES_NO = List.of(new FormQuestion.Option("true", "Yes"),
            new FormQuestion.Option("false", "No"));

    private final IntakeQuestionnaire questionnaire;
    private final List<FormSection> sections;

    QuestionnaireForm(IntakeQuestionnaire questionnaire) {
        this.questionnaire = questionnaire;
        List<FormSection> built = new ArrayList<>();
        for (GroupSpec group : questionnaire.groups()) {
            List<FormQuestion> questions = new ArrayList<>();
            for (ItemSpec item : group.items()) {
                questions.add(question(item));
            }
            built.add(new FormSection(group.linkId(), group.element().getText(), List.copyOf(questions)));
        }
        this.sections = List.copyOf(built);
    }

    IntakeQuestionnaire questionnaire() {
        return questionnaire;
    }

    List<FormSection> sections() {
        return sections;
    }

    /** The question with this linkId, or null. */
    FormQuestion question(String linkId) {
        for (FormSection section : sections) {
            for (FormQuestion question : section.questions()) {
                if (question.linkId().equals(linkId)) {
                    return question;
                }
            }
        }
        return null;
    }

    private static FormQuestion question(ItemSpec item) {
        String type = item.type().fhirType();
        List<FormQuestion.Option> options = switch (item.type()) {
            case BOOLEAN -> YES_NO;
            case CHOICE -> {
                List<FormQuestion.Option> choices = new ArrayList<>();
                for (QuestionnaireItemAnswerOptionComponent option : item.element().getAnswerOption()) {
                    Coding coding = option.getValueCoding();
                    choices.add(new FormQuestion.Option(coding.getCode(), coding.getDisplay()));
                }
                yield List.copyOf(choices);
            }
            default -> List.of();
        };
        return new FormQuestion(item.linkId(), item.element().getText(), type, item.required(), options, item.min(),
                item.max(), item.enabledWhenAnyTrue());
    }
}
