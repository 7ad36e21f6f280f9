package org.example.intake.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.intake.core.answers.Question.AGE;
import static org.example.intake.core.answers.Question.APPARENT_CAUSE;
import static org.example.intake.core.answers.Question.BLOOD_THINNERS;
import static org.example.intake.core.answers.Question.CANCER_HISTORY;
import static org.example.intake.core.answers.Question.DAILY_ACTIVITIES;
import static org.example.intake.core.answers.Question.LEG_WEAKNESS;
import static org.example.intake.core.answers.Question.MAJOR_TRAUMA;
import static org.example.intake.core.answers.Question.NIGHT_PAIN;
import static org.example.intake.core.answers.Question.NUMBNESS_BOTH_LEGS;
import static org.example.intake.core.answers.Question.NUMBNESS_TINGLING;
import static org.example.intake.core.answers.Question.NUMBNESS_WORSENING;
import static org.example.intake.core.answers.Question.ONSET;
import static org.example.intake.core.answers.Question.OSTEOPOROSIS_STEROIDS;
import static org.example.intake.core.answers.Question.PAIN_BOTH_LEGS;
import static org.example.intake.core.answers.Question.PAIN_SEVERITY;
import static org.example.intake.core.answers.Question.PATTERN;
import static org.example.intake.core.answers.Question.PREGNANT;
import static org.example.intake.core.answers.Question.RADIATES;
import static org.example.intake.core.answers.Question.STANDING;
import static org.example.intake.core.answers.Question.WEAKNESS_BOTH_LEGS;
import static org.example.intake.core.answers.Question.WEIGHT_LOSS;
import static org.example.intake.core.triage.Level.EMERGENCY;
import static org.example.intake.core.triage.Level.SELF_CARE;
import static org.example.intake.core.triage.Level.SOON;
import static org.example.intake.core.triage.Level.URGENT;

import org.example.intake.core.answers.BenignAnswers;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.Standing;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules that rule set 1.2.0 added or changed (third clinical review), each at its boundaries
 * both ways: just over and just under every threshold, a second sign present and absent, and the
 * answer that must fire nothing. Every case starts from {@link BenignAnswers} (a 35-year-old,
 * pain 4 of 10, improving, after something obvious) and checks the level and the exact fired
 * rules, so a rule that also fires elsewhere shows up.
 */
class RuleSet120UnitTests {

    private final TriageEngine engine = new TriageEngine();

    private void assertTriage(IntakeAnswers.Builder answers, Level level, String... ruleIds) {
        TriageOutcome outcome = engine.triage(answers.build());

        assertThat(outcome.level()).isEqualTo(level);
        assertThat(outcome.ruleIds()).containsExactly(ruleIds);
        assertThat(outcome.ruleSetVersion()).isEqualTo("1.2.0");
    }

    @Nested
    class BothLegs {

        @Test
        void painInBothLegsIsAnEmergency() {
            assertTriage(BenignAnswers.builder().answer(RADIATES, true).answer(PAIN_BOTH_LEGS, true), EMERGENCY,
                    "CES-BILATERAL-SCIATICA");
            assertTriage(BenignAnswers.builder().answer(RADIATES, true).answer(PAIN_BOTH_LEGS, false), SELF_CARE);
        }

        @Test
        void weaknessInBothLegsIsAnEmergency() {
            assertTriage(BenignAnswers.builder().answer(LEG_WEAKNESS, true).answer(WEAKNESS_BOTH_LEGS, true), EMERGENCY,
                    "CES-BILATERAL-DEFICIT", "NEURO-WEAKNESS");
            assertTriage(BenignAnswers.builder().answer(LEG_WEAKNESS, true).answer(WEAKNESS_BOTH_LEGS, false), URGENT,
                    "NEURO-WEAKNESS");
        }

        @Test
        void numbnessInBothLegsGettingWorseIsAnEmergency() {
            assertTriage(BenignAnswers.builder().answer(NUMBNESS_TINGLING, true).answer(NUMBNESS_BOTH_LEGS, true)
                    .answer(NUMBNESS_WORSENING, true), EMERGENCY, "BILATERAL-NUMBNESS-WORSE", "BILATERAL-NUMBNESS",
                    "NEURO-SENSORY");
        }

