package org.example.intake.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.intake.core.answers.Question.AGE;
import static org.example.intake.core.answers.Question.APPARENT_CAUSE;
import static org.example.intake.core.answers.Question.BLADDER_CHANGE;
import static org.example.intake.core.answers.Question.BOTH_LEGS;
import static org.example.intake.core.answers.Question.BOWEL_CHANGE;
import static org.example.intake.core.answers.Question.CAN_BEAR_WEIGHT;
import static org.example.intake.core.answers.Question.IMMUNOSUPPRESSED;
import static org.example.intake.core.answers.Question.IV_DRUG_USE;
import static org.example.intake.core.answers.Question.ONSET;
import static org.example.intake.core.answers.Question.PATTERN;
import static org.example.intake.core.answers.Question.RADIATES;

import org.example.intake.core.answers.BenignAnswers;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.junit.jupiter.api.Test;

class RuleEvidenceUnitTests {

    @Test
    void everyRule_readsTheQuestionsItsCriterionNames() {
        for (RedFlagRule rule : RedFlagRule.values()) {
            assertThat(rule.reads().isEmpty()).as(rule.id()).isEqualTo(rule == RedFlagRule.FORM_INCOMPLETE);
            rule.reads().forEach(question -> assertThat(rule.criterion()).contains(question.linkId()));
        }
        assertThat(RedFlagRule.INF_RISK.reads()).containsExactly(IMMUNOSUPPRESSED, IV_DRUG_USE, PATTERN);
        assertThat(RedFlagRule.AGE_NEW_ONSET.reads()).containsExactly(AGE, ONSET, APPARENT_CAUSE);
    }

    @Test
    void eitherOrRule_citesOnlyTheAnswerThatWasYes() {
        IntakeAnswers answers = BenignAnswers.builder().answer(BLADDER_CHANGE, true).answer(BOWEL_CHANGE, false).build();

        assertThat(RedFlagRule.CES_SPHINCTER.evidenceIn(answers)).containsExactly(BLADDER_CHANGE);
    }

    @Test
    void ruleThatAsksForANo_citesThatNo_besideItsOtherAnswers() {
        IntakeAnswers answers = BenignAnswers.builder().answer(AGE, 63).answer(ONSET, Onset.DAYS)
                .answer(APPARENT_CAUSE, false).build();

        assertThat(RedFlagRule.AGE_NEW_ONSET.firesOn(answers)).isTrue();
        assertThat(RedFlagRule.AGE_NEW_ONSET.evidenceIn(answers)).containsExactly(AGE, ONSET, APPARENT_CAUSE);
    }

    @Test
    void infectionRisk_citesTheRiskFactorAndThePattern_notTheAbsentOne() {
        IntakeAnswers answers = BenignAnswers.builder().answer(IMMUNOSUPPRESSED, true).answer(IV_DRUG_USE, false)
                .answer(PATTERN, Pattern.UNCHANGED).build();

        assertThat(RedFlagRule.INF_RISK.evidenceIn(answers)).containsExactly(IMMUNOSUPPRESSED, PATTERN);
    }

    @Test
    void aRuleReadFromAnOlderVersionsBothLegs_citesTheBothLegsAnswerThePatientGave() {
        IntakeAnswers answers = BenignAnswers.builderFor1_1_0().answer(RADIATES, true).answer(BOTH_LEGS, true).build();

        assertThat(RedFlagRule.CES_BILATERAL_SCIATICA.firesOn(answers)).isTrue();
        assertThat(RedFlagRule.CES_BILATERAL_SCIATICA.evidenceIn(answers)).containsExactly(BOTH_LEGS);
    }

    @Test
    void aRuleReadFromAnOlderVersionsCanBearWeight_citesThatAnswer() {
        IntakeAnswers answers = BenignAnswers.builderFor1_1_0().answer(CAN_BEAR_WEIGHT, false).build();

        assertThat(RedFlagRule.WEIGHT_BEARING_LOST.firesOn(answers)).isTrue();
        assertThat(RedFlagRule.WEIGHT_BEARING_LOST.evidenceIn(answers)).containsExactly(CAN_BEAR_WEIGHT);
    }

    @Test
    void theFormIncompleteRule_citesNoAnswer() {
        IntakeAnswers answers = BenignAnswers.builderFor1_0_0().build();

        assertThat(RedFlagRule.FORM_INCOMPLETE.firesOn(answers)).isTrue();
        assertThat(RedFlagRule.FORM_INCOMPLETE.evidenceIn(answers)).isEmpty();
    }
}
