package org.example.intake.fhir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TimeZone;

import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.Frequency;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.answers.Side;
import org.example.intake.core.answers.Standing;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.IParser;

/**
 * Varied intake QuestionnaireResponses as a form filler would send them (the current questionnaire,
 * 1.2.0, unless a version is given), made by {@link ExampleIntakes#response}: dependent questions only
 * when enabled (intake-core's {@link Question#isEnabled}), codings with their display. Its {@link #main} writes N varied responses as NDJSON for the load run.
 *
 * <p>Usage: {@code SampleIntakes COUNT SEED OUTPUT.ndjson}. The same seed gives the same file.
 */
public final class SampleIntakes {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static final String[] NOTES = {
            "Started after a long drive.",
            "Worse when I sit at my desk; better after a walk.",
            "I run three times a week and have just increased the distance.",
            "It wakes me up some nights. Ibuprofen helps a little.",
            "Had something similar last year on the other side; it settled after a week of stretching.",
            "Mostly when climbing stairs. My shoes are quite old.",
    };

    private SampleIntakes() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SampleIntakes COUNT SEED OUTPUT.ndjson");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        Path output = Path.of(args[2]);
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        try (Writer writer = new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8), 1 << 16)) {
            writeNdjson(writer, count, seed);
        }
    }

    /** Writes {@code count} varied valid responses, one a line, the same for the same seed. */
    public static void writeNdjson(Writer writer, int count, long seed) throws IOException {
        writeNdjson(writer, count, seed, QuestionnaireVersion.CURRENT);
    }

    /** As {@link #writeNdjson(Writer, int, long)}, answering the questions of this questionnaire version. */
    public static void writeNdjson(Writer writer, int count, long seed, QuestionnaireVersion version)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        IParser parser = FHIR.newJsonParser();
        Instant start = Instant.parse("2025-01-06T08:00:00Z");
        for (int i = 1; i <= count; i++) {
            String id = String.format("load-%06d", i);
            String patient = String.format("p-%05d", random.nextInt(100_000));
            Instant authored = start.plusSeconds(random.nextLong(300L * 24 * 3600));
            writer.write(parser.encodeResourceToString(
                    response(id, patient, authored, randomAnswers(random, version), version)));
            writer.write('\n');
        }
    }

    /**
     * A complete response to the current questionnaire version, as a form filler sends it.
     *
     * @param id       the response's id, or null for none
     * @param patient  the id of the subject's Patient, never null
     * @param authored when it was given, kept to the second in UTC; never null
     * @param answers  Boolean, Integer, CodedAnswer or String per question; a question left out, or not
     *                 enabled by these answers, is not in the response
     */
    public static QuestionnaireResponse response(String id, String patient, Instant authored, Map<Question, Object> answers) {
        return response(id, patient, authored, answers, QuestionnaireVersion.CURRENT);
    }

    /** A complete response to this questionnaire version. */
    static QuestionnaireResponse response(String id, String patient, Instant authored, Map<Question, Object> answers,
            QuestionnaireVersion version) {
        Map<Question, Object> enabled = new EnumMap<>(Question.class);
        answers.forEach((question, value) -> {
            if (question.isEnabled(condition -> Boolean.TRUE.equals(answers.get(condition)))) {
                enabled.put(question, value);
            }
        });
        QuestionnaireResponse response = ExampleIntakes.response(version, enabled);
        if (id != null) {
            response.setId(id);
        }
        response.setSubject(new Reference("Patient/" + patient));
        response.setAuthoredElement(new DateTimeType(Date.from(authored), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone("UTC")));
        return response;
    }

    /** Answers to every required question (and some optional ones), varied across all levels. */
    static Map<Question, Object> randomAnswers(SplittableRandom random) {
        return randomAnswers(random, QuestionnaireVersion.CURRENT);
    }

    /** Answers to every required question of this version (and some optional ones), varied across all levels. */
    static Map<Question, Object> randomAnswers(SplittableRandom random, QuestionnaireVersion version) {
        Map<Question, Object> answers = new EnumMap<>(Question.class);
        answers.put(Question.ONSET, pick(random, Onset.values()));
        answers.put(Question.SIDE, pick(random, Side.values()));
        answers.put(Question.PAIN_SEVERITY, random.nextInt(11));
        answers.put(Question.PATTERN, pick(random, Pattern.values()));
        answers.put(Question.FREQUENCY, pick(random, Frequency.values()));
        answers.put(Question.AGE, 18 + random.nextInt(73));
        if (Question.STANDING.isAskedIn(version)) {
            int roll = random.nextInt(100);
            answers.put(Question.STANDING, roll < 95 ? Standing.CAN_STAND
                    : roll < 98 ? Standing.CANNOT_STAND : Standing.COULD_NOT_BEFORE);
        }
        for (Question question : Question.values()) {
            if (answers.containsKey(question) || question.type() != AnswerType.BOOLEAN || !question.isAskedIn(version)) {
                continue;
            }
            if (!question.isRequiredIn(version) && random.nextInt(5) == 0) {
                continue; // optional and skipped
            }
            answers.put(question, random.nextInt(100) < yesPercent(question));
        }
        if (random.nextInt(3) == 0) {
            answers.put(Question.NOTES, NOTES[random.nextInt(NOTES.length)]);
        }
        return answers;
    }

    /** Red flags are rare, everyday causes common, as in a real intake queue. */
    private static int yesPercent(Question question) {
        return switch (question.group()) {
            case WARNING -> 3;
            case HISTORY -> question == Question.PREGNANT ? 3 : 6;
            case LIFESTYLE -> 40;
            case LEG -> 20;
            case CRAMP -> switch (question) {
                case APPARENT_CAUSE -> 60;
                case MAJOR_TRAUMA -> 2;
                case CAN_BEAR_WEIGHT -> 97;
                default -> 30;
            };
        };
    }

    private static <T> T pick(SplittableRandom random, T[] options) {
        return options[random.nextInt(options.length)];
    }
}
