package org.example.intake.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.intake.core.answers.Question.AGE;
import static org.example.intake.core.answers.Question.APPARENT_CAUSE;
import static org.example.intake.core.answers.Question.BLADDER_CHANGE;
import static org.example.intake.core.answers.Question.BOTH_LEGS;
import static org.example.intake.core.answers.Question.BOWEL_CHANGE;
import static org.example.intake.core.answers.Question.CANCER_HISTORY;
import static org.example.intake.core.answers.Question.COLD_PALE_LEG;
import static org.example.intake.core.answers.Question.DAILY_ACTIVITIES;
import static org.example.intake.core.answers.Question.FEVER;
import static org.example.intake.core.answers.Question.FREQUENCY;
import static org.example.intake.core.answers.Question.IMMUNOSUPPRESSED;
import static org.example.intake.core.answers.Question.IV_DRUG_USE;
import static org.example.intake.core.answers.Question.LEG_WEAKNESS;
import static org.example.intake.core.answers.Question.MAJOR_TRAUMA;
import static org.example.intake.core.answers.Question.NIGHT_PAIN;
import static org.example.intake.core.answers.Question.NUMBNESS_TINGLING;
import static org.example.intake.core.answers.Question.ONSET;
import static org.example.intake.core.answers.Question.OSTEOPOROSIS_STEROIDS;
import static org.example.intake.core.answers.Question.PAIN_SEVERITY;
import static org.example.intake.core.answers.Question.PATTERN;
import static org.example.intake.core.answers.Question.RADIATES;
import static org.example.intake.core.answers.Question.RADIATES_BELOW_KNEE;
import static org.example.intake.core.answers.Question.SADDLE_NUMBNESS;
import static org.example.intake.core.answers.Question.SEXUAL_DYSFUNCTION;
import static org.example.intake.core.answers.Question.WALKING_CLAUDICATION;
import static org.example.intake.core.answers.Question.WEAKNESS_PROGRESSING;
import static org.example.intake.core.answers.Question.WEIGHT_LOSS;
import static org.example.intake.core.triage.Level.EMERGENCY;
import static org.example.intake.core.triage.Level.SELF_CARE;
import static org.example.intake.core.triage.Level.SOON;
import static org.example.intake.core.triage.Level.URGENT;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;

import org.example.intake.core.answers.BenignAnswers;
import org.example.intake.core.answers.Frequency;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.Question;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the rule set, each shown firing on the answers that just meet it and
 * not firing on the nearest answers that just miss it. Every case starts from
 * {@link BenignAnswers}, changes only what it is about, and checks the level and the exact
 * list of fired rules.
 */
class RedFlagRuleUnitTests {

    private final TriageEngine engine = new TriageEngine();

    private TriageOutcome triage(IntakeAnswers.Builder answers) {
        return engine.triage(answers.build());
    }

    /** The rules that fire on a single yes: the question, the rule, its level. */
    static Stream<Arguments> singleAnswerRules() {
        return Stream.of(
                arguments(SADDLE_NUMBNESS, "CES-SADDLE", EMERGENCY),
                arguments(BLADDER_CHANGE, "CES-SPHINCTER", EMERGENCY),
                arguments(BOWEL_CHANGE, "CES-SPHINCTER", EMERGENCY),
                arguments(COLD_PALE_LEG, "VASC-ACUTE-LIMB", EMERGENCY),
                arguments(Question.SUDDEN_SEVERE_ONSET, "VASC-SUDDEN-COLLAPSE", EMERGENCY),
                arguments(Question.VERY_UNWELL, "SEPSIS-SIGNS", EMERGENCY),
                arguments(Question.TENSE_SWELLING_DARK_URINE, "COMPARTMENT-RHABDO", EMERGENCY),
                arguments(Question.ANAL_LUMP, "INF-ABSCESS", URGENT),
                arguments(Question.CALF_SWELLING, "DVT-SIGNS", URGENT),
                arguments(Question.REST_PAIN, "VASC-REST-PAIN", URGENT),
                arguments(SEXUAL_DYSFUNCTION, "CES-SEXUAL", URGENT),
                arguments(LEG_WEAKNESS, "NEURO-WEAKNESS", URGENT),
                arguments(FEVER, "INF-FEVER", URGENT),
                arguments(CANCER_HISTORY, "MAL-HISTORY-ROUTINE", SOON),
                arguments(WEIGHT_LOSS, "MAL-WEIGHT", SOON),
                arguments(MAJOR_TRAUMA, "FRAC-TRAUMA-MINOR", SOON),
                arguments(Question.PREGNANT, "PREG-CARE", SOON),
                arguments(NUMBNESS_TINGLING, "NEURO-SENSORY", SOON),
                arguments(DAILY_ACTIVITIES, "FUNCTION-ADL", SOON),
                arguments(WALKING_CLAUDICATION, "VASC-CLAUDICATION", SOON),
                arguments(NIGHT_PAIN, "NIGHT-PAIN", SOON));
    }