        @Test
        void numbnessInBothLegsNotGettingWorseIsUrgent() {
            assertTriage(BenignAnswers.builder().answer(NUMBNESS_TINGLING, true).answer(NUMBNESS_BOTH_LEGS, true)
                    .answer(NUMBNESS_WORSENING, false), URGENT, "BILATERAL-NUMBNESS", "NEURO-SENSORY");
        }

        @Test
        void numbnessInOneLegGettingWorseIsSoon() {
            assertTriage(BenignAnswers.builder().answer(NUMBNESS_TINGLING, true).answer(NUMBNESS_BOTH_LEGS, false)
                    .answer(NUMBNESS_WORSENING, true), SOON, "NEURO-SENSORY");
        }

        @Test
        void oldNumbnessAnsweredNoFiresNothingWhateverTheBothLegsAnswers() {
            assertTriage(BenignAnswers.builder().answer(NUMBNESS_TINGLING, false).answer(NUMBNESS_BOTH_LEGS, true)
                    .answer(NUMBNESS_WORSENING, true), SELF_CARE);
        }
    }

    @Nested
    class Standing120 {

        @Test
        void cannotStandAfterAFallIsAnEmergency() {
            assertTriage(BenignAnswers.builder().answer(MAJOR_TRAUMA, true).answer(STANDING, Standing.CANNOT_STAND),
                    EMERGENCY, "FRAC-NO-WEIGHT-BEARING", "WEIGHT-BEARING-LOST", "FRAC-TRAUMA-MINOR");
        }

        @Test
        void cannotStandWithoutAFallIsUrgent() {
            assertTriage(BenignAnswers.builder().answer(MAJOR_TRAUMA, false).answer(STANDING, Standing.CANNOT_STAND),
                    URGENT, "WEIGHT-BEARING-LOST");
        }

        @Test
        void couldNotStandBeforeFiresNothing() {
            assertTriage(BenignAnswers.builder().answer(STANDING, Standing.COULD_NOT_BEFORE), SELF_CARE);
            assertTriage(BenignAnswers.builder().answer(MAJOR_TRAUMA, true).answer(STANDING, Standing.COULD_NOT_BEFORE),
                    SOON, "FRAC-TRAUMA-MINOR");
        }

        @Test
        void standingUnansweredFiresNothing() {
            assertTriage(BenignAnswers.builder().answer(MAJOR_TRAUMA, true).clear(STANDING), SOON, "FRAC-TRAUMA-MINOR");
        }
    }

    @Nested
    class SevereNewPain {

        private IntakeAnswers.Builder severe(int pain) {
            return BenignAnswers.builder().answer(PAIN_SEVERITY, pain).answer(ONSET, Onset.HOURS)
                    .answer(PATTERN, Pattern.UNCHANGED).answer(DAILY_ACTIVITIES, true);
        }

        @Test
        void severeNewPainThatStopsNormalActivityIsUrgent() {
            assertTriage(severe(8), URGENT, "PAIN-SEVERE-NEW", "FUNCTION-ADL");
            assertTriage(severe(7), SOON, "FUNCTION-ADL");
        }

        @Test
        void tenOutOfTenPainThatDoesNotStopNormalActivityIsNotUrgent() {
            assertTriage(severe(10).answer(DAILY_ACTIVITIES, false), SELF_CARE);
        }

        @Test
        void severePainThatIsImprovingIsNotUrgent() {
            assertTriage(severe(10).answer(PATTERN, Pattern.IMPROVING), SOON, "FUNCTION-ADL");
        }
    }

    @Nested
    class BleedOnBloodThinners {

        private IntakeAnswers.Builder onBloodThinners(int pain) {
            return BenignAnswers.builder().answer(BLOOD_THINNERS, true).answer(PAIN_SEVERITY, pain)
                    .answer(ONSET, Onset.DAYS);
        }

        @Test
        void anticoagulatedPainOfFiveIsUrgentAndFourIsNot() {
            assertTriage(onBloodThinners(5), URGENT, "BLEED-ANTICOAGULANT");
            assertTriage(onBloodThinners(4), SELF_CARE);
        }

