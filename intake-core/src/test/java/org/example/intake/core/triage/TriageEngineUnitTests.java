package org.example.intake.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.intake.core.answers.Question.AGE;
import static org.example.intake.core.answers.Question.APPARENT_CAUSE;
import static org.example.intake.core.answers.Question.BLADDER_CHANGE;
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

import org.example.intake.core.advice.Advice;
import org.example.intake.core.answers.BenignAnswers;
import org.example.intake.core.answers.Frequency;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.Standing;
import org.junit.jupiter.api.Test;

class TriageEngineUnitTests {

    private final TriageEngine engine = new TriageEngine();

    /**
     * Answers to the current questionnaire that make every rule fire except AGE-UNDER-16 (the age
     * is 80), FORM-INCOMPLETE (not 1.0.0) and those that the onset excludes: PERSIST-DURATION
     * needs over 6 weeks, PAIN-SEVERE-NEW, BLEED-ANTICOAGULANT and AGE-NEW-ONSET a newer start.
     */
    private static IntakeAnswers.Builder everyRedFlag(Onset onset) {
        return BenignAnswers.builder()
                .answer(ONSET, onset)
                .answer(PAIN_SEVERITY, 10)
                .answer(PATTERN, Pattern.WORSENING)
                .answer(FREQUENCY, Frequency.DAILY_OR_CONSTANT)
                .answer(APPARENT_CAUSE, false)
                .answer(MAJOR_TRAUMA, true)
                .answer(DAILY_ACTIVITIES, true)
                .answer(RADIATES, true)
                .answer(RADIATES_BELOW_KNEE, true)
                .answer(NUMBNESS_TINGLING, true)
                .answer(LEG_WEAKNESS, true)
                .answer(WEAKNESS_PROGRESSING, true)
                .answer(Question.PAIN_BOTH_LEGS, true)
                .answer(Question.NUMBNESS_BOTH_LEGS, true)
                .answer(Question.NUMBNESS_WORSENING, true)
                .answer(Question.WEAKNESS_BOTH_LEGS, true)
                .answer(SADDLE_NUMBNESS, true)
                .answer(BLADDER_CHANGE, true)
                .answer(BOWEL_CHANGE, true)
                .answer(SEXUAL_DYSFUNCTION, true)
                .answer(FEVER, true)
                .answer(WEIGHT_LOSS, true)
                .answer(NIGHT_PAIN, true)
                .answer(COLD_PALE_LEG, true)
                .answer(WALKING_CLAUDICATION, true)
                .answer(AGE, 80)
                .answer(CANCER_HISTORY, true)
                .answer(IMMUNOSUPPRESSED, true)
                .answer(IV_DRUG_USE, true)
                .answer(OSTEOPOROSIS_STEROIDS, true)
                .answer(Question.STANDING, Standing.CANNOT_STAND)
                .answer(Question.PREGNANT, true)
                .answer(Question.REST_PAIN, true)
                .answer(Question.SUDDEN_SEVERE_ONSET, true)
                .answer(Question.VERY_UNWELL, true)
                .answer(Question.TENSE_SWELLING_DARK_URINE, true)
                .answer(Question.CALF_SWELLING, true)
                .answer(Question.ANAL_LUMP, true)
                .answer(Question.BLOOD_THINNERS, true);
    }

    @Test
    void benignAnswersGiveSelfCareWithNoRules() {
        IntakeAnswers answers = BenignAnswers.answers();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(SELF_CARE);
        assertThat(outcome.firedRules()).isEmpty();
    }

    @Test
    void emptyAnswersFireNothingAndGiveSelfCare() {
        IntakeAnswers answers = IntakeAnswers.builder().build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(SELF_CARE);
        assertThat(outcome.firedRules()).isEmpty();
    }