    @ParameterizedTest(name = "{0} = yes fires {1} at {2}")
    @MethodSource("singleAnswerRules")
    void singleAnswerRuleFiresWhenItsQuestionIsAnsweredYes(Question question, String ruleId, Level level) {
        IntakeAnswers.Builder answers = BenignAnswers.builder().answer(question, true);

        TriageOutcome outcome = triage(answers);

        assertThat(outcome.level()).isEqualTo(level);
        assertThat(outcome.ruleIds()).containsExactly(ruleId);
    }

    @ParameterizedTest(name = "{0} = no does not fire {1}")
    @MethodSource("singleAnswerRules")
    void singleAnswerRuleDoesNotFireWhenItsQuestionIsAnsweredNo(Question question, String ruleId, Level level) {
        IntakeAnswers.Builder answers = BenignAnswers.builder().answer(question, false);

        TriageOutcome outcome = triage(answers);

        assertThat(outcome.level()).isEqualTo(SELF_CARE);
        assertThat(outcome.ruleIds()).isEmpty();
    }

    @ParameterizedTest(name = "{0} unanswered does not fire {1}")
    @MethodSource("singleAnswerRules")
    void singleAnswerRuleDoesNotFireWhenItsQuestionIsUnanswered(Question question, String ruleId, Level level) {
        IntakeAnswers.Builder answers = BenignAnswers.builder().clear(question);

        TriageOutcome outcome = triage(answers);

        assertThat(outcome.level()).isEqualTo(SELF_CARE);
        assertThat(outcome.ruleIds()).isEmpty();
    }

    @Nested
    class CesSphincter {

        @Test
        void firesOnceWhenBladderAndBowelBothChanged() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(BLADDER_CHANGE, true)
                    .answer(BOWEL_CHANGE, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(EMERGENCY);
            assertThat(outcome.ruleIds()).containsExactly("CES-SPHINCTER");
        }
    }

    @Nested
    class CesBilateralDeficit {

        @Test
        void firesWhenBothLegsAreWeak() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(LEG_WEAKNESS, true)
                    .answer(Question.WEAKNESS_BOTH_LEGS, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(EMERGENCY);
            assertThat(outcome.ruleIds()).containsExactly("CES-BILATERAL-DEFICIT", "NEURO-WEAKNESS");
        }

        @Test
        void doesNotFireWhenOneLegIsWeak() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(LEG_WEAKNESS, true)
                    .answer(Question.WEAKNESS_BOTH_LEGS, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(URGENT);
            assertThat(outcome.ruleIds()).containsExactly("NEURO-WEAKNESS");
        }

        @Test
        void firesNothingWhenBothLegsWeakIsAnsweredWithoutLegWeakness() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(LEG_WEAKNESS, false)
                    .answer(Question.WEAKNESS_BOTH_LEGS, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
        }
    }

    @Nested
    class NeuroProgressive {

        @Test
        void firesWhenLegWeaknessIsGettingWorse() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(LEG_WEAKNESS, true)
                    .answer(WEAKNESS_PROGRESSING, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(EMERGENCY);
            assertThat(outcome.ruleIds()).containsExactly("NEURO-PROGRESSIVE", "NEURO-WEAKNESS");
        }

        @Test
        void doesNotFireWhenLegWeaknessIsNotGettingWorse() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(LEG_WEAKNESS, true)
                    .answer(WEAKNESS_PROGRESSING, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(URGENT);
            assertThat(outcome.ruleIds()).containsExactly("NEURO-WEAKNESS");
        }

