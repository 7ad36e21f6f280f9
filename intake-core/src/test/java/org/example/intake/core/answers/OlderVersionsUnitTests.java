package org.example.intake.core.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.intake.core.answers.Question.BOTH_LEGS;
import static org.example.intake.core.answers.Question.CAN_BEAR_WEIGHT;
import static org.example.intake.core.answers.Question.LEG_WEAKNESS;
import static org.example.intake.core.answers.Question.NUMBNESS_BOTH_LEGS;
import static org.example.intake.core.answers.Question.NUMBNESS_TINGLING;
import static org.example.intake.core.answers.Question.NUMBNESS_WORSENING;
import static org.example.intake.core.answers.Question.PAIN_BOTH_LEGS;
import static org.example.intake.core.answers.Question.PREGNANT;
import static org.example.intake.core.answers.Question.RADIATES;
import static org.example.intake.core.answers.Question.STANDING;
import static org.example.intake.core.answers.Question.WEAKNESS_BOTH_LEGS;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Answers to questionnaire 1.0.0 and 1.1.0 read into 1.2.0's terms: every case of the mapping,
 * for both older versions, and nothing else inferred.
 */
class OlderVersionsUnitTests {

    private static IntakeAnswers.Builder older(QuestionnaireVersion version) {
        return version == QuestionnaireVersion.V1_0_0 ? BenignAnswers.builderFor1_0_0() : BenignAnswers.builderFor1_1_0();
    }