    @Test
    void urgentRuleOutranksSoonRule() {
        IntakeAnswers answers = BenignAnswers.builder()
                .answer(PATTERN, Pattern.WORSENING)
                .answer(FEVER, true)
                .build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(URGENT);
        assertThat(outcome.ruleIds()).containsExactly("INF-FEVER", "PERSIST-WORSENING");
    }

    @Test
    void emergencyRuleOutranksUrgentAndSoonRules() {
        IntakeAnswers answers = BenignAnswers.builder()
                .answer(SADDLE_NUMBNESS, true)
                .answer(FEVER, true)
                .answer(PATTERN, Pattern.WORSENING)
                .build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(EMERGENCY);
        assertThat(outcome.ruleIds()).containsExactly("CES-SADDLE", "INF-FEVER", "PERSIST-WORSENING");
    }

    @Test
    void severalSoonRulesStaySoon() {
        IntakeAnswers answers = BenignAnswers.builder()
                .answer(PATTERN, Pattern.WORSENING)
                .answer(DAILY_ACTIVITIES, true)
                .answer(WALKING_CLAUDICATION, true)
                .build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(SOON);
        assertThat(outcome.ruleIds()).containsExactly("PERSIST-WORSENING", "FUNCTION-ADL", "VASC-CLAUDICATION");
    }

    @Test
    void everyFiredRuleIsListedMostUrgentFirstThenInRuleTableOrderWhenPainIsLongStanding() {
        IntakeAnswers answers = everyRedFlag(Onset.OVER_6_WEEKS).build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(EMERGENCY);
        assertThat(outcome.ruleIds()).containsExactly(
                "CES-SADDLE", "CES-SPHINCTER", "CES-BILATERAL-DEFICIT", "CES-BILATERAL-SCIATICA",
                "BILATERAL-NUMBNESS-WORSE", "CES-SEXUAL-NEURO", "NEURO-PROGRESSIVE", "VASC-ACUTE-LIMB",
                "VASC-SUDDEN-COLLAPSE", "SEPSIS-SIGNS", "COMPARTMENT-RHABDO", "INF-NEURO", "MAL-CORD",
                "FRAC-NO-WEIGHT-BEARING",
                "CES-SEXUAL", "BILATERAL-NUMBNESS", "NEURO-WEAKNESS", "INF-FEVER", "INF-RISK", "INF-ABSCESS",
                "DVT-SIGNS", "VASC-REST-PAIN", "WEIGHT-BEARING-LOST", "MAL-HISTORY", "MAL-NIGHT-AGE", "FRAC-TRAUMA",
                "FRAC-FRAGILITY", "PREG-SEVERE",
                "MAL-WEIGHT", "MAL-HISTORY-ROUTINE", "FRAC-TRAUMA-MINOR", "PREG-CARE", "PERSIST-DURATION",
                "PERSIST-WORSENING", "PERSIST-RECUR-UNEXPLAINED", "NEURO-SENSORY", "SCIATICA-BELOW-KNEE",
                "FUNCTION-ADL", "VASC-CLAUDICATION", "NIGHT-PAIN", "AGE-SEVERE");
    }

