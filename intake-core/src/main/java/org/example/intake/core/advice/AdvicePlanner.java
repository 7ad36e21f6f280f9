package org.example.intake.core.advice;

import static org.example.intake.core.answers.Question.APPARENT_CAUSE;
import static org.example.intake.core.answers.Question.FOOTWEAR;
import static org.example.intake.core.answers.Question.LOW_FLUID;
import static org.example.intake.core.answers.Question.PROLONGED_SITTING;
import static org.example.intake.core.answers.Question.PROLONGED_STANDING;
import static org.example.intake.core.answers.Question.STRENUOUS_ACTIVITY;

import java.util.ArrayList;
import java.util.List;

import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.triage.Level;

/**
 * Chooses what to tell the patient: first what to do now for the level, then self-care
 * fitted to the answers (for {@link Level#SOON} and {@link Level#SELF_CARE}), then
 * safety-netting for every level above the patient's own. An emergency gets the action
 * alone, so nothing distracts from it. Stateless and thread-safe.
 */
public final class AdvicePlanner {

    /** The advice, most important first; never empty. */
    public List<Advice> adviseOn(Level level, IntakeAnswers answers) {
        List<Advice> advice = new ArrayList<>(12);
        switch (level) {
            case EMERGENCY -> advice.add(Advice.ACT_EMERGENCY);
            case URGENT -> {
                advice.add(Advice.ACT_URGENT);
                advice.add(Advice.NET_EMERGENCY);
            }
            case SOON -> {
                advice.add(Advice.ACT_SOON);
                addSelfCare(advice, answers);
                advice.add(Advice.NET_EMERGENCY);
                advice.add(Advice.NET_URGENT);
            }
            case SELF_CARE -> {
                advice.add(Advice.ACT_SELF_CARE);
                addSelfCare(advice, answers);
                advice.add(Advice.NET_EMERGENCY);
                advice.add(Advice.NET_URGENT);
                advice.add(Advice.NET_SOON);
            }
        }
        return advice;
    }

    private static void addSelfCare(List<Advice> advice, IntakeAnswers answers) {
        advice.add(Advice.STRETCH);
        advice.add(Advice.WARMTH);
        if (beganWithStrain(answers)) {
            advice.add(Advice.COLD_PACK);
        }
        advice.add(Advice.MASSAGE);
        if (answers.isTrue(LOW_FLUID)) {
            advice.add(Advice.FLUIDS);
        }
        advice.add(Advice.FOOD);
        if (answers.isTrue(STRENUOUS_ACTIVITY)) {
            advice.add(Advice.WARM_UP);
        }
        if (answers.isTrue(PROLONGED_SITTING)) {
            advice.add(Advice.SITTING);
        }
        if (answers.isTrue(PROLONGED_STANDING)) {
            advice.add(Advice.STANDING);
        }
        if (answers.isTrue(FOOTWEAR)) {
            advice.add(Advice.FOOTWEAR);
        }
    }

    /** A recent start after something obvious (or hard exercise) is treated as a strain. */
    private static boolean beganWithStrain(IntakeAnswers answers) {
        boolean recent = answers.onset().map(onset -> onset == Onset.HOURS || onset == Onset.DAYS).orElse(false);
        return recent && (answers.isTrue(APPARENT_CAUSE) || answers.isTrue(STRENUOUS_ACTIVITY));
    }
}