        @Test
        void firesNothingWhenWeaknessProgressingIsAnsweredYesWithoutLegWeakness() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(LEG_WEAKNESS, false)
                    .answer(WEAKNESS_PROGRESSING, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }
    }

    @Nested
    class CesBilateralSciatica {

        @Test
        void firesAnEmergencyWhenThePainSpreadsDownBothLegs() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(RADIATES, true)
                    .answer(Question.PAIN_BOTH_LEGS, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(EMERGENCY);
            assertThat(outcome.ruleIds()).containsExactly("CES-BILATERAL-SCIATICA");
        }

        @Test
        void doesNotFireWhenThePainSpreadsDownOneLeg() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(RADIATES, true)
                    .answer(Question.PAIN_BOTH_LEGS, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void doesNotFireWhenOnlyNumbnessIsInBothLegs() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(NUMBNESS_TINGLING, true)
                    .answer(Question.NUMBNESS_BOTH_LEGS, true)
                    .answer(Question.NUMBNESS_WORSENING, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(URGENT);
            assertThat(outcome.ruleIds()).containsExactly("BILATERAL-NUMBNESS", "NEURO-SENSORY");
        }
    }

    /** 1.1.0's single "In both legs?" answer, read into 1.2.0's three questions before the rules. */
    @Nested
    class BothLegsAnsweredTo1_1_0 {

        @Test
        void painSpreadingAndBothLegsFiresTheBilateralSciatica() {
            IntakeAnswers.Builder answers = BenignAnswers.builderFor1_1_0()
                    .answer(RADIATES, true)
                    .answer(BOTH_LEGS, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(EMERGENCY);
            assertThat(outcome.ruleIds()).containsExactly("CES-BILATERAL-SCIATICA");
        }

        @Test
        void painSpreadingInOneLegFiresNothing() {
            IntakeAnswers.Builder answers = BenignAnswers.builderFor1_1_0()
                    .answer(RADIATES, true)
                    .answer(BOTH_LEGS, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void numbnessInBothLegsIsUrgentAsItsWorseningWasNeverAsked() {
            IntakeAnswers.Builder answers = BenignAnswers.builderFor1_1_0()
                    .answer(NUMBNESS_TINGLING, true)
                    .answer(BOTH_LEGS, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(URGENT);
            assertThat(outcome.ruleIds()).containsExactly("BILATERAL-NUMBNESS", "NEURO-SENSORY");
        }

        @Test
        void weaknessAndBothLegsFiresTheBilateralDeficit() {
            IntakeAnswers.Builder answers = BenignAnswers.builderFor1_1_0()
                    .answer(LEG_WEAKNESS, true)
                    .answer(BOTH_LEGS, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(EMERGENCY);
            assertThat(outcome.ruleIds()).containsExactly("CES-BILATERAL-DEFICIT", "NEURO-WEAKNESS");
        }

        @Test
        void numbnessInOneLegIsSoon() {
            IntakeAnswers.Builder answers = BenignAnswers.builderFor1_1_0()
                    .answer(NUMBNESS_TINGLING, true)
                    .answer(BOTH_LEGS, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SOON);
            assertThat(outcome.ruleIds()).containsExactly("NEURO-SENSORY");
        }

        @Test
        void bothLegsWithoutSpreadingNumbnessOrWeaknessFiresNothing() {
            IntakeAnswers.Builder answers = BenignAnswers.builderFor1_1_0()
                    .answer(RADIATES, false)
                    .answer(NUMBNESS_TINGLING, false)
                    .answer(LEG_WEAKNESS, false)
                    .answer(BOTH_LEGS, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }
    }

    @Nested
    class InfRisk {

        @Test
        void firesWhenImmunosuppressedAndThePainIsUnchanged() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(IMMUNOSUPPRESSED, true)
                    .answer(PATTERN, Pattern.UNCHANGED);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(URGENT);
            assertThat(outcome.ruleIds()).containsExactly("INF-RISK");
        }

        @Test
        void doesNotFireWhenImmunosuppressedAndThePainIsImproving() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(IMMUNOSUPPRESSED, true)
                    .answer(PATTERN, Pattern.IMPROVING);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void firesWhenInjectingDrugsAndThePainIsUnchanged() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(IV_DRUG_USE, true)
                    .answer(PATTERN, Pattern.UNCHANGED);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(URGENT);
            assertThat(outcome.ruleIds()).containsExactly("INF-RISK");
        }

        @Test
        void doesNotFireWhenInjectingDrugsAndThePainIsImproving() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(IV_DRUG_USE, true)
                    .answer(PATTERN, Pattern.IMPROVING);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void doesNotFireWhenThePainIsUnchangedWithoutAnyRiskFactor() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(IMMUNOSUPPRESSED, false)
                    .answer(IV_DRUG_USE, false)
                    .answer(PATTERN, Pattern.UNCHANGED);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void firesAlongsideWorseningWhenImmunosuppressedAndThePainIsWorsening() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(IMMUNOSUPPRESSED, true)
                    .answer(PATTERN, Pattern.WORSENING);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(URGENT);
            assertThat(outcome.ruleIds()).containsExactly("INF-RISK", "PERSIST-WORSENING");
        }

        @Test
        void doesNotFireWhenImmunosuppressedAndThePatternIsUnanswered() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(IMMUNOSUPPRESSED, true)
                    .clear(PATTERN);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }
    }

    @Nested
    class MalNightAge {

        @Test
        void firesOnNightPainAt50WithWeightLoss() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(NIGHT_PAIN, true)
                    .answer(WEIGHT_LOSS, true)
                    .answer(AGE, 50);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(URGENT);
            assertThat(outcome.ruleIds()).containsExactly("MAL-NIGHT-AGE", "MAL-WEIGHT", "NIGHT-PAIN");
        }

        @Test
        void doesNotFireOnNightPainAt49WithWeightLoss() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(NIGHT_PAIN, true)
                    .answer(WEIGHT_LOSS, true)
                    .answer(AGE, 49);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SOON);
            assertThat(outcome.ruleIds()).containsExactly("MAL-WEIGHT", "NIGHT-PAIN");
        }