        @Test
        void anticoagulatedWorseningOrInjuredIsUrgentWhateverThePain() {
            assertTriage(onBloodThinners(1).answer(PATTERN, Pattern.WORSENING), URGENT, "BLEED-ANTICOAGULANT",
                    "PERSIST-WORSENING");
            assertTriage(onBloodThinners(1).answer(MAJOR_TRAUMA, true), URGENT, "BLEED-ANTICOAGULANT", "FRAC-TRAUMA",
                    "FRAC-TRAUMA-MINOR");
        }

        @Test
        void anticoagulatedPainThatStartedWeeksAgoIsNotABleed() {
            assertTriage(onBloodThinners(9).answer(ONSET, Onset.WEEKS), SELF_CARE);
        }

        @Test
        void noBloodThinnerWithPainOfFiveFiresNothing() {
            assertTriage(onBloodThinners(5).answer(BLOOD_THINNERS, false), SELF_CARE);
        }
    }

    @Nested
    class PastCancer {

        @Test
        void pastCancerWithoutAClearCauseIsUrgent() {
            assertTriage(BenignAnswers.builder().answer(CANCER_HISTORY, true).answer(APPARENT_CAUSE, false), URGENT,
                    "MAL-HISTORY", "MAL-HISTORY-ROUTINE");
        }

        @Test
        void pastCancerImprovingAfterAStrainIsSoon() {
            assertTriage(BenignAnswers.builder().answer(CANCER_HISTORY, true), SOON, "MAL-HISTORY-ROUTINE");
        }

        @Test
        void pastCancerWithPainThatIsNotImprovingIsUrgent() {
            assertTriage(BenignAnswers.builder().answer(CANCER_HISTORY, true).answer(PATTERN, Pattern.UNCHANGED), URGENT,
                    "MAL-HISTORY", "MAL-HISTORY-ROUTINE");
        }

        @Test
        void pastCancerWithNightPainIsUrgent() {
            assertTriage(BenignAnswers.builder().answer(CANCER_HISTORY, true).answer(NIGHT_PAIN, true), URGENT,
                    "MAL-HISTORY", "MAL-HISTORY-ROUTINE", "NIGHT-PAIN");
        }

        @Test
        void pastCancerWithTheCauseUnansweredIsNotRaisedByIt() {
            assertTriage(BenignAnswers.builder().answer(CANCER_HISTORY, true).clear(APPARENT_CAUSE), SOON,
                    "MAL-HISTORY-ROUTINE");
        }

        @Test
        void pastCancerWithNewLegWeaknessIsStillAnEmergency() {
            assertTriage(BenignAnswers.builder().answer(CANCER_HISTORY, true).answer(LEG_WEAKNESS, true), EMERGENCY,
                    "MAL-CORD", "NEURO-WEAKNESS", "MAL-HISTORY-ROUTINE");
        }
    }

    @Nested
    class NightPainAndWeightLoss {

        @Test
        void nightPainOver50AloneIsSoon() {
            assertTriage(BenignAnswers.builder().answer(NIGHT_PAIN, true).answer(AGE, 70), SOON, "NIGHT-PAIN");
        }

        @Test
        void nightPainOver50WithWeightLossIsUrgent() {
            assertTriage(BenignAnswers.builder().answer(NIGHT_PAIN, true).answer(AGE, 50).answer(WEIGHT_LOSS, true),
                    URGENT, "MAL-NIGHT-AGE", "MAL-WEIGHT", "NIGHT-PAIN");
            assertTriage(BenignAnswers.builder().answer(NIGHT_PAIN, true).answer(AGE, 49).answer(WEIGHT_LOSS, true),
                    SOON, "MAL-WEIGHT", "NIGHT-PAIN");
        }

        @Test
        void nightPainOver50GettingWorseIsUrgent() {
            assertTriage(BenignAnswers.builder().answer(NIGHT_PAIN, true).answer(AGE, 50)
                    .answer(PATTERN, Pattern.WORSENING), URGENT, "MAL-NIGHT-AGE", "PERSIST-WORSENING", "NIGHT-PAIN");
        }

        @Test
        void weightLossAloneIsSoon() {
            assertTriage(BenignAnswers.builder().answer(WEIGHT_LOSS, true), SOON, "MAL-WEIGHT");
        }
    }

    @Nested
    class Falls {

