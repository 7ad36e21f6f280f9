package org.example.intake.core.advice;

import static org.example.intake.core.answers.Question.APPARENT_CAUSE;
import static org.example.intake.core.answers.Question.BLOOD_THINNERS;
import static org.example.intake.core.answers.Question.CALF_SWELLING;
import static org.example.intake.core.answers.Question.FOOTWEAR;
import static org.example.intake.core.answers.Question.LOW_FLUID;
import static org.example.intake.core.answers.Question.NUMBNESS_WORSENING;
import static org.example.intake.core.answers.Question.PAIN_SEVERITY;
import static org.example.intake.core.answers.Question.PREGNANT;
import static org.example.intake.core.answers.Question.PROLONGED_SITTING;
import static org.example.intake.core.answers.Question.PROLONGED_STANDING;
import static org.example.intake.core.answers.Question.REST_PAIN;
import static org.example.intake.core.answers.Question.STRENUOUS_ACTIVITY;
import static org.example.intake.core.answers.Question.SUDDEN_SEVERE_ONSET;
import static org.example.intake.core.answers.Question.TENSE_SWELLING_DARK_URINE;
import static org.example.intake.core.answers.Question.VERY_UNWELL;

import java.util.ArrayList;
import java.util.List;

import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.Standing;
import org.example.intake.core.triage.Level;

/**
 * Chooses what to tell the patient, in this order:
 * <ol>
 * <li>what to do now, for the level (URGENT also what to do if it gets worse while waiting; a
 * pregnant patient below EMERGENCY also that the midwife can be called);</li>
 * <li>for answers to an older questionnaire, the warning signs it did not ask about;</li>
 * <li>below EMERGENCY, the safety-net as lists: the 999 signs; below URGENT the same-day signs;
 * for SELF_CARE the see-a-GP-within-2-weeks signs;</li>
 * <li>for SOON and SELF_CARE, self-care tips fitted to the answers (SELF_CARE ends them with when
 * to see a GP or physiotherapist);</li>
 * <li>what happens next.</li>
 * </ol>
 * An emergency gets the action and what happens next alone, so nothing distracts from them.
 *
 * <p>No line contradicts the patient's answers or level: a patient told to be seen today is not
 * given the same-day list, nor a SOON patient the see-a-GP-within-2-weeks list; a patient whose
 * pain is already severe reads "severe again" (improving) or "worse than it is now" (not
 * improving) instead of "becomes severe"; one who could not stand before is not told to act on
 * not being able to stand; pregnancy lines go only to a patient who did not answer no to it.
 * {@code AdviceConsistencyUnitTests} guards each case.
 *
 * <p>Reads answers in the current questionnaire's terms. Stateless and thread-safe.
 */
public final class AdvicePlanner {

    /** Pain from this score up is severe, as the pain and fragility rules count it. */
    private static final int SEVERE_PAIN = 7;

    /** The signs to call 999 for, in the order the patient reads them. */
    private static final List<Advice> CALL_999_SIGNS = List.of(Advice.SIGN_SADDLE_NUMBNESS,
            Advice.SIGN_PEEING_OR_BOWELS, Advice.SIGN_SEXUAL_WITH_LEG, Advice.SIGN_PAIN_BOTH_LEGS,
            Advice.SIGN_NUMBNESS_BOTH_LEGS_WORSE, Advice.SIGN_WEAKNESS_WORSE, Advice.SIGN_COLD_LEG,
            Advice.SIGN_FAINTING, Advice.SIGN_SWOLLEN_BUTTOCK, Advice.SIGN_CANNOT_STAND_AFTER_FALL,
            Advice.SIGN_VERY_UNWELL);

    /** The signs to see a GP within 2 weeks for (the source text's list), told at SELF_CARE. */
    private static final List<Advice> SEE_A_GP_SIGNS = List.of(Advice.SIGN_KEEPS_COMING_BACK,
            Advice.SIGN_LASTS_6_WEEKS, Advice.SIGN_GETS_WORSE, Advice.SIGN_STOPS_NORMAL_THINGS, Advice.SIGN_NERVE,
            Advice.SIGN_WEIGHT_LOSS);

    /** The advice, most important first; never empty. */
    public List<Advice> adviseOn(Level level, IntakeAnswers answers) {
        IntakeAnswers current = answers.inCurrentTerms();
        List<Advice> advice = new ArrayList<>(40);
        switch (level) {
            case EMERGENCY -> advice.add(Advice.ACT_EMERGENCY);
            case URGENT -> {
                advice.add(Advice.ACT_URGENT);
                advice.add(Advice.URGENT_IF_WORSE);
            }
            case SOON -> advice.add(Advice.ACT_SOON);
            case SELF_CARE -> advice.add(Advice.ACT_SELF_CARE_NO_DOCTOR_NOW);
        }
        if (level != Level.EMERGENCY) {
            if (current.isTrue(PREGNANT)) {
                advice.add(Advice.PREGNANCY_MIDWIFE);
            }
            addSignsNotAsked(advice, level, current);
            addCall999(advice, current);
            if (Level.URGENT.isMoreUrgentThan(level)) {
                addSameDay(advice, current);
            }
            if (level == Level.SELF_CARE) {
                addSeeAGp(advice);
            }
            if (level == Level.SOON || level == Level.SELF_CARE) {
                addSelfCare(advice, current);
                if (level == Level.SELF_CARE) {
                    advice.add(Advice.SELF_CARE_REVIEW);
                }
            }
        }
        advice.add(Advice.WHAT_HAPPENS_NEXT);
        return advice;
    }