        @Test
        void doesNotFireAt50WithoutNightPain() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(NIGHT_PAIN, false)
                    .answer(AGE, 50);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void doesNotFireOnNightPainWhenTheAgeIsUnanswered() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(NIGHT_PAIN, true)
                    .clear(AGE);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SOON);
            assertThat(outcome.ruleIds()).containsExactly("NIGHT-PAIN");
        }
    }

    @Nested
    class FracFragility {

        @Test
        void firesOnPain7WithOsteoporosisOrSteroids() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(OSTEOPOROSIS_STEROIDS, true)
                    .answer(PAIN_SEVERITY, 7);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(URGENT);
            assertThat(outcome.ruleIds()).containsExactly("FRAC-FRAGILITY");
        }

        @Test
        void doesNotFireOnPain6WithOsteoporosisOrSteroids() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(OSTEOPOROSIS_STEROIDS, true)
                    .answer(PAIN_SEVERITY, 6);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void doesNotFireOnPain10WithoutOsteoporosisOrSteroids() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(OSTEOPOROSIS_STEROIDS, false)
                    .answer(PAIN_SEVERITY, 10);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void doesNotFireWithOsteoporosisOrSteroidsWhenThePainIsUnanswered() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(OSTEOPOROSIS_STEROIDS, true)
                    .clear(PAIN_SEVERITY);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }
    }

    @Nested
    class PersistDuration {

        @Test
        void firesWhenItStartedOver6WeeksAgo() {
            IntakeAnswers.Builder answers = BenignAnswers.builder().answer(ONSET, Onset.OVER_6_WEEKS);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SOON);
            assertThat(outcome.ruleIds()).containsExactly("PERSIST-DURATION");
        }

        @Test
        void doesNotFireWhenItStarted1To6WeeksAgo() {
            IntakeAnswers.Builder answers = BenignAnswers.builder().answer(ONSET, Onset.WEEKS);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }
    }

    @Nested
    class PersistWorsening {

        @Test
        void firesWhenThePainIsWorsening() {
            IntakeAnswers.Builder answers = BenignAnswers.builder().answer(PATTERN, Pattern.WORSENING);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SOON);
            assertThat(outcome.ruleIds()).containsExactly("PERSIST-WORSENING");
        }

        @Test
        void doesNotFireWhenThePainIsUnchanged() {
            IntakeAnswers.Builder answers = BenignAnswers.builder().answer(PATTERN, Pattern.UNCHANGED);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }
    }

    @Nested
    class PersistRecurUnexplained {

        @Test
        void firesWhenItComesWeeklyWithoutAnApparentCause() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(FREQUENCY, Frequency.WEEKLY)
                    .answer(APPARENT_CAUSE, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SOON);
            assertThat(outcome.ruleIds()).containsExactly("PERSIST-RECUR-UNEXPLAINED");
        }

        @Test
        void doesNotFireWhenItComesOccasionallyWithoutAnApparentCause() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(FREQUENCY, Frequency.OCCASIONAL)
                    .answer(APPARENT_CAUSE, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void firesWhenItIsDailyOrConstantWithoutAnApparentCause() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(FREQUENCY, Frequency.DAILY_OR_CONSTANT)
                    .answer(APPARENT_CAUSE, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SOON);
            assertThat(outcome.ruleIds()).containsExactly("PERSIST-RECUR-UNEXPLAINED");
        }

        @Test
        void doesNotFireWhenItComesWeeklyAfterAnApparentCause() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(FREQUENCY, Frequency.WEEKLY)
                    .answer(APPARENT_CAUSE, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void doesNotFireWhenItComesWeeklyAndApparentCauseIsUnanswered() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(FREQUENCY, Frequency.WEEKLY)
                    .clear(APPARENT_CAUSE);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }
    }

    @Nested
    class SciaticaBelowKnee {

        @Test
        void firesWhenThePainSpreadsBelowTheKnee() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(RADIATES, true)
                    .answer(RADIATES_BELOW_KNEE, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SOON);
            assertThat(outcome.ruleIds()).containsExactly("SCIATICA-BELOW-KNEE");
        }

        @Test
        void doesNotFireWhenThePainSpreadsDownTheLegButNotBelowTheKnee() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(RADIATES, true)
                    .answer(RADIATES_BELOW_KNEE, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void firesNothingWhenBelowTheKneeIsAnsweredYesButThePainDoesNotSpread() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(RADIATES, false)
                    .answer(RADIATES_BELOW_KNEE, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }
    }

    @Nested
    class AgeNewOnset {

        @Test
        void firesAt50ForPainOf1To6WeeksWithoutAnApparentCause() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(AGE, 50)
                    .answer(ONSET, Onset.WEEKS)
                    .answer(APPARENT_CAUSE, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SOON);
            assertThat(outcome.ruleIds()).containsExactly("AGE-NEW-ONSET");
        }

        @Test
        void doesNotFireAt49ForPainOf1To6WeeksWithoutAnApparentCause() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(AGE, 49)
                    .answer(ONSET, Onset.WEEKS)
                    .answer(APPARENT_CAUSE, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void doesNotFireAt50ForPainOfOver6WeeksWithoutAnApparentCause() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(AGE, 50)
                    .answer(ONSET, Onset.OVER_6_WEEKS)
                    .answer(APPARENT_CAUSE, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SOON);
            assertThat(outcome.ruleIds()).containsExactly("PERSIST-DURATION");
        }

        @Test
        void doesNotFireAt50ForPainOf1To6WeeksAfterAnApparentCause() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(AGE, 50)
                    .answer(ONSET, Onset.WEEKS)
                    .answer(APPARENT_CAUSE, true);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void doesNotFireAt50ForPainOf1To6WeeksWhenApparentCauseIsUnanswered() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(AGE, 50)
                    .answer(ONSET, Onset.WEEKS)
                    .clear(APPARENT_CAUSE);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }

        @Test
        void doesNotFireAt50WithoutAnApparentCauseWhenTheOnsetIsUnanswered() {
            IntakeAnswers.Builder answers = BenignAnswers.builder()
                    .answer(AGE, 50)
                    .clear(ONSET)
                    .answer(APPARENT_CAUSE, false);

            TriageOutcome outcome = triage(answers);

            assertThat(outcome.level()).isEqualTo(SELF_CARE);
            assertThat(outcome.ruleIds()).isEmpty();
        }
    }
}
