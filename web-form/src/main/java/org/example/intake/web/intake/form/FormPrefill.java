package org.example.intake.web.intake.form;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.example.intake.fhir.populate.IntakePopulation;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * The answers the form was opened with from the patient's record: by linkId, the value as the form posts it and
 * the record entries it came from. Kept in the patient's session (not in the page, so a posted field cannot claim
 * that an answer came from the record) until they submit. Immutable.
 *
 * @param answers the prefilled answers by linkId, in the Questionnaire's order
 */
record FormPrefill(Map<String, Prefilled> answers) implements Serializable {

    /** Nothing prefilled. */
    static final FormPrefill NONE = new FormPrefill(Map.of());

    /**
     * One prefilled answer.
     *
     * @param value   the value as the form posts it ({@code true}, {@code 52}, a code)
     * @param sources the references of the record entries it came from, never empty
     */
    record Prefilled(String value, List<String> sources) implements Serializable {
    }

    FormPrefill {
        answers = Map.copyOf(answers);
    }

    /** The answered question items of a populated response, with their {@link IntakePopulation#PREFILLED_FROM}. */
    static FormPrefill of(QuestionnaireResponse populated) {
        Map<String, Prefilled> answers = new LinkedHashMap<>();
        for (QuestionnaireResponseItemComponent group : populated.getItem()) {
            for (QuestionnaireResponseItemComponent item : group.getItem()) {
                List<String> sources = item.getExtensionsByUrl(IntakePopulation.PREFILLED_FROM).stream()
                        .map(Extension::getValue).filter(Reference.class::isInstance)
                        .map(value -> ((Reference) value).getReference()).toList();
                if (item.getAnswer().size() == 1 && !sources.isEmpty()) {
                    String value = posted(item.getAnswerFirstRep().getValue());
                    if (value != null) {
                        answers.put(item.getLinkId(), new Prefilled(value, sources));
                    }
                }
            }
        }
        return new FormPrefill(answers);
    }

    /** The values by linkId, as the form would have posted them. */
    Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        answers.forEach((linkId, prefilled) -> values.put(linkId, prefilled.value()));
        return values;
    }

    /** The linkIds whose answer is still the prefilled one: the page notes them as from the record. */
    Set<String> kept(FormAnswers posted) {
        return answers.entrySet().stream().filter(entry -> entry.getValue().value().equals(posted.value(entry.getKey())))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Marks the response's items: a kept prefilled answer gets {@link IntakePopulation#PREFILLED_FROM}, a changed
     * one {@link IntakePopulation#PREFILL_CHANGED}, each naming the record entries. A prefilled answer the patient
     * cleared leaves no item, so no mark.
     */
    QuestionnaireResponse mark(QuestionnaireResponse response, FormAnswers posted) {
        Set<String> kept = kept(posted);
        for (QuestionnaireResponseItemComponent group : response.getItem()) {
            for (QuestionnaireResponseItemComponent item : group.getItem()) {
                Prefilled prefilled = answers.get(item.getLinkId());
                if (prefilled != null) {
                    String url = kept.contains(item.getLinkId()) ? IntakePopulation.PREFILLED_FROM
                            : IntakePopulation.PREFILL_CHANGED;
                    prefilled.sources().forEach(source -> item.addExtension(url, new Reference(source)));
                }
            }
        }
        return response;
    }

    private static String posted(Type value) {
        if (value instanceof Coding coding) {
            return coding.getCode();
        }
        return value == null || value.isEmpty() ? null : value.primitiveValue();
    }
}
