package org.example.intake.fhir.extract;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.fhir.Responses;

/** For every red-flag rule, a complete valid response on which that rule fires. */
final class RuleResponses {

    private static final Map<RedFlagRule, UnaryOperator<Responses>> FIRING = new EnumMap<>(RedFlagRule.class);

    static {
        FIRING.put(RedFlagRule.CES_SADDLE, r -> r.set(Question.SADDLE_NUMBNESS, true));
        FIRING.put(RedFlagRule.CES_SPHINCTER, r -> r.set(Question.BOWEL_CHANGE, true));
        FIRING.put(RedFlagRule.CES_BILATERAL_DEFICIT, r -> r.set(Question.LEG_WEAKNESS, true)
                .set(Question.WEAKNESS_PROGRESSING, false).set(Question.BOTH_LEGS, true));
        FIRING.put(RedFlagRule.NEURO_PROGRESSIVE, r -> r.set(Question.LEG_WEAKNESS, true)
                .set(Question.WEAKNESS_PROGRESSING, true).set(Question.BOTH_LEGS, false));
        FIRING.put(RedFlagRule.VASC_ACUTE_LIMB, r -> r.set(Question.COLD_PALE_LEG, true));
        FIRING.put(RedFlagRule.CES_SEXUAL, r -> r.set(Question.SEXUAL_DYSFUNCTION, true));
        FIRING.put(RedFlagRule.CES_BILATERAL_SCIATICA, r -> r.set(Question.RADIATES, true)
                .set(Question.RADIATES_BELOW_KNEE, true).set(Question.BOTH_LEGS, true));
        FIRING.put(RedFlagRule.NEURO_WEAKNESS, r -> r.set(Question.LEG_WEAKNESS, true)
                .set(Question.WEAKNESS_PROGRESSING, false).set(Question.BOTH_LEGS, false));
        FIRING.put(RedFlagRule.INF_FEVER, r -> r.set(Question.FEVER, true));
        FIRING.put(RedFlagRule.INF_RISK, r -> r.set(Question.IMMUNOSUPPRESSED, true).set(Question.PATTERN, "unchanged"));
        FIRING.put(RedFlagRule.MAL_HISTORY, r -> r.set(Question.CANCER_HISTORY, true));
        FIRING.put(RedFlagRule.MAL_WEIGHT, r -> r.set(Question.WEIGHT_LOSS, true));
        FIRING.put(RedFlagRule.MAL_NIGHT_AGE, r -> r.set(Question.NIGHT_PAIN, true).set(Question.AGE, 50));
        FIRING.put(RedFlagRule.FRAC_TRAUMA, r -> r.set(Question.MAJOR_TRAUMA, true));
        FIRING.put(RedFlagRule.FRAC_FRAGILITY, r -> r.set(Question.OSTEOPOROSIS_STEROIDS, true)
                .set(Question.PAIN_SEVERITY, 7));
        FIRING.put(RedFlagRule.PERSIST_DURATION, r -> r.set(Question.ONSET, "over-6-weeks"));
        FIRING.put(RedFlagRule.PERSIST_WORSENING, r -> r.set(Question.PATTERN, "worsening"));
        FIRING.put(RedFlagRule.PERSIST_RECUR_UNEXPLAINED, r -> r.set(Question.FREQUENCY, "weekly")
                .set(Question.APPARENT_CAUSE, false));
        FIRING.put(RedFlagRule.NEURO_SENSORY, r -> r.set(Question.NUMBNESS_TINGLING, true).set(Question.BOTH_LEGS, false));
        FIRING.put(RedFlagRule.SCIATICA_BELOW_KNEE, r -> r.set(Question.RADIATES, true)
                .set(Question.RADIATES_BELOW_KNEE, true).set(Question.BOTH_LEGS, false));
        FIRING.put(RedFlagRule.FUNCTION_ADL, r -> r.set(Question.DAILY_ACTIVITIES, true));
        FIRING.put(RedFlagRule.VASC_CLAUDICATION, r -> r.set(Question.WALKING_CLAUDICATION, true));
        FIRING.put(RedFlagRule.NIGHT_PAIN, r -> r.set(Question.NIGHT_PAIN, true));
        FIRING.put(RedFlagRule.AGE_NEW_ONSET, r -> r.set(Question.AGE, 58).set(Question.APPARENT_CAUSE, false));
        FIRING.put(RedFlagRule.CES_SEXUAL_NEURO, r -> r.set(Question.SEXUAL_DYSFUNCTION, true)
                .set(Question.NUMBNESS_TINGLING, true).set(Question.BOTH_LEGS, false));
        FIRING.put(RedFlagRule.VASC_SUDDEN_COLLAPSE, r -> r.set(Question.SUDDEN_SEVERE_ONSET, true));
        FIRING.put(RedFlagRule.SEPSIS_SIGNS, r -> r.set(Question.VERY_UNWELL, true));
        FIRING.put(RedFlagRule.COMPARTMENT_RHABDO, r -> r.set(Question.TENSE_SWELLING_DARK_URINE, true));
        FIRING.put(RedFlagRule.INF_NEURO, r -> r.set(Question.FEVER, true).set(Question.LEG_WEAKNESS, true)
                .set(Question.WEAKNESS_PROGRESSING, false).set(Question.BOTH_LEGS, false));
        FIRING.put(RedFlagRule.MAL_CORD, r -> r.set(Question.CANCER_HISTORY, true).set(Question.LEG_WEAKNESS, true)
                .set(Question.WEAKNESS_PROGRESSING, false).set(Question.BOTH_LEGS, false));
        FIRING.put(RedFlagRule.FRAC_NO_WEIGHT_BEARING, r -> r.set(Question.MAJOR_TRAUMA, true)
                .set(Question.CAN_BEAR_WEIGHT, false));
        FIRING.put(RedFlagRule.BILATERAL_NUMBNESS, r -> r.set(Question.NUMBNESS_TINGLING, true)
                .set(Question.BOTH_LEGS, true));
        FIRING.put(RedFlagRule.INF_ABSCESS, r -> r.set(Question.ANAL_LUMP, true));
        FIRING.put(RedFlagRule.DVT_SIGNS, r -> r.set(Question.CALF_SWELLING, true));
        FIRING.put(RedFlagRule.VASC_REST_PAIN, r -> r.set(Question.REST_PAIN, true));
        FIRING.put(RedFlagRule.WEIGHT_BEARING_LOST, r -> r.set(Question.CAN_BEAR_WEIGHT, false));
        FIRING.put(RedFlagRule.PAIN_SEVERE_NEW, r -> r.set(Question.PAIN_SEVERITY, 9).set(Question.ONSET, "hours")
                .set(Question.PATTERN, "unchanged"));
        FIRING.put(RedFlagRule.BLEED_ANTICOAGULANT, r -> r.set(Question.BLOOD_THINNERS, true)
                .set(Question.PAIN_SEVERITY, 7).set(Question.ONSET, "days"));
        FIRING.put(RedFlagRule.AGE_SEVERE, r -> r.set(Question.AGE, 70).set(Question.PAIN_SEVERITY, 7));
        FIRING.put(RedFlagRule.AGE_UNDER_16, r -> r.set(Question.AGE, 15));
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
}
