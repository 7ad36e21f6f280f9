package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.example.intake.core.answers.Group;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.fhir.IntakeQuestionnaire.ItemSpec;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IntakeQuestionnaireUnitTests {

    private static final String OBSERVATION_EXTRACT =
            "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract";

    private final IntakeQuestionnaire questionnaire = IntakeQuestionnaire.standard();

    @Test
    void standardQuestionnaire_hasTheContractCanonicalAndCurrentVersion() {
        assertThat(questionnaire.url()).isEqualTo("http://example.org/fhir/Questionnaire/buttock-cramp-intake");
        assertThat(questionnaire.version()).isEqualTo("1.1.0");
        assertThat(questionnaire.canonical())
                .isEqualTo("http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.1.0");
    }

    @ParameterizedTest
    @EnumSource(QuestionnaireVersion.class)
    void everyCoreQuestionTheVersionAsks_sitsDirectlyUnderItsGroup_inFormOrder(QuestionnaireVersion version) {
        IntakeQuestionnaire compiled = IntakeQuestionnaires.standard().get(version).orElseThrow();

        for (Group group : Group.values()) {
            assertThat(compiled.group(group.linkId())).as(group.linkId()).isPresent();
            assertThat(compiled.group(group.linkId()).orElseThrow().items()).extracting(ItemSpec::question)
                    .containsExactlyElementsOf(Question.of(group).stream().filter(q -> q.isAskedIn(version)).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(QuestionnaireVersion.class)
    void everyItem_isRequiredExactlyWhenIntakeCoreSaysSoForItsVersion(QuestionnaireVersion version) {
        IntakeQuestionnaire compiled = IntakeQuestionnaires.standard().get(version).orElseThrow();

        for (Question question : Question.values()) {
            if (question.isAskedIn(version)) {
                assertThat(compiled.item(question).required()).as(question.linkId())
                        .isEqualTo(question.isRequiredIn(version));
            } else {
                assertThat(compiled.item(question)).as(question.linkId()).isNull();
            }
        }
    }

    @Test
    void version1_0_0_isRetiredButKept_andOnlyItsIvDrugUseIsOptional() {
        IntakeQuestionnaire old = IntakeQuestionnaires.standard().get(QuestionnaireVersion.V1_0_0).orElseThrow();

        assertThat(old.resource().getStatus()).isEqualTo(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.RETIRED);
        assertThat(old.item(Question.IV_DRUG_USE).required()).isFalse();
        assertThat(questionnaire.item(Question.IV_DRUG_USE).required()).isTrue();
    }

    @Test
    void aQuestionnaireOfAnUnknownVersion_failsFast() {
        Questionnaire tampered = questionnaire.resource().copy().setVersion("2.0.0");

        assertThatThrownBy(() -> IntakeQuestionnaire.of(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version '2.0.0', which intake-core does not know");
    }

    @Test
    void a1_0_0QuestionnaireThatAsksA1_1_0Question_failsFast() {
        Questionnaire tampered = questionnaire.resource().copy().setVersion("1.0.0");

        assertThatThrownBy(() -> IntakeQuestionnaire.of(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'can-bear-weight' is not asked in version 1.0.0")
                .hasMessageContaining("iv-drug-use: required=true but intake-core says false in version 1.0.0");
    }

    @Test
    void verifiedStandardCodes_areOnTheirItems_besideTheLocalCode() {
        Map<Question, String> standard = Map.of(
                Question.PAIN_SEVERITY, "http://loinc.org|72514-3",
                Question.NUMBNESS_TINGLING, "http://snomed.info/sct|44077006",
                Question.FEVER, "http://snomed.info/sct|386661006",
                Question.LEG_WEAKNESS, "http://snomed.info/sct|26544005",
                Question.RADIATES_BELOW_KNEE, "http://snomed.info/sct|23056005");

        for (Question question : Question.values()) {
            QuestionnaireItemComponent item = questionnaire.item(question).element();
            if (question == Question.NOTES) {
                assertThat(item.getCode()).isEmpty();
                continue;
            }
            assertThat(item.getCode()).extracting(coding -> coding.getSystem() + "|" + coding.getCode())
                    .as(question.linkId())
                    .contains("http://example.org/fhir/CodeSystem/buttock-cramp-intake|" + question.linkId());
            if (standard.containsKey(question)) {
                assertThat(item.getCodeFirstRep().getSystem() + "|" + item.getCodeFirstRep().getCode())
                        .isEqualTo(standard.get(question));
            }
        }
    }

    @Test
    void everyClinicalItem_isMarkedForObservationExtraction_butNotFreeText() {
        for (Question question : Question.values()) {
            QuestionnaireItemComponent item = questionnaire.item(question).element();

            assertThat(item.hasExtension(OBSERVATION_EXTRACT)).as(question.linkId()).isEqualTo(question != Question.NOTES);
        }
    }

    @Test
    void warningGroup_isNeverHidden() {
        QuestionnaireItemComponent warning = questionnaire.group("warning").orElseThrow().element();

        assertThat(warning.getEnableWhen()).isEmpty();
        assertThat(warning.getItem()).allSatisfy(item -> assertThat(item.getEnableWhen()).isEmpty());
    }

    @Test
    void codeSystem_definesEveryLocalCodeTheQuestionnaireUses() {
        CodeSystem codeSystem = IntakeQuestionnaire.codeSystem();

        for (Question question : Question.values()) {
            QuestionnaireItemComponent item = questionnaire.item(question).element();
            for (Coding coding : item.getCode()) {
                if (coding.getSystem().equals(codeSystem.getUrl())) {
                    assertThat(codeSystem.getConcept()).anySatisfy(c -> assertThat(c.getCode()).isEqualTo(coding.getCode()));
                }
            }
            item.getAnswerOption().forEach(option -> assertThat(codeSystem.getConcept())
                    .anySatisfy(c -> assertThat(c.getCode()).isEqualTo(option.getValueCoding().getCode())));
        }
    }

    @Test
    void questionnaireThatDisagreesWithIntakeCore_failsFastNamingEachProblem() {
        Questionnaire tampered = questionnaire.resource().copy();
        tampered.getItem().get(0).getItem().get(2).setRequired(false);
        tampered.getItem().get(1).getItem().remove(5);
        tampered.getItem().get(2).getItem().get(0).setLinkId("toothache");

        assertThatThrownBy(() -> IntakeQuestionnaire.of(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pain-severity: required=false but intake-core says true in version 1.1.0")
                .hasMessageContaining("'both-legs' is missing")
                .hasMessageContaining("'toothache' is not a question intake-core knows");
    }

    @Test
    void questionnaireWithAnUnsupportedEnableWhen_failsFast() {
        Questionnaire tampered = questionnaire.resource().copy();
        tampered.getItem().get(1).getItem().get(1).getEnableWhenFirstRep()
                .setOperator(Questionnaire.QuestionnaireItemOperator.NOT_EQUAL);

        assertThatThrownBy(() -> IntakeQuestionnaire.of(tampered))
                .hasMessageContaining("radiates-below-knee: only enableWhen '= true' is supported");
    }
}
