package org.example.intake.bench;

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
import static org.example.intake.core.answers.Question.LEG_WEAKNESS;
import static org.example.intake.core.answers.Question.LOW_FLUID;
import static org.example.intake.core.answers.Question.MAJOR_TRAUMA;
import static org.example.intake.core.answers.Question.NIGHT_PAIN;
import static org.example.intake.core.answers.Question.NUMBNESS_TINGLING;
import static org.example.intake.core.answers.Question.ONSET;
import static org.example.intake.core.answers.Question.OSTEOPOROSIS_STEROIDS;
import static org.example.intake.core.answers.Question.PAIN_SEVERITY;
import static org.example.intake.core.answers.Question.PATTERN;
import static org.example.intake.core.answers.Question.PROLONGED_SITTING;
import static org.example.intake.core.answers.Question.RADIATES;
import static org.example.intake.core.answers.Question.RADIATES_BELOW_KNEE;
import static org.example.intake.core.answers.Question.SADDLE_NUMBNESS;
import static org.example.intake.core.answers.Question.SEXUAL_DYSFUNCTION;
import static org.example.intake.core.answers.Question.SIDE;
import static org.example.intake.core.answers.Question.WALKING_CLAUDICATION;
import static org.example.intake.core.answers.Question.WEIGHT_LOSS;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.example.intake.core.answers.Frequency;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.Side;
import org.example.intake.core.answers.Standing;
import org.example.intake.core.triage.Level;

/**
 * The one QuestionnaireResponse every benchmark works on: a realistic complete intake,
 * to questionnaire 1.2.0, compact JSON of 3,079 bytes (about 3.0 KiB) in {@value #RESOURCE}.
 * Every required question is answered, the enabled conditional ones too (radiates-below-knee, pain-both-legs), with two
 * optional lifestyle answers; it triages to SOON (PERSIST-RECUR-UNEXPLAINED,
 * SCIATICA-BELOW-KNEE, FUNCTION-ADL).
 */
public final class SampleIntake {

    /** Classpath resource holding the sample QR: fhir-adapter's test resource, the intake its HAPI oracle tests check. */
    public static final String RESOURCE = "/oracle/complete-intake.json";

    /** The sample's exact size in bytes (UTF-8); checked whenever it is loaded. */
    public static final int SIZE_BYTES = 3_079;

    /** The level the sample triages to. */
    public static final Level EXPECTED_LEVEL = Level.SOON;

    /** The rules the sample fires, in rule-table order. */
    public static final List<String> EXPECTED_RULES =
            List.of("PERSIST-RECUR-UNEXPLAINED", "SCIATICA-BELOW-KNEE", "FUNCTION-ADL");

    private SampleIntake() {
    }

    /**
     * The sample QR as JSON text.
     *
     * @throws IllegalStateException if the resource is missing or not {@link #SIZE_BYTES} long
     */
    public static String json() {
        byte[] bytes;
        try (InputStream in = SampleIntake.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " not found");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length != SIZE_BYTES) {
            throw new IllegalStateException(RESOURCE + " is " + bytes.length + " bytes, the benchmarks are defined on "
                    + SIZE_BYTES + "; update SampleIntake.SIZE_BYTES and the numbers quoted with it");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The sample's answers, built by hand: what reading the sample QR must give. */
    public static IntakeAnswers answers() {
        return IntakeAnswers.builder()
                .answer(ONSET, Onset.WEEKS)
                .answer(SIDE, Side.LEFT)
                .answer(PAIN_SEVERITY, 6)
                .answer(PATTERN, Pattern.UNCHANGED)
                .answer(FREQUENCY, Frequency.WEEKLY)
                .answer(APPARENT_CAUSE, false)
                .answer(MAJOR_TRAUMA, false)
                .answer(DAILY_ACTIVITIES, true)
                .answer(Question.STANDING, Standing.CAN_STAND)
                .answer(RADIATES, true)
                .answer(RADIATES_BELOW_KNEE, true)
                .answer(Question.PAIN_BOTH_LEGS, false)
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
                .answer(Question.REST_PAIN, false)
                .answer(Question.SUDDEN_SEVERE_ONSET, false)
                .answer(Question.VERY_UNWELL, false)
                .answer(Question.TENSE_SWELLING_DARK_URINE, false)
                .answer(Question.CALF_SWELLING, false)
                .answer(Question.ANAL_LUMP, false)
                .answer(AGE, 44)
                .answer(Question.PREGNANT, false)
                .answer(CANCER_HISTORY, false)
                .answer(IMMUNOSUPPRESSED, false)
                .answer(Question.IV_DRUG_USE, false)
                .answer(OSTEOPOROSIS_STEROIDS, false)
                .answer(Question.BLOOD_THINNERS, false)
                .answer(LOW_FLUID, true)
                .answer(PROLONGED_SITTING, true)
                .build();
    }
}
