package org.example.intake.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.intake.core.answers.Question.AGE;
import static org.example.intake.core.answers.Question.BLOOD_THINNERS;
import static org.example.intake.core.answers.Question.BOTH_LEGS;
import static org.example.intake.core.answers.Question.CANCER_HISTORY;
import static org.example.intake.core.answers.Question.CAN_BEAR_WEIGHT;
import static org.example.intake.core.answers.Question.FEVER;
import static org.example.intake.core.answers.Question.LEG_WEAKNESS;
import static org.example.intake.core.answers.Question.MAJOR_TRAUMA;
import static org.example.intake.core.answers.Question.NUMBNESS_TINGLING;
import static org.example.intake.core.answers.Question.ONSET;
import static org.example.intake.core.answers.Question.PAIN_SEVERITY;
import static org.example.intake.core.answers.Question.PATTERN;
import static org.example.intake.core.answers.Question.RADIATES;
import static org.example.intake.core.answers.Question.SEXUAL_DYSFUNCTION;
import static org.example.intake.core.triage.Level.EMERGENCY;
import static org.example.intake.core.triage.Level.SELF_CARE;
import static org.example.intake.core.triage.Level.SOON;
import static org.example.intake.core.triage.Level.URGENT;

import org.example.intake.core.answers.BenignAnswers;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules that rule set 1.1.0 added or combined and 1.2.0 keeps as they were, each at its
 * boundaries (those 1.2.0 changed are in {@link RuleSet120UnitTests}): just over and just under every threshold, and false against absent where a rule
 * needs an answer of false. Every case starts from {@link BenignAnswers} and checks the level
 * and the exact fired rules, so a rule that also fires elsewhere shows up. (The single-answer
 * rules VASC-SUDDEN-COLLAPSE, SEPSIS-SIGNS, COMPARTMENT-RHABDO, INF-ABSCESS, DVT-SIGNS and
 * VASC-REST-PAIN are covered yes, no and unanswered in {@link RedFlagRuleUnitTests}.)
 */
class RuleSet110UnitTests {

    private final TriageEngine engine = new TriageEngine();

    private void assertTriage(IntakeAnswers.Builder answers, Level level, String... ruleIds) {
        TriageOutcome outcome = engine.triage(answers.build());

        assertThat(outcome.level()).isEqualTo(level);
        assertThat(outcome.ruleIds()).containsExactly(ruleIds);
    }

    @Nested
    class SuddenSevereNewPain {

        @Test
        void painOf7StartedHoursAgoDoesNotFire() {
            assertTriage(BenignAnswers.builder().answer(PAIN_SEVERITY, 7).answer(ONSET, Onset.HOURS)
                    .answer(PATTERN, Pattern.UNCHANGED), SELF_CARE);
        }

        @Test
        void painOf8StartedWeeksAgoDoesNotFire() {
            assertTriage(BenignAnswers.builder().answer(PAIN_SEVERITY, 8).answer(ONSET, Onset.WEEKS)
                    .answer(PATTERN, Pattern.UNCHANGED), SELF_CARE);
        }

        @Test
        void painOf8ThatIsImprovingDoesNotFire() {
            assertTriage(BenignAnswers.builder().answer(PAIN_SEVERITY, 8).answer(ONSET, Onset.HOURS)
                    .answer(PATTERN, Pattern.IMPROVING), SELF_CARE);
        }

        @Test
        void painOf8WithThePatternUnansweredDoesNotFire() {
            assertTriage(BenignAnswers.builder().answer(PAIN_SEVERITY, 8).answer(ONSET, Onset.HOURS)
                    .clear(PATTERN), SELF_CARE);
        }
    }

    @Nested
    class BleedingOnBloodThinners {

        @Test
        void bloodThinnersWithPainOf7StartedDaysAgoFire() {
            assertTriage(BenignAnswers.builder().answer(BLOOD_THINNERS, true).answer(PAIN_SEVERITY, 7)
                    .answer(ONSET, Onset.DAYS), URGENT, "BLEED-ANTICOAGULANT");
        }

        @Test
        void bloodThinnersWithPainOf7StartedHoursAgoFire() {
            assertTriage(BenignAnswers.builder().answer(BLOOD_THINNERS, true).answer(PAIN_SEVERITY, 7)
                    .answer(ONSET, Onset.HOURS), URGENT, "BLEED-ANTICOAGULANT");
        }

