package org.example.intake.core.answers;

import static org.example.intake.core.answers.Question.AGE;
import static org.example.intake.core.answers.Question.ANAL_LUMP;
import static org.example.intake.core.answers.Question.APPARENT_CAUSE;
import static org.example.intake.core.answers.Question.BLADDER_CHANGE;
import static org.example.intake.core.answers.Question.BLOOD_THINNERS;
import static org.example.intake.core.answers.Question.BOWEL_CHANGE;
import static org.example.intake.core.answers.Question.CALF_SWELLING;
import static org.example.intake.core.answers.Question.CANCER_HISTORY;
import static org.example.intake.core.answers.Question.COLD_PALE_LEG;
import static org.example.intake.core.answers.Question.DAILY_ACTIVITIES;
import static org.example.intake.core.answers.Question.FEVER;
import static org.example.intake.core.answers.Question.FOOTWEAR;
import static org.example.intake.core.answers.Question.FREQUENCY;
import static org.example.intake.core.answers.Question.IMMUNOSUPPRESSED;
import static org.example.intake.core.answers.Question.IV_DRUG_USE;
import static org.example.intake.core.answers.Question.LEG_WEAKNESS;
import static org.example.intake.core.answers.Question.LOW_FLUID;
import static org.example.intake.core.answers.Question.MAJOR_TRAUMA;
import static org.example.intake.core.answers.Question.NIGHT_PAIN;
import static org.example.intake.core.answers.Question.NUMBNESS_TINGLING;
import static org.example.intake.core.answers.Question.ONSET;
import static org.example.intake.core.answers.Question.OSTEOPOROSIS_STEROIDS;
import static org.example.intake.core.answers.Question.PAIN_SEVERITY;
import static org.example.intake.core.answers.Question.PATTERN;
import static org.example.intake.core.answers.Question.PREGNANT;
import static org.example.intake.core.answers.Question.PROLONGED_SITTING;
import static org.example.intake.core.answers.Question.PROLONGED_STANDING;
import static org.example.intake.core.answers.Question.RADIATES;
import static org.example.intake.core.answers.Question.REST_PAIN;
import static org.example.intake.core.answers.Question.SADDLE_NUMBNESS;
import static org.example.intake.core.answers.Question.SEXUAL_DYSFUNCTION;
import static org.example.intake.core.answers.Question.SIDE;
import static org.example.intake.core.answers.Question.STANDING;
import static org.example.intake.core.answers.Question.STRENUOUS_ACTIVITY;
import static org.example.intake.core.answers.Question.SUDDEN_SEVERE_ONSET;
import static org.example.intake.core.answers.Question.TENSE_SWELLING_DARK_URINE;
import static org.example.intake.core.answers.Question.VERY_UNWELL;
import static org.example.intake.core.answers.Question.WALKING_CLAUDICATION;
import static org.example.intake.core.answers.Question.WEIGHT_LOSS;

/**
 * Test fixture: a complete intake that fires no red flag. A 35-year-old whose left buttock
 * began to cramp a few days ago after something obvious, pain 4 of 10, first time, getting
 * better; can stand; not pregnant; every other yes/no question answered no, the questions that
 * stay disabled unanswered, no notes. Answers to questionnaire 1.2.0, the current one. A test starts from here and changes only what it is about.
 */
public final class BenignAnswers {

    /** The benign age: well under 50, so neither age rule can fire. */
    public static final int AGE_YEARS = 35;

    /** The benign pain score: well under the fragility threshold of 7. */
    public static final int PAIN = 4;

    private BenignAnswers() {
    }

    /** A fresh builder holding the benign answers; callers may change or clear any of them. */
    public static IntakeAnswers.Builder builder() {
        return IntakeAnswers.builder()
                .answer(ONSET, Onset.DAYS)
                .answer(SIDE, Side.LEFT)
                .answer(PAIN_SEVERITY, PAIN)
                .answer(PATTERN, Pattern.IMPROVING)
                .answer(FREQUENCY, Frequency.FIRST_TIME)
                .answer(APPARENT_CAUSE, true)
                .answer(MAJOR_TRAUMA, false)
                .answer(DAILY_ACTIVITIES, false)
                .answer(STANDING, Standing.CAN_STAND)
                .answer(RADIATES, false)
                .answer(NUMBNESS_TINGLING, false)
                .answer(LEG_WEAKNESS, false)
                .answer(SADDLE_NUMBNESS, false)
                .answer(BLADDER_CHANGE, false)
                .answer(BOWEL_CHANGE, false)
                .answer(SEXUAL_DYSFUNCTION, false)
                .answer(FEVER, false)
                .answer(WEIGHT_LOSS, false)
                .answer(NIGHT_PAIN, false)
                .answer(COLD_PALE_LEG, false)
                .answer(WALKING_CLAUDICATION, false)
                .answer(REST_PAIN, false)
                .answer(SUDDEN_SEVERE_ONSET, false)
                .answer(VERY_UNWELL, false)
                .answer(TENSE_SWELLING_DARK_URINE, false)
                .answer(CALF_SWELLING, false)
                .answer(ANAL_LUMP, false)
                .answer(AGE, AGE_YEARS)
                .answer(PREGNANT, false)
                .answer(CANCER_HISTORY, false)
                .answer(IMMUNOSUPPRESSED, false)
                .answer(IV_DRUG_USE, false)
                .answer(OSTEOPOROSIS_STEROIDS, false)
                .answer(BLOOD_THINNERS, false)
                .answer(LOW_FLUID, false)
                .answer(STRENUOUS_ACTIVITY, false)
                .answer(PROLONGED_SITTING, false)
                .answer(PROLONGED_STANDING, false)
                .answer(FOOTWEAR, false);
    }

    /**
     * The same benign answers as given to questionnaire 1.0.0: without the questions 1.1.0 and
     * 1.2.0 added (standing, the six new warning signs, blood-thinners, pregnant).
     */
    public static IntakeAnswers.Builder builderFor1_0_0() {
        return builderFor(QuestionnaireVersion.V1_0_0);
    }

    /**
     * The same benign answers as given to questionnaire 1.1.0: can-bear-weight yes instead of
     * standing, and no pregnancy question.
     */
    public static IntakeAnswers.Builder builderFor1_1_0() {
        return builderFor(QuestionnaireVersion.V1_1_0).answer(Question.CAN_BEAR_WEIGHT, true);
    }

    private static IntakeAnswers.Builder builderFor(QuestionnaireVersion version) {
        IntakeAnswers.Builder builder = builder().version(version);
        for (Question question : Question.values()) {
            if (!question.isAskedIn(version)) {
                builder.clear(question);
            }
        }
        return builder;
    }

    /** The benign answers, built. */
    public static IntakeAnswers answers() {
        return builder().build();
    }
}
