package org.example.intake.fhir.extract;

import static org.example.intake.core.answers.Question.AGE;
import static org.example.intake.core.answers.Question.ANAL_LUMP;
import static org.example.intake.core.answers.Question.APPARENT_CAUSE;
import static org.example.intake.core.answers.Question.BLOOD_THINNERS;
import static org.example.intake.core.answers.Question.BOWEL_CHANGE;
import static org.example.intake.core.answers.Question.CALF_SWELLING;
import static org.example.intake.core.answers.Question.CANCER_HISTORY;
import static org.example.intake.core.answers.Question.COLD_PALE_LEG;
import static org.example.intake.core.answers.Question.DAILY_ACTIVITIES;
import static org.example.intake.core.answers.Question.FEVER;
import static org.example.intake.core.answers.Question.FREQUENCY;
import static org.example.intake.core.answers.Question.IMMUNOSUPPRESSED;
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
import static org.example.intake.core.answers.Question.RADIATES_BELOW_KNEE;
import static org.example.intake.core.answers.Question.REST_PAIN;
import static org.example.intake.core.answers.Question.SADDLE_NUMBNESS;
import static org.example.intake.core.answers.Question.SEXUAL_DYSFUNCTION;
import static org.example.intake.core.answers.Question.STANDING;
import static org.example.intake.core.answers.Question.SUDDEN_SEVERE_ONSET;
import static org.example.intake.core.answers.Question.TENSE_SWELLING_DARK_URINE;
import static org.example.intake.core.answers.Question.VERY_UNWELL;
import static org.example.intake.core.answers.Question.WALKING_CLAUDICATION;
import static org.example.intake.core.answers.Question.WEAKNESS_BOTH_LEGS;
import static org.example.intake.core.answers.Question.WEAKNESS_PROGRESSING;
import static org.example.intake.core.answers.Question.WEIGHT_LOSS;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.fhir.Responses;

/**
 * For every red-flag rule of rule set 1.2.0, a complete valid response on which that rule fires:
 * a response to questionnaire 1.2.0 (every enabled question answered), except for FORM-INCOMPLETE,
 * which only a response to 1.0.0 fires.
 */
final class RuleResponses {

    private static final Map<RedFlagRule, UnaryOperator<Responses>> FIRING = new EnumMap<>(RedFlagRule.class);

