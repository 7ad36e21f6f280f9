package org.example.intake.web.intake.form;

import java.util.LinkedHashMap;
import java.util.Map;

import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.IntakeQuestionnaire.GroupSpec;
import org.example.intake.fhir.IntakeQuestionnaire.ItemSpec;
import org.example.intake.fhir.IntakeQuestionnaire;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * What a patient ticked and typed, by linkId, as the form posts it. It becomes a
 * QuestionnaireResponse for the service, which alone decides whether it is valid; nothing is
 * judged here. enableWhen is applied again on this side: a hidden question's answer (a browser
 * still posts a ticked radio it hides) is left out.
 */
final class FormAnswers {

    private final Map<String, String> values;

    private FormAnswers(Map<String, String> values) {
        this.values = values;
    }

    /** The answers among the posted fields, blank ones left out, trimmed. */
    static FormAnswers of(Map<String, String> posted, IntakeQuestionnaire questionnaire) {
        Map<String, String> values = new LinkedHashMap<>();
        for (GroupSpec group : questionnaire.groups()) {
            for (ItemSpec item : group.items()) {
                String value = posted.get(item.linkId());
                if (value != null && !value.isBlank()) {
                    values.put(item.linkId(), item.type() == AnswerType.TEXT ? value : value.strip());
                }
            }
        }
        return new FormAnswers(values);
    }

    /** The posted value of a question, or null: the page shows it again after a refusal. */
    String value(String linkId) {
        return values.get(linkId);
    }

    /** Every answer kept, by linkId. */
    Map<String, String> values() {
        return values;
    }

    /**
     * The QuestionnaireResponse these answers make, as the patient gave them: a value that is
     * not of the question's type is passed on as text, for validation to refuse with its reason.
     */
    QuestionnaireResponse toResponse(IntakeQuestionnaire questionnaire, String patientId) {
        QuestionnaireResponse response = new QuestionnaireResponse()
                .setQuestionnaire(questionnaire.canonical())
                .setStatus(QuestionnaireResponseStatus.COMPLETED)
                .setSubject(new Reference("Patient/" + patientId));
        for (GroupSpec group : questionnaire.groups()) {
            QuestionnaireResponseItemComponent groupItem = new QuestionnaireResponseItemComponent()
                    .setLinkId(group.linkId()).setText(group.element().getText());
            for (ItemSpec item : group.items()) {
                String value = values.get(item.linkId());
                if (value == null || !isShown(item)) {
                    continue;
                }
                groupItem.addItem().setLinkId(item.linkId()).setText(item.element().getText()).addAnswer()
                        .setValue(value(item, value));
            }
            if (groupItem.hasItem()) {
                response.addItem(groupItem);
            }
        }
        return response;
    }

    /**
     * The answers so far as intake-core reads them, leaving out whatever is not (yet) a valid
     * answer: what the page asks the rules about before the patient submits.
     */
    IntakeAnswers partial(IntakeQuestionnaire questionnaire) {
        IntakeAnswers.Builder builder = IntakeAnswers.builder().version(questionnaire.questionnaireVersion());
        for (Map.Entry<String, String> entry : values.entrySet()) {
            ItemSpec item = questionnaire.item(entry.getKey()).orElse(null);
            if (item == null) {
                continue;
            }
            Question question = item.question();
            String value = entry.getValue();
            try {
                switch (item.type()) {
                    case BOOLEAN -> {
                        if (value.equals("true") || value.equals("false")) {
                            builder.answer(question, Boolean.parseBoolean(value));
                        }
                    }
                    case INTEGER -> builder.answer(question, Integer.parseInt(value));
                    case CHOICE -> question.option(value).ifPresent(option -> builder.answer(question, option));
                    case TEXT -> builder.answer(question, value);
                }
            } catch (IllegalArgumentException e) {
                // not a valid answer yet (a half-typed number, out of range, too long): leave it out
            }
        }
        return builder.build();
    }

    /** The linkIds of the questions that the answers so far leave hidden (their enableWhen is not met). */
    java.util.Set<String> hidden(IntakeQuestionnaire questionnaire) {
        java.util.Set<String> hidden = new java.util.HashSet<>();
        for (GroupSpec group : questionnaire.groups()) {
            for (ItemSpec item : group.items()) {
                if (!isShown(item)) {
                    hidden.add(item.linkId());
                }
            }
        }
        return hidden;
    }

    private boolean isShown(ItemSpec item) {
        return item.question().isEnabled(condition -> "true".equals(values.get(condition.linkId())));
    }

    private static Type value(ItemSpec item, String value) {
        switch (item.type()) {
            case BOOLEAN -> {
                if (value.equals("true") || value.equals("false")) {
                    return new BooleanType(Boolean.parseBoolean(value));
                }
            }
            case INTEGER -> {
                try {
                    return new IntegerType(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    // passed on as text below, for validation to refuse
                }
            }
            case CHOICE -> {
                String system = item.options().get(value);
                return new Coding(system != null ? system : CodedAnswer.SYSTEM, value, null);
            }
            case TEXT -> {
                return new StringType(value);
            }
        }
        return new StringType(value);
    }
}