        private IntakeAnswers.Builder fall() {
            return BenignAnswers.builder().answer(MAJOR_TRAUMA, true);
        }

        @Test
        void fallAt65IsUrgentAnd64IsSoon() {
            assertTriage(fall().answer(AGE, 65), URGENT, "FRAC-TRAUMA", "FRAC-TRAUMA-MINOR");
            assertTriage(fall().answer(AGE, 64), SOON, "FRAC-TRAUMA-MINOR");
        }

        @Test
        void fallOnBloodThinnersIsUrgent() {
            assertTriage(fall().answer(BLOOD_THINNERS, true).answer(ONSET, Onset.WEEKS), URGENT, "FRAC-TRAUMA",
                    "FRAC-TRAUMA-MINOR");
        }

        @Test
        void fallWithFragileBonesOrPainOf7OrUnsettledPainIsUrgent() {
            assertTriage(fall().answer(OSTEOPOROSIS_STEROIDS, true), URGENT, "FRAC-TRAUMA", "FRAC-TRAUMA-MINOR");
            assertTriage(fall().answer(PAIN_SEVERITY, 7), URGENT, "FRAC-TRAUMA", "FRAC-TRAUMA-MINOR");
            assertTriage(fall().answer(PAIN_SEVERITY, 6), SOON, "FRAC-TRAUMA-MINOR");
            assertTriage(fall().answer(PATTERN, Pattern.UNCHANGED), URGENT, "FRAC-TRAUMA", "FRAC-TRAUMA-MINOR");
        }

        @Test
        void fallWithImprovingMildPainIsSoon() {
            assertTriage(fall(), SOON, "FRAC-TRAUMA-MINOR");
        }
    }

    @Nested
    class Pregnancy {

        @Test
        void severeOrWorseningPainInPregnancyIsUrgent() {
            assertTriage(BenignAnswers.builder().answer(PREGNANT, true).answer(PAIN_SEVERITY, 7), URGENT, "PREG-SEVERE",
                    "PREG-CARE");
            assertTriage(BenignAnswers.builder().answer(PREGNANT, true).answer(PAIN_SEVERITY, 6), SOON, "PREG-CARE");
            assertTriage(BenignAnswers.builder().answer(PREGNANT, true).answer(PATTERN, Pattern.WORSENING), URGENT,
                    "PREG-SEVERE", "PREG-CARE", "PERSIST-WORSENING");
        }

        @Test
        void pregnancyAloneIsSoon() {
            assertTriage(BenignAnswers.builder().answer(PREGNANT, true), SOON, "PREG-CARE");
            assertTriage(BenignAnswers.builder().answer(PREGNANT, false).answer(PAIN_SEVERITY, 9), SELF_CARE);
        }
    }

    @Nested
    class OlderVersions {

        @Test
        void answersTo100AreUrgentThroughFormIncomplete() {
            assertTriage(BenignAnswers.builderFor1_0_0(), URGENT, "FORM-INCOMPLETE");
        }

        @Test
        void answersTo110AreNotFormIncomplete() {
            assertTriage(BenignAnswers.builderFor1_1_0(), SELF_CARE);
        }

        @Test
        void a100FallIsUrgentThroughFormIncompleteNotTheStandingRulesItNeverAsked() {
            assertTriage(BenignAnswers.builderFor1_0_0().answer(MAJOR_TRAUMA, true), URGENT, "FORM-INCOMPLETE",
                    "FRAC-TRAUMA-MINOR");
        }

        @Test
        void a110FallUnableToBearWeightIsAnEmergencyThroughStanding() {
            assertTriage(BenignAnswers.builderFor1_1_0().answer(MAJOR_TRAUMA, true)
                    .answer(Question.CAN_BEAR_WEIGHT, false), EMERGENCY, "FRAC-NO-WEIGHT-BEARING",
                    "WEIGHT-BEARING-LOST", "FRAC-TRAUMA-MINOR");
        }

        @Test
        void a100SciaticaInBothLegsIsAnEmergency() {
            assertTriage(BenignAnswers.builderFor1_0_0().answer(RADIATES, true).answer(Question.BOTH_LEGS, true),
                    EMERGENCY, "CES-BILATERAL-SCIATICA", "FORM-INCOMPLETE");
        }
    }
}