    static {
        FIRING.put(RedFlagRule.CES_SADDLE, r -> r.set(SADDLE_NUMBNESS, true));
        FIRING.put(RedFlagRule.CES_SPHINCTER, r -> r.set(BOWEL_CHANGE, true));
        FIRING.put(RedFlagRule.CES_BILATERAL_DEFICIT, r -> weakness(r, false, true));
        FIRING.put(RedFlagRule.CES_BILATERAL_SCIATICA, r -> radiating(r, true));
        FIRING.put(RedFlagRule.BILATERAL_NUMBNESS_WORSE, r -> numbness(r, true, true));
        FIRING.put(RedFlagRule.CES_SEXUAL_NEURO, r -> numbness(r.set(SEXUAL_DYSFUNCTION, true), false, false));
        FIRING.put(RedFlagRule.NEURO_PROGRESSIVE, r -> weakness(r, true, false));
        FIRING.put(RedFlagRule.VASC_ACUTE_LIMB, r -> r.set(COLD_PALE_LEG, true));
        FIRING.put(RedFlagRule.VASC_SUDDEN_COLLAPSE, r -> r.set(SUDDEN_SEVERE_ONSET, true));
        FIRING.put(RedFlagRule.SEPSIS_SIGNS, r -> r.set(VERY_UNWELL, true));
        FIRING.put(RedFlagRule.COMPARTMENT_RHABDO, r -> r.set(TENSE_SWELLING_DARK_URINE, true));
        FIRING.put(RedFlagRule.INF_NEURO, r -> weakness(r.set(FEVER, true), false, false));
        FIRING.put(RedFlagRule.MAL_CORD, r -> weakness(r.set(CANCER_HISTORY, true), false, false));
        FIRING.put(RedFlagRule.FRAC_NO_WEIGHT_BEARING, r -> r.set(MAJOR_TRAUMA, true).set(STANDING, "cannot-stand"));
        FIRING.put(RedFlagRule.CES_SEXUAL, r -> r.set(SEXUAL_DYSFUNCTION, true));
        FIRING.put(RedFlagRule.BILATERAL_NUMBNESS, r -> numbness(r, true, false));
        FIRING.put(RedFlagRule.NEURO_WEAKNESS, r -> weakness(r, false, false));
        FIRING.put(RedFlagRule.INF_FEVER, r -> r.set(FEVER, true));
        FIRING.put(RedFlagRule.INF_RISK, r -> r.set(IMMUNOSUPPRESSED, true).set(PATTERN, "unchanged"));
        FIRING.put(RedFlagRule.INF_ABSCESS, r -> r.set(ANAL_LUMP, true));
        FIRING.put(RedFlagRule.DVT_SIGNS, r -> r.set(CALF_SWELLING, true));
        FIRING.put(RedFlagRule.VASC_REST_PAIN, r -> r.set(REST_PAIN, true));
        FIRING.put(RedFlagRule.WEIGHT_BEARING_LOST, r -> r.set(STANDING, "cannot-stand"));
        FIRING.put(RedFlagRule.PAIN_SEVERE_NEW, r -> r.set(PAIN_SEVERITY, 9).set(ONSET, "hours")
                .set(PATTERN, "unchanged").set(DAILY_ACTIVITIES, true));
        FIRING.put(RedFlagRule.BLEED_ANTICOAGULANT, r -> r.set(BLOOD_THINNERS, true).set(PAIN_SEVERITY, 5)
                .set(ONSET, "days"));
        FIRING.put(RedFlagRule.MAL_HISTORY, r -> r.set(CANCER_HISTORY, true).set(APPARENT_CAUSE, false));
        FIRING.put(RedFlagRule.MAL_NIGHT_AGE, r -> r.set(NIGHT_PAIN, true).set(AGE, 50).set(WEIGHT_LOSS, true));
        FIRING.put(RedFlagRule.FRAC_TRAUMA, r -> r.set(MAJOR_TRAUMA, true).set(AGE, 65));
        FIRING.put(RedFlagRule.FRAC_FRAGILITY, r -> r.set(OSTEOPOROSIS_STEROIDS, true).set(PAIN_SEVERITY, 7));
        FIRING.put(RedFlagRule.AGE_UNDER_16, r -> r.set(AGE, 15));
        FIRING.put(RedFlagRule.PREG_SEVERE, r -> r.set(PREGNANT, true).set(PAIN_SEVERITY, 7));
        FIRING.put(RedFlagRule.FORM_INCOMPLETE, r -> Responses.benign1_0_0().id("qr-form-incomplete"));
        FIRING.put(RedFlagRule.MAL_WEIGHT, r -> r.set(WEIGHT_LOSS, true));
        FIRING.put(RedFlagRule.MAL_HISTORY_ROUTINE, r -> r.set(CANCER_HISTORY, true));
        FIRING.put(RedFlagRule.FRAC_TRAUMA_MINOR, r -> r.set(MAJOR_TRAUMA, true));
        FIRING.put(RedFlagRule.PREG_CARE, r -> r.set(PREGNANT, true));
        FIRING.put(RedFlagRule.PERSIST_DURATION, r -> r.set(ONSET, "over-6-weeks"));
        FIRING.put(RedFlagRule.PERSIST_WORSENING, r -> r.set(PATTERN, "worsening"));
        FIRING.put(RedFlagRule.PERSIST_RECUR_UNEXPLAINED, r -> r.set(FREQUENCY, "weekly").set(APPARENT_CAUSE, false));
        FIRING.put(RedFlagRule.NEURO_SENSORY, r -> numbness(r, false, false));
        FIRING.put(RedFlagRule.SCIATICA_BELOW_KNEE, r -> radiating(r, false));
        FIRING.put(RedFlagRule.FUNCTION_ADL, r -> r.set(DAILY_ACTIVITIES, true));
        FIRING.put(RedFlagRule.VASC_CLAUDICATION, r -> r.set(WALKING_CLAUDICATION, true));
        FIRING.put(RedFlagRule.NIGHT_PAIN, r -> r.set(NIGHT_PAIN, true));
        FIRING.put(RedFlagRule.AGE_NEW_ONSET, r -> r.set(AGE, 58).set(APPARENT_CAUSE, false));
        FIRING.put(RedFlagRule.AGE_SEVERE, r -> r.set(AGE, 70).set(PAIN_SEVERITY, 7));
        for (RedFlagRule rule : RedFlagRule.values()) {
            if (!FIRING.containsKey(rule)) {
                throw new IllegalStateException("no response fires " + rule.id() + ": add one");
            }
        }
    }

    private RuleResponses() {
    }

    /** A benign response changed just enough for the rule to fire. */
    static Responses firing(RedFlagRule rule) {
        return FIRING.get(rule).apply(Responses.benign().id("qr-" + rule.id().toLowerCase()));
    }

    /** Pain spreading below the knee, in both legs or not: radiates-below-knee and pain-both-legs answered. */
    private static Responses radiating(Responses responses, boolean bothLegs) {
        return responses.set(RADIATES, true).set(RADIATES_BELOW_KNEE, true).set(PAIN_BOTH_LEGS, bothLegs);
    }

    /** New numbness, with its two follow-up questions answered. */
    private static Responses numbness(Responses responses, boolean bothLegs, boolean worsening) {
        return responses.set(NUMBNESS_TINGLING, true).set(NUMBNESS_BOTH_LEGS, bothLegs)
                .set(NUMBNESS_WORSENING, worsening);
    }

    /** New leg weakness, with its two follow-up questions answered. */
    private static Responses weakness(Responses responses, boolean progressing, boolean bothLegs) {
        return responses.set(LEG_WEAKNESS, true).set(WEAKNESS_PROGRESSING, progressing)
                .set(WEAKNESS_BOTH_LEGS, bothLegs);
    }
}
