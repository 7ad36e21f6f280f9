package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.Group;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.answers.Standing;
import org.example.intake.fhir.IntakeQuestionnaire.ItemSpec;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IntakeQuestionnaireUnitTests {

    private static final String OBSERVATION_EXTRACT =
            "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract";

    private static final String LOCAL = "http://example.org/fhir/CodeSystem/buttock-cramp-intake";

    private final IntakeQuestionnaire questionnaire = IntakeQuestionnaire.standard();

    @Test
    void standardQuestionnaire_hasTheContractCanonicalAndCurrentVersion() {
        assertThat(questionnaire.url()).isEqualTo("http://example.org/fhir/Questionnaire/buttock-cramp-intake");
        assertThat(questionnaire.version()).isEqualTo("1.2.0");
        assertThat(questionnaire.canonical())
                .isEqualTo("http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.2.0");
        assertThat(questionnaire.resource().getStatus()).isEqualTo(PublicationStatus.ACTIVE);
    }

    @Test
    void version1_1_0_isRetiredButKept_askingBothLegsAndCanBearWeight_andNoneOf1_2_0sNewQuestions() {
        IntakeQuestionnaire old = IntakeQuestionnaires.standard().get(QuestionnaireVersion.V1_1_0).orElseThrow();

        assertThat(old.resource().getStatus()).isEqualTo(PublicationStatus.RETIRED);
        assertThat(old.item(Question.BOTH_LEGS)).isNotNull();
        assertThat(old.item(Question.CAN_BEAR_WEIGHT)).isNotNull();
        assertThat(Stream.of(Question.STANDING, Question.PAIN_BOTH_LEGS, Question.NUMBNESS_BOTH_LEGS,
                Question.NUMBNESS_WORSENING, Question.WEAKNESS_BOTH_LEGS, Question.PREGNANT).map(old::item))
                .containsOnlyNulls();
    }

    @Test
    void version1_2_0_asksNeitherBothLegsNorCanBearWeight() {
        assertThat(questionnaire.item(Question.BOTH_LEGS)).isNull();
        assertThat(questionnaire.item("both-legs")).isEmpty();
        assertThat(questionnaire.item(Question.CAN_BEAR_WEIGHT)).isNull();
        assertThat(questionnaire.item("can-bear-weight")).isEmpty();
    }

    @Test
    void standing_isARequiredChoiceWithThreeLocalCodes_inOrder_withThePatientsWords() {
        ItemSpec standing = questionnaire.item(Question.STANDING);

        assertThat(standing.groupLinkId()).isEqualTo("cramp");
        assertThat(standing.type()).isEqualTo(AnswerType.CHOICE);
        assertThat(standing.required()).isTrue();
        assertThat(standing.enabledWhenAnyTrue()).isEmpty();
        assertThat(standing.element().getAnswerOption()).extracting(option -> option.getValueCoding().getSystem() + "|"
                + option.getValueCoding().getCode() + "|" + option.getValueCoding().getDisplay())
                .containsExactly(
                        LOCAL + "|can-stand|Yes, I can",
                        LOCAL + "|cannot-stand|No, I can't",
                        LOCAL + "|could-not-before|I could not stand before this started");
        assertThat(standing.element().getText()).contains("stand").contains("weight");
    }

    @Test
    void theNewBooleanQuestionsOf1_2_0_areRequiredWhenEnabled_eachByTheSymptomItAsksAbout() {
        assertThat(questionnaire.item(Question.PAIN_BOTH_LEGS).enabledWhenAnyTrue()).containsExactly("radiates");
        assertThat(questionnaire.item(Question.NUMBNESS_BOTH_LEGS).enabledWhenAnyTrue())
                .containsExactly("numbness-tingling");
        assertThat(questionnaire.item(Question.NUMBNESS_WORSENING).enabledWhenAnyTrue())
                .containsExactly("numbness-tingling");
        assertThat(questionnaire.item(Question.WEAKNESS_BOTH_LEGS).enabledWhenAnyTrue()).containsExactly("leg-weakness");
        assertThat(questionnaire.item(Question.PREGNANT).enabledWhenAnyTrue()).isEmpty();
        assertThat(Stream.of(Question.PAIN_BOTH_LEGS, Question.NUMBNESS_BOTH_LEGS, Question.NUMBNESS_WORSENING,
                Question.WEAKNESS_BOTH_LEGS, Question.PREGNANT).map(questionnaire::item))
                .allSatisfy(item -> assertThat(item.required()).as(item.linkId()).isTrue())
                .allSatisfy(item -> assertThat(item.type()).as(item.linkId()).isEqualTo(AnswerType.BOOLEAN));
    }

    @Test
    void pregnant_comesRightAfterAge_inTheHistoryGroup() {
        assertThat(questionnaire.group("history").orElseThrow().items()).extracting(ItemSpec::linkId)
                .startsWith("age", "pregnant");
    }

    @Test
    void theRewordedQuestionsOf1_2_0_askAboutWhatIsNewSinceThePainStarted() {
        for (Question question : List.of(Question.NUMBNESS_TINGLING, Question.LEG_WEAKNESS, Question.BLADDER_CHANGE,
                Question.BOWEL_CHANGE, Question.SEXUAL_DYSFUNCTION)) {
            assertThat(questionnaire.item(question).element().getText()).as(question.linkId())
                    .startsWith("Since this pain started");
        }
        assertThat(questionnaire.item(Question.COLD_PALE_LEG).element().getText()).contains("suddenly")
                .contains("compared with the other");
        assertThat(questionnaire.item(Question.BLADDER_CHANGE).element().getText())
                .contains("Do not count stinging or burning");
        assertThat(questionnaire.item(Question.CANCER_HISTORY).element().getText()).contains("melanoma");
        assertThat(questionnaire.item(Question.WEIGHT_LOSS).element().getText()).contains("6 months");
    }

    @Test
    void majorTraumasLocalCode_saysFallAccidentOrBlow_inEveryVersion() {
        for (IntakeQuestionnaire version : IntakeQuestionnaires.standard().all()) {
            assertThat(version.item(Question.MAJOR_TRAUMA).element().getCode())
                    .filteredOn(coding -> coding.getSystem().equals(LOCAL))
                    .extracting(Coding::getDisplay).as(version.version())
                    .containsExactly("Fall, accident or blow");
        }
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

        assertThat(old.resource().getStatus()).isEqualTo(PublicationStatus.RETIRED);
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
                .hasMessageContaining("'blood-thinners' is not asked in version 1.0.0")
                .hasMessageContaining("'standing' is not asked in version 1.0.0")
                .hasMessageContaining("iv-drug-use: required=true but intake-core says false in version 1.0.0")
                .hasMessageContaining("intake-core's question 'both-legs' is missing from the Questionnaire 1.0.0");
    }

    @Test
    void aQuestionnaireWhoseStandingWordingOrOrderDisagreesWithIntakeCore_failsFast() {
        Questionnaire reworded = questionnaire.resource().copy();
        questionnaireItem(reworded, "standing").getAnswerOption().get(1).getValueCoding().setDisplay("No");
        Questionnaire reordered = questionnaire.resource().copy();
        List<Questionnaire.QuestionnaireItemAnswerOptionComponent> options =
                questionnaireItem(reordered, "standing").getAnswerOption();
        options.add(options.remove(0));

        assertThatThrownBy(() -> IntakeQuestionnaire.of(reworded))
                .hasMessageContaining("standing: answer options in order")
                .hasMessageContaining("cannot-stand \"No\"")
                .hasMessageContaining("cannot-stand \"No, I can't\"");
        assertThatThrownBy(() -> IntakeQuestionnaire.of(reordered))
                .hasMessageContaining("standing: answer options in order [cannot-stand");
    }

    @Test
    void a1_2_0QuestionnaireThatStillAsksARetiredQuestion_failsFast() {
        Questionnaire tampered = IntakeQuestionnaires.standard().get(QuestionnaireVersion.V1_1_0).orElseThrow()
                .resource().copy().setVersion("1.2.0");

        assertThatThrownBy(() -> IntakeQuestionnaire.of(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'can-bear-weight' is not asked in version 1.2.0")
                .hasMessageContaining("'both-legs' is not asked in version 1.2.0")
                .hasMessageContaining("intake-core's question 'standing' is missing from the Questionnaire 1.2.0")
                .hasMessageContaining("intake-core's question 'pregnant' is missing from the Questionnaire 1.2.0");
    }

    @Test
    void aQuestionnaireWhoseStandingOptionsDisagreeWithIntakeCore_failsFast() {
        Questionnaire tampered = questionnaire.resource().copy();
        questionnaireItem(tampered, "standing").getAnswerOption().remove(2);

        assertThatThrownBy(() -> IntakeQuestionnaire.of(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("standing: answer options")
                .hasMessageContaining("could-not-before");
    }

    @ParameterizedTest
    @EnumSource(QuestionnaireVersion.class)
    void verifiedStandardCodes_areOnTheirItems_besideTheLocalCode(QuestionnaireVersion version) {
        IntakeQuestionnaire questionnaire = IntakeQuestionnaires.standard().get(version).orElseThrow();
        Map<Question, String> standard = Map.of(
                Question.PAIN_SEVERITY, "http://loinc.org|72514-3",
                Question.NUMBNESS_TINGLING, "http://snomed.info/sct|44077006",
                Question.FEVER, "http://snomed.info/sct|386661006",
                Question.LEG_WEAKNESS, "http://snomed.info/sct|26544005",
                Question.RADIATES_BELOW_KNEE, "http://snomed.info/sct|23056005");

        for (Question question : asked(version)) {
            QuestionnaireItemComponent item = questionnaire.item(question).element();
            if (question == Question.NOTES) {
                assertThat(item.getCode()).isEmpty();
                continue;
            }
            assertThat(item.getCode()).extracting(coding -> coding.getSystem() + "|" + coding.getCode())
                    .as(question.linkId())
                    .contains(LOCAL + "|" + question.linkId());
            if (standard.containsKey(question)) {
                assertThat(item.getCodeFirstRep().getSystem() + "|" + item.getCodeFirstRep().getCode())
                        .isEqualTo(standard.get(question));
            } else {
                assertThat(item.getCode()).as(question.linkId() + ": only the local code, no unverified one")
                        .extracting(Coding::getSystem).containsOnly(LOCAL);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(QuestionnaireVersion.class)
    void everyClinicalItem_isMarkedForObservationExtraction_butNotFreeText(QuestionnaireVersion version) {
        IntakeQuestionnaire questionnaire = IntakeQuestionnaires.standard().get(version).orElseThrow();
        for (Question question : asked(version)) {
            QuestionnaireItemComponent item = questionnaire.item(question).element();

            assertThat(item.hasExtension(OBSERVATION_EXTRACT)).as(question.linkId()).isEqualTo(question != Question.NOTES);
        }
    }

    @ParameterizedTest
    @EnumSource(QuestionnaireVersion.class)
    void warningGroup_isNeverHidden(QuestionnaireVersion version) {
        IntakeQuestionnaire questionnaire = IntakeQuestionnaires.standard().get(version).orElseThrow();
        QuestionnaireItemComponent warning = questionnaire.group("warning").orElseThrow().element();

        assertThat(warning.getEnableWhen()).isEmpty();
        assertThat(warning.getItem()).allSatisfy(item -> assertThat(item.getEnableWhen()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(QuestionnaireVersion.class)
    void codeSystem_definesEveryLocalCodeTheQuestionnaireUses_withTheSameDisplay(QuestionnaireVersion version) {
        IntakeQuestionnaire questionnaire = IntakeQuestionnaires.standard().get(version).orElseThrow();
        Map<String, String> displays = IntakeQuestionnaire.codeSystem().getConcept().stream()
                .collect(Collectors.toMap(ConceptDefinitionComponent::getCode, ConceptDefinitionComponent::getDisplay));

        for (Question question : asked(version)) {
            QuestionnaireItemComponent item = questionnaire.item(question).element();
            for (Coding coding : item.getCode()) {
                if (coding.getSystem().equals(LOCAL)) {
                    assertThat(displays).as(question.linkId()).containsEntry(coding.getCode(), coding.getDisplay());
                }
            }
            item.getAnswerOption().forEach(option -> assertThat(displays).as(question.linkId())
                    .containsEntry(option.getValueCoding().getCode(), option.getValueCoding().getDisplay()));
        }
    }

    @Test
    void codeSystem_isOfVersion1_2_0_andGivesEachStandingAnswerIntakeCoresWords() {
        CodeSystem codeSystem = IntakeQuestionnaire.codeSystem();

        assertThat(codeSystem.getVersion()).isEqualTo("1.2.0");
        for (Standing standing : Standing.values()) {
            assertThat(codeSystem.getConcept()).filteredOn(c -> c.getCode().equals(standing.code()))
                    .extracting(ConceptDefinitionComponent::getDisplay).containsExactly(standing.display());
        }
    }

    @Test
    void questionnaireThatDisagreesWithIntakeCore_failsFastNamingEachProblem() {
        Questionnaire tampered = questionnaire.resource().copy();
        questionnaireItem(tampered, "pain-severity").setRequired(false);
        tampered.getItem().get(1).getItem().remove(questionnaireItem(tampered, "weakness-both-legs"));
        questionnaireItem(tampered, "saddle-numbness").setLinkId("toothache");

        assertThatThrownBy(() -> IntakeQuestionnaire.of(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pain-severity: required=false but intake-core says true in version 1.2.0")
                .hasMessageContaining("'weakness-both-legs' is missing")
                .hasMessageContaining("'toothache' is not a question intake-core knows");
    }

    @Test
    void questionnaireWithAnUnsupportedEnableWhen_failsFast() {
        Questionnaire tampered = questionnaire.resource().copy();
        questionnaireItem(tampered, "pain-both-legs").getEnableWhenFirstRep()
                .setOperator(Questionnaire.QuestionnaireItemOperator.NOT_EQUAL);

        assertThatThrownBy(() -> IntakeQuestionnaire.of(tampered))
                .hasMessageContaining("pain-both-legs: only enableWhen '= true' is supported");
    }

    @Test
    void questionnaireWhoseEnableWhenDisagreesWithIntakeCore_failsFast() {
        Questionnaire tampered = questionnaire.resource().copy();
        questionnaireItem(tampered, "numbness-worsening").getEnableWhenFirstRep().setQuestion("radiates");

        assertThatThrownBy(() -> IntakeQuestionnaire.of(tampered))
                .hasMessageContaining("numbness-worsening: enableWhen [radiates] but intake-core says [numbness-tingling]");
    }

    private static List<Question> asked(QuestionnaireVersion version) {
        return Stream.of(Question.values()).filter(question -> question.isAskedIn(version)).toList();
    }

    private static QuestionnaireItemComponent questionnaireItem(Questionnaire questionnaire, String linkId) {
        return questionnaire.getItem().stream().flatMap(group -> group.getItem().stream())
                .filter(item -> item.getLinkId().equals(linkId)).findFirst().orElseThrow();
    }
}