    @ParameterizedTest
    @EnumSource(value = QuestionnaireVersion.class, names = { "V1_0_0", "V1_1_0" })
    void bothLegsYesMeansPainInBothLegsWhenItRadiates(QuestionnaireVersion version) {
        IntakeAnswers answers = older(version).answer(RADIATES, true).answer(BOTH_LEGS, true).build();

        IntakeAnswers current = answers.inCurrentTerms();

        assertThat(current.isTrue(PAIN_BOTH_LEGS)).isTrue();
        assertThat(current.isAnswered(NUMBNESS_BOTH_LEGS)).isFalse();
        assertThat(current.isAnswered(WEAKNESS_BOTH_LEGS)).isFalse();
        assertThat(current.version()).isEqualTo(version);
        assertThat(current.isTrue(BOTH_LEGS)).as("what the patient said is kept").isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = QuestionnaireVersion.class, names = { "V1_0_0", "V1_1_0" })
    void bothLegsYesMeansNumbnessInBothLegsWhenNumb(QuestionnaireVersion version) {
        IntakeAnswers answers = older(version).answer(NUMBNESS_TINGLING, true).answer(BOTH_LEGS, true).build();

        IntakeAnswers current = answers.inCurrentTerms();

        assertThat(current.isTrue(NUMBNESS_BOTH_LEGS)).isTrue();
        assertThat(current.isAnswered(PAIN_BOTH_LEGS)).isFalse();
        assertThat(current.isAnswered(WEAKNESS_BOTH_LEGS)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = QuestionnaireVersion.class, names = { "V1_0_0", "V1_1_0" })
    void bothLegsYesMeansWeaknessInBothLegsWhenWeak(QuestionnaireVersion version) {
        IntakeAnswers answers = older(version).answer(LEG_WEAKNESS, true).answer(BOTH_LEGS, true).build();

        IntakeAnswers current = answers.inCurrentTerms();

        assertThat(current.isTrue(WEAKNESS_BOTH_LEGS)).isTrue();
        assertThat(current.isAnswered(PAIN_BOTH_LEGS)).isFalse();
        assertThat(current.isAnswered(NUMBNESS_BOTH_LEGS)).isFalse();
    }

    @Test
    void bothLegsYesGivesYesToEachOfTheThreeThatIsEnabled() {
        IntakeAnswers answers = BenignAnswers.builderFor1_1_0().answer(RADIATES, true).answer(NUMBNESS_TINGLING, true)
                .answer(LEG_WEAKNESS, true).answer(BOTH_LEGS, true).build();

        IntakeAnswers current = answers.inCurrentTerms();

        assertThat(current.isTrue(PAIN_BOTH_LEGS)).isTrue();
        assertThat(current.isTrue(NUMBNESS_BOTH_LEGS)).isTrue();
        assertThat(current.isTrue(WEAKNESS_BOTH_LEGS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = QuestionnaireVersion.class, names = { "V1_0_0", "V1_1_0" })
    void bothLegsNoMeansNoForEachEnabledItem(QuestionnaireVersion version) {
        IntakeAnswers answers = older(version).answer(RADIATES, true).answer(NUMBNESS_TINGLING, true)
                .answer(LEG_WEAKNESS, false).answer(BOTH_LEGS, false).build();

        IntakeAnswers current = answers.inCurrentTerms();

        assertThat(current.isFalse(PAIN_BOTH_LEGS)).isTrue();
        assertThat(current.isFalse(NUMBNESS_BOTH_LEGS)).isTrue();
        assertThat(current.isAnswered(WEAKNESS_BOTH_LEGS)).as("leg-weakness is no: not enabled").isFalse();
    }

    @Test
    void bothLegsUnansweredGivesNothing() {
        IntakeAnswers answers = BenignAnswers.builderFor1_1_0().answer(RADIATES, true).build();

        IntakeAnswers current = answers.inCurrentTerms();

        assertThat(current.isAnswered(PAIN_BOTH_LEGS)).isFalse();
    }

    @Test
    void canBearWeightMeansCanOrCannotStand() {
        IntakeAnswers can = BenignAnswers.builderFor1_1_0().answer(CAN_BEAR_WEIGHT, true).build();
        IntakeAnswers cannot = BenignAnswers.builderFor1_1_0().answer(CAN_BEAR_WEIGHT, false).build();
        IntakeAnswers unanswered = BenignAnswers.builderFor1_1_0().clear(CAN_BEAR_WEIGHT).build();

        assertThat(can.inCurrentTerms().standing()).contains(Standing.CAN_STAND);
        assertThat(cannot.inCurrentTerms().standing()).contains(Standing.CANNOT_STAND);
        assertThat(unanswered.inCurrentTerms().standing()).isEmpty();
        assertThat(BenignAnswers.builderFor1_0_0().build().inCurrentTerms().standing()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = QuestionnaireVersion.class, names = { "V1_0_0", "V1_1_0" })
    void numbnessWorseningAndPregnantStayAbsent(QuestionnaireVersion version) {
        IntakeAnswers answers = older(version).answer(NUMBNESS_TINGLING, true).answer(BOTH_LEGS, true).build();

        IntakeAnswers current = answers.inCurrentTerms();

        assertThat(current.isAnswered(NUMBNESS_WORSENING)).isFalse();
        assertThat(current.isAnswered(PREGNANT)).isFalse();
        Set<Question> added = new HashSet<>(current.asMap().keySet());
        added.removeAll(answers.asMap().keySet());
        assertThat(added).as("only what the mapping gives").isEqualTo(version == QuestionnaireVersion.V1_1_0
                ? Set.of(NUMBNESS_BOTH_LEGS, STANDING) : Set.of(NUMBNESS_BOTH_LEGS));
    }

    @Test
    void currentAnswersAreReadAsTheyAre() {
        IntakeAnswers answers = BenignAnswers.answers();

        assertThat(answers.inCurrentTerms()).isSameAs(answers);
    }

    @Test
    void theRetiredQuestionAStandInWasReadFromIsNamedForEachVersion() {
        assertThat(OlderVersions.readFrom(PAIN_BOTH_LEGS, QuestionnaireVersion.V1_1_0)).contains(BOTH_LEGS);
        assertThat(OlderVersions.readFrom(STANDING, QuestionnaireVersion.V1_1_0)).contains(CAN_BEAR_WEIGHT);
        assertThat(OlderVersions.readFrom(STANDING, QuestionnaireVersion.V1_0_0)).isEmpty();
        assertThat(OlderVersions.readFrom(PAIN_BOTH_LEGS, QuestionnaireVersion.V1_2_0)).isEmpty();
        assertThat(OlderVersions.readFrom(NUMBNESS_WORSENING, QuestionnaireVersion.V1_1_0)).isEmpty();
    }
}