    @Test
    void everyFiredRuleIsListedMostUrgentFirstThenInRuleTableOrderWhenPainIsNew() {
        IntakeAnswers answers = everyRedFlag(Onset.HOURS).build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(EMERGENCY);
        assertThat(outcome.ruleIds()).containsExactly(
                "CES-SADDLE", "CES-SPHINCTER", "CES-BILATERAL-DEFICIT", "CES-BILATERAL-SCIATICA",
                "BILATERAL-NUMBNESS-WORSE", "CES-SEXUAL-NEURO", "NEURO-PROGRESSIVE", "VASC-ACUTE-LIMB",
                "VASC-SUDDEN-COLLAPSE", "SEPSIS-SIGNS", "COMPARTMENT-RHABDO", "INF-NEURO", "MAL-CORD",
                "FRAC-NO-WEIGHT-BEARING",
                "CES-SEXUAL", "BILATERAL-NUMBNESS", "NEURO-WEAKNESS", "INF-FEVER", "INF-RISK", "INF-ABSCESS",
                "DVT-SIGNS", "VASC-REST-PAIN", "WEIGHT-BEARING-LOST", "PAIN-SEVERE-NEW", "BLEED-ANTICOAGULANT",
                "MAL-HISTORY", "MAL-NIGHT-AGE", "FRAC-TRAUMA", "FRAC-FRAGILITY", "PREG-SEVERE",
                "MAL-WEIGHT", "MAL-HISTORY-ROUTINE", "FRAC-TRAUMA-MINOR", "PREG-CARE",
                "PERSIST-WORSENING", "PERSIST-RECUR-UNEXPLAINED", "NEURO-SENSORY", "SCIATICA-BELOW-KNEE",
                "FUNCTION-ADL", "VASC-CLAUDICATION", "NIGHT-PAIN", "AGE-NEW-ONSET", "AGE-SEVERE");
    }

    @Test
    void theUnder16RuleIsListedBeforeSoonRules() {
        IntakeAnswers answers = BenignAnswers.builder()
                .answer(AGE, 15)
                .answer(PATTERN, Pattern.WORSENING)
                .build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(URGENT);
        assertThat(outcome.ruleIds()).containsExactly("AGE-UNDER-16", "PERSIST-WORSENING");
    }

    @Test
    void firedRulesAreListedInRuleTableOrderEvenWhenALowerLevelRuleComesFirstInTheForm() {
        IntakeAnswers answers = BenignAnswers.builder()
                .answer(DAILY_ACTIVITIES, true)
                .answer(CANCER_HISTORY, true)
                .answer(COLD_PALE_LEG, true)
                .build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(EMERGENCY);
        assertThat(outcome.ruleIds()).containsExactly("VASC-ACUTE-LIMB", "MAL-HISTORY-ROUTINE", "FUNCTION-ADL");
    }

    @Test
    void outcomeRecordsRuleSetVersion() {
        IntakeAnswers answers = BenignAnswers.builder().answer(FEVER, true).build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.ruleSetVersion()).isEqualTo("1.2.0");
    }

    @Test
    void outcomeOfEmptyAnswersAlsoRecordsRuleSetVersion() {
        IntakeAnswers answers = IntakeAnswers.builder().build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.ruleSetVersion()).isEqualTo("1.2.0");
    }

    @Test
    void outcomeCarriesAdviceForItsLevel() {
        IntakeAnswers answers = BenignAnswers.builder().answer(FEVER, true).build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.advice()).startsWith(Advice.ACT_URGENT, Advice.URGENT_IF_WORSE, Advice.NET_CALL_999)
                .endsWith(Advice.SIGN_VERY_UNWELL, Advice.WHAT_HAPPENS_NEXT)
                .doesNotContain(Advice.NET_SAME_DAY);
    }

    @Test
    void firedRulesCarryTheirLevels() {
        IntakeAnswers answers = BenignAnswers.builder()
                .answer(SADDLE_NUMBNESS, true)
                .answer(FEVER, true)
                .answer(PATTERN, Pattern.WORSENING)
                .build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.firedRules()).extracting(RedFlagRule::level).containsExactly(EMERGENCY, URGENT, SOON);
    }

    @Test
    void answersToAnOlderVersionAreTriagedInTheCurrentTermsAndKeepTheirVersion() {
        IntakeAnswers answers = BenignAnswers.builderFor1_1_0()
                .answer(RADIATES, true)
                .answer(Question.BOTH_LEGS, true)
                .build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.ruleIds()).containsExactly("CES-BILATERAL-SCIATICA");
        assertThat(outcome.advice()).containsExactly(Advice.ACT_EMERGENCY, Advice.WHAT_HAPPENS_NEXT);
        assertThat(answers.version()).isEqualTo(org.example.intake.core.answers.QuestionnaireVersion.V1_1_0);
    }
}
