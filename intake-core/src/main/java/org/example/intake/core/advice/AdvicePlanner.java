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
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.triage.Level;

/**
 * Chooses what to tell the patient (DESIGN.md section 4): first what to do now for the level
 * (for {@link Level#URGENT} also what to do if it gets worse while waiting); then, for answers to
 * an older questionnaire, the warning signs it did not ask about; then self-care fitted to the
 * answers (for {@link Level#SOON} and {@link Level#SELF_CARE}); then safety-netting for every
 * level above the patient's own. An emergency gets the action alone, so nothing distracts from
 * it. Stateless and thread-safe.
 */
public final class AdvicePlanner {

    /** The advice, most important first; never empty. */
    public List<Advice> adviseOn(Level level, IntakeAnswers answers) {
        List<Advice> advice = new ArrayList<>(14);
        switch (level) {
            case EMERGENCY -> advice.add(Advice.ACT_EMERGENCY);
            case URGENT -> {
                advice.add(Advice.ACT_URGENT);
                advice.add(Advice.URGENT_IF_WORSE);
                addSignsNotAsked(advice, answers);
                advice.add(Advice.NET_EMERGENCY);
            }
            case SOON -> {
                advice.add(Advice.ACT_SOON);
                addSignsNotAsked(advice, answers);
                addSelfCare(advice, answers);
                advice.add(Advice.NET_EMERGENCY);
                advice.add(Advice.NET_URGENT);
            }
            case SELF_CARE -> {
                advice.add(Advice.ACT_SELF_CARE);
                addSignsNotAsked(advice, answers);
                addSelfCare(advice, answers);
                advice.add(Advice.SELF_CARE_REVIEW);
                advice.add(Advice.NET_EMERGENCY);
                advice.add(Advice.NET_URGENT);
                advice.add(Advice.NET_SOON);
            }
        }
        return advice;
    }

    /** Answers to a questionnaire older than 1.1.0 were never asked about the signs 1.1.0 added. */
    private static void addSignsNotAsked(List<Advice> advice, IntakeAnswers answers) {
        if (!answers.version().isAtLeast(QuestionnaireVersion.V1_1_0)) {
            advice.add(Advice.NOT_ASKED_BEFORE_1_1_0);
        }
    }

    private static void addSelfCare(List<Advice> advice, IntakeAnswers answers) {
        advice.add(Advice.STAY_ACTIVE);
        advice.add(Advice.STRETCH);
        advice.add(beganWithStrain(answers) ? Advice.COLD_FIRST : Advice.WARMTH);
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

    /**
     * A recent start (within 6 days) after something obvious or hard exercise is treated as a
     * strain: cold first, no heat or massage for two days.
     */
    private static boolean beganWithStrain(IntakeAnswers answers) {
        boolean recent = answers.onset().map(onset -> onset == Onset.HOURS || onset == Onset.DAYS).orElse(false);
        return recent && (answers.isTrue(APPARENT_CAUSE) || answers.isTrue(STRENUOUS_ACTIVITY));
    }
}