        @Test
        void bloodThinnersWithPainOf7StartedWeeksAgoDoNotFire() {
            assertTriage(BenignAnswers.builder().answer(BLOOD_THINNERS, true).answer(PAIN_SEVERITY, 7)
                    .answer(ONSET, Onset.WEEKS), SELF_CARE);
        }

        @Test
        void noBloodThinnersWithPainOf7StartedDaysAgoDoNotFire() {
            assertTriage(BenignAnswers.builder().answer(BLOOD_THINNERS, false).answer(PAIN_SEVERITY, 7)
                    .answer(ONSET, Onset.DAYS), SELF_CARE);
        }
    }

    @Nested
    class CombinedEmergencies {

        @Test
        void feverWithLegWeaknessIsAnEmergencyForAPossibleSpinalAbscess() {
            assertTriage(BenignAnswers.builder().answer(FEVER, true).answer(LEG_WEAKNESS, true),
                    EMERGENCY, "INF-NEURO", "NEURO-WEAKNESS", "INF-FEVER");
        }

        @Test
        void feverWithNumbnessIsAnEmergencyForAPossibleSpinalAbscess() {
            assertTriage(BenignAnswers.builder().answer(FEVER, true).answer(NUMBNESS_TINGLING, true),
                    EMERGENCY, "INF-NEURO", "INF-FEVER", "NEURO-SENSORY");
        }

        @Test
        void feverWithPainDownTheLegButNoNerveSymptomIsUrgent() {
            assertTriage(BenignAnswers.builder().answer(FEVER, true).answer(RADIATES, true), URGENT, "INF-FEVER");
        }

        @Test
        void sexualDysfunctionWithPainDownTheLegIsAnEmergency() {
            assertTriage(BenignAnswers.builder().answer(SEXUAL_DYSFUNCTION, true).answer(RADIATES, true),
                    EMERGENCY, "CES-SEXUAL-NEURO", "CES-SEXUAL");
        }

        @Test
        void sexualDysfunctionWithNumbnessIsAnEmergency() {
            assertTriage(BenignAnswers.builder().answer(SEXUAL_DYSFUNCTION, true).answer(NUMBNESS_TINGLING, true),
                    EMERGENCY, "CES-SEXUAL-NEURO", "CES-SEXUAL", "NEURO-SENSORY");
        }

        @Test
        void sexualDysfunctionWithLegWeaknessIsAnEmergency() {
            assertTriage(BenignAnswers.builder().answer(SEXUAL_DYSFUNCTION, true).answer(LEG_WEAKNESS, true),
                    EMERGENCY, "CES-SEXUAL-NEURO", "CES-SEXUAL", "NEURO-WEAKNESS");
        }

        @Test
        void sexualDysfunctionAloneStaysUrgent() {
            assertTriage(BenignAnswers.builder().answer(SEXUAL_DYSFUNCTION, true), URGENT, "CES-SEXUAL");
        }

    }

    @Nested
    class Age {

        @Test
        void age15IsUrgentAsTheRulesAreValidatedFrom16() {
            assertTriage(BenignAnswers.builder().answer(AGE, 15), URGENT, "AGE-UNDER-16");
        }

        @Test
        void age16FiresNothing() {
            assertTriage(BenignAnswers.builder().answer(AGE, 16), SELF_CARE);
        }

        @Test
        void age0IsUrgent() {
            assertTriage(BenignAnswers.builder().answer(AGE, 0), URGENT, "AGE-UNDER-16");
        }

        @Test
        void ageUnansweredFiresNeitherAgeRule() {
            assertTriage(BenignAnswers.builder().clear(AGE).answer(PAIN_SEVERITY, 10), SELF_CARE);
        }

        @Test
        void age65WithPainOf7IsSoon() {
            assertTriage(BenignAnswers.builder().answer(AGE, 65).answer(PAIN_SEVERITY, 7), SOON, "AGE-SEVERE");
        }

        @Test
        void age64WithPainOf7FiresNothing() {
            assertTriage(BenignAnswers.builder().answer(AGE, 64).answer(PAIN_SEVERITY, 7), SELF_CARE);
        }

        @Test
        void age65WithPainOf6FiresNothing() {
            assertTriage(BenignAnswers.builder().answer(AGE, 65).answer(PAIN_SEVERITY, 6), SELF_CARE);
        }
    }
}
