package org.example.intake.fhir.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.example.intake.fhir.IntakeQuestionnaire;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * SDC observation-based extraction: one Observation per answer of every Questionnaire item
 * that carries the {@code sdc-questionnaire-observationExtract} extension. The code comes from
 * {@code item.code}, the value from the answer (a chosen code as the Questionnaire's answer option
 * defines it, as a CodeableConcept in the intake's code system), the category from the Questionnaire's
 * {@code sdc-questionnaire-observation-extract-category} (survey), subject from the response,
 * effective and issued from {@code authored}, and {@code derivedFrom} points at the response.
 * Unanswered, disabled and free-text items make none. Thread-safe.
 */
public final class ObservationExtractor {

    /** Marks an item whose answers become Observations. */
    public static final String OBSERVATION_EXTRACT =
            "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract";
    /** The category every extracted Observation carries. */
    public static final String EXTRACT_CATEGORY =
            "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observation-extract-category";
    static final String QUESTIONNAIRE_UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    private final IntakeQuestionnaire questionnaire;
    private final CodeableConcept category;

    public ObservationExtractor(IntakeQuestionnaire questionnaire) {
        this.questionnaire = Objects.requireNonNull(questionnaire, "questionnaire");
        Extension extension = questionnaire.resource().getExtensionByUrl(EXTRACT_CATEGORY);
        this.category = extension != null && extension.getValue() instanceof CodeableConcept concept ? concept
                : new CodeableConcept(new Coding(OBSERVATION_CATEGORY, "survey", "Survey"));
    }

    /**
     * The extracted Observations in form order, each paired with the linkId it came from.
     *
     * @param response     a response the intake accepted (validated; answers only to enabled items)
     * @param responseRef  how the Observations refer to the response (e.g. its urn:uuid in a Bundle)
     * @return never null; empty when nothing is marked for extraction or nothing was answered
     */
    public List<Extracted> extract(QuestionnaireResponse response, Reference responseRef) {
        List<Extracted> observations = new ArrayList<>();
        for (QuestionnaireResponseItemComponent group : response.getItem()) {
            for (QuestionnaireResponseItemComponent item : group.getItem()) {
                questionnaire.item(item.getLinkId()).ifPresent(spec -> {
                    QuestionnaireItemComponent definition = spec.element();
                    if (!isExtracted(definition)) {
                        return;
                    }
                    List<QuestionnaireResponseItemAnswerComponent> answers = item.getAnswer();
                    for (int index = 0; index < answers.size(); index++) {
                        Observation observation = observation(response, responseRef, definition,
                                answers.get(index).getValue());
                        observations.add(new Extracted(spec.linkId(), index + 1, observation));
                    }
                });
            }
        }
        return observations;
    }

    private Observation observation(QuestionnaireResponse response, Reference responseRef,
            QuestionnaireItemComponent definition, Type answer) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(category.copy());
        CodeableConcept code = new CodeableConcept();
        for (Coding coding : definition.getCode()) {
            code.addCoding(coding.copy());
        }
        code.setText(definition.getText());
        observation.setCode(code);
        if (response.hasSubject()) {
            observation.setSubject(response.getSubject().copy());
        }
        if (response.hasAuthored()) {
            observation.setEffective(response.getAuthoredElement().copy());
            observation.setIssued(response.getAuthored());
        }
        observation.addDerivedFrom(responseRef.copy());
        observation.setValue(value(definition, answer));
        return observation;
    }

    private static Type value(QuestionnaireItemComponent definition, Type answer) {
        if (answer instanceof Coding coding) {
            return new CodeableConcept(option(definition, coding));
        }
        if (answer instanceof IntegerType integer) {
            Extension unit = definition.getExtensionByUrl(QUESTIONNAIRE_UNIT);
            if (unit != null && unit.getValue() instanceof Coding ucum) {
                return new Quantity().setValue(integer.getValue()).setUnit(ucum.getDisplay())
                        .setSystem(ucum.getSystem()).setCode(ucum.getCode());
            }
            return integer.copy();
        }
        if (answer instanceof BooleanType || answer instanceof StringType) {
            return answer.copy();
        }
        throw new IllegalArgumentException("answers of type " + answer.fhirType() + " are not extracted");
    }

    /**
     * The Questionnaire's own answer option for a chosen code (system, code and display as the
     * Questionnaire and its CodeSystem define them, e.g. {@code standing} = {@code cannot-stand}),
     * so the Observation carries the code system even when the response's coding left it out; a
     * copy of the response's coding when the item has no such option.
     */
    private static Coding option(QuestionnaireItemComponent definition, Coding chosen) {
        for (QuestionnaireItemAnswerOptionComponent option : definition.getAnswerOption()) {
            if (option.hasValueCoding() && option.getValueCoding().getCode().equals(chosen.getCode())) {
                return option.getValueCoding().copy();
            }
        }
        return chosen.copy();
    }

    private static boolean isExtracted(QuestionnaireItemComponent definition) {
        Extension extension = definition.getExtensionByUrl(OBSERVATION_EXTRACT);
        return extension != null && extension.getValue() instanceof BooleanType flag
                && Boolean.TRUE.equals(flag.getValue()) && definition.hasCode();
    }

    /**
     * One extracted Observation.
     *
     * @param linkId      the item it came from
     * @param answerIndex which answer of that item, from 1
     * @param observation the Observation, with no id and no identifier yet
     */
    public record Extracted(String linkId, int answerIndex, Observation observation) {
    }
}