    /** The warning signs the answers' questionnaire version did not ask about (nothing for the current one). */
    private static void addSignsNotAsked(List<Advice> advice, Level level, IntakeAnswers answers) {
        List<Advice> call999 = new ArrayList<>();
        notAsked(call999, answers, SUDDEN_SEVERE_ONSET, Advice.NOT_ASKED_COLLAPSE);
        notAsked(call999, answers, VERY_UNWELL, Advice.NOT_ASKED_VERY_UNWELL);
        notAsked(call999, answers, TENSE_SWELLING_DARK_URINE, Advice.NOT_ASKED_SWOLLEN_BUTTOCK);
        if (!answers.wasAsked(Question.STANDING) && !answers.isAnswered(Question.STANDING)) {
            call999.add(Advice.NOT_ASKED_CANNOT_STAND_AFTER_FALL);
        }
        notAsked(call999, answers, NUMBNESS_WORSENING, Advice.NOT_ASKED_NUMBNESS_WORSE);
        if (!call999.isEmpty()) {
            advice.add(Advice.NOT_ASKED_EMERGENCY);
            advice.addAll(call999);
        }
        List<Advice> tell = new ArrayList<>();
        notAsked(tell, answers, CALF_SWELLING, Advice.NOT_ASKED_CALF);
        notAsked(tell, answers, Question.ANAL_LUMP, Advice.NOT_ASKED_LUMP);
        notAsked(tell, answers, REST_PAIN, Advice.NOT_ASKED_REST_PAIN);
        if (!answers.wasAsked(Question.STANDING) && !answers.isAnswered(Question.STANDING)) {
            tell.add(Advice.NOT_ASKED_CANNOT_STAND);
        }
        notAsked(tell, answers, BLOOD_THINNERS, Advice.NOT_ASKED_BLOOD_THINNER);
        if (!tell.isEmpty()) {
            // only 1.0.0 lacks these, and FORM-INCOMPLETE makes its answers URGENT at least
            advice.add(level == Level.URGENT ? Advice.NOT_ASKED_TELL_TODAY : Advice.NOT_ASKED_SAME_DAY);
            advice.addAll(tell);
        }
        if (!answers.wasAsked(PREGNANT)) {
            advice.add(Advice.NOT_ASKED_PREGNANT);
        }
    }

    private static void notAsked(List<Advice> list, IntakeAnswers answers, Question question, Advice sign) {
        if (!answers.wasAsked(question)) {
            list.add(sign);
        }
    }

    private static void addCall999(List<Advice> advice, IntakeAnswers answers) {
        advice.add(Advice.NET_CALL_999);
        for (Advice sign : CALL_999_SIGNS) {
            if (sign != Advice.SIGN_CANNOT_STAND_AFTER_FALL || !couldNotStandBefore(answers)) {
                advice.add(sign);
            }
        }
    }

    private static void addSameDay(List<Advice> advice, IntakeAnswers answers) {
        advice.add(Advice.NET_SAME_DAY);
        advice.add(Advice.SIGN_FEVER);
        advice.add(Advice.SIGN_CALF);
        advice.add(Advice.SIGN_LUMP);
        advice.add(Advice.SIGN_REST_PAIN);
        if (!couldNotStandBefore(answers)) {
            advice.add(Advice.SIGN_CANNOT_STAND);
        }
        advice.add(painSign(answers));
        advice.add(Advice.SIGN_PAINKILLERS);
        if (!answers.isFalse(PREGNANT)) {
            advice.add(Advice.SIGN_PREGNANCY_PAIN);
        }
    }

    private static Advice painSign(IntakeAnswers answers) {
        boolean severeNow = answers.integer(PAIN_SEVERITY).orElse(0) >= SEVERE_PAIN;
        if (!severeNow) {
            return Advice.SIGN_PAIN_BECOMES_SEVERE;
        }
        return answers.pattern().orElse(null) == Pattern.IMPROVING ? Advice.SIGN_PAIN_SEVERE_AGAIN
                : Advice.SIGN_PAIN_GETS_WORSE;
    }

    private static void addSeeAGp(List<Advice> advice) {
        advice.add(Advice.NET_GP);
        advice.addAll(SEE_A_GP_SIGNS);
    }

    private static void addSelfCare(List<Advice> advice, IntakeAnswers answers) {
        advice.add(Advice.STAY_ACTIVE);
        advice.add(Advice.STRETCH_GENTLY);
        advice.add(beganWithStrain(answers) ? Advice.COLD_FIRST_THEN_WARM : Advice.WARM_PACK);
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

    private static boolean couldNotStandBefore(IntakeAnswers answers) {
        return answers.standing().orElse(null) == Standing.COULD_NOT_BEFORE;
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
