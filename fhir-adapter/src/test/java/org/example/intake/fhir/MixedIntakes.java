package org.example.intake.fhir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * The load run's input: responses to every questionnaire version (1.0.0, 1.1.0 and 1.2.0, a third
 * each) as {@link SampleIntakes} builds them, with about 3% refused as real input would have them
 * (an unanswered required question, an answer out of range, an unknown code, a status other than
 * completed, an unknown questionnaire version, a number sent as a string, a line cut short).
 *
 * <p>Usage: {@code MixedIntakes COUNT SEED OUTPUT.ndjson [REFUSED_PER_MILLE]} (default 30; 0 for valid responses
 * only). The same seed gives the same file.
 */
public final class MixedIntakes {

    private static final QuestionnaireVersion[] VERSIONS = QuestionnaireVersion.values();

    /** Out of 1000 responses, how many are refused (one kind each, in turn). */
    static final int REFUSED_PER_MILLE = 30;

    private MixedIntakes() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: MixedIntakes COUNT SEED OUTPUT.ndjson [REFUSED_PER_MILLE]");
            System.exit(2);
        }
        Path output = Path.of(args[2]);
        if (output.getParent() != null) {
            Files.createDirectories(output.getParent());
        }
        try (Writer writer = new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8), 1 << 16)) {
            writeNdjson(writer, Integer.parseInt(args[0]), Long.parseLong(args[1]),
                    args.length == 4 ? Integer.parseInt(args[3]) : REFUSED_PER_MILLE);
        }
    }

    /** Writes {@code count} responses, one a line, the same for the same seed, about 3% of them refused. */
    public static void writeNdjson(Writer writer, int count, long seed) throws IOException {
        writeNdjson(writer, count, seed, REFUSED_PER_MILLE);
    }

    /** Writes {@code count} responses, one a line, the same for the same seed, about this many per 1000 refused. */
    public static void writeNdjson(Writer writer, int count, long seed, int refusedPerMille) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        Instant start = Instant.parse("2025-01-06T08:00:00Z");
        int refused = 0;
        for (int i = 1; i <= count; i++) {
            QuestionnaireVersion version = VERSIONS[random.nextInt(VERSIONS.length)];
            String id = String.format("load-%06d", i);
            String patient = String.format("p-%05d", random.nextInt(100_000));
            Instant authored = start.plusSeconds(random.nextLong(300L * 24 * 3600));
            Map<Question, Object> answers = SampleIntakes.randomAnswers(random, version);
            Refusal refusal = random.nextInt(1000) < refusedPerMille ? Refusal.values()[refused++ % Refusal.values().length]
                    : null;
            if (refusal == Refusal.UNANSWERED) {
                answers.remove(Question.PAIN_SEVERITY);
            } else if (refusal == Refusal.OUT_OF_RANGE) {
                answers.put(Question.AGE, 130);
            }
            String json = parser.encodeResourceToString(SampleIntakes.response(id, patient, authored, answers, version));
            writer.write(refusal == null ? json : refusal.spoil(json));
            writer.write('\n');
        }
    }

    /** The ways a response in the load run is refused. */
    private enum Refusal {
        UNANSWERED,
        OUT_OF_RANGE,
        UNKNOWN_CODE {
            @Override
            String spoil(String json) {
                return json.replaceFirst("(\"valueCoding\":\\{\"system\":\"[^\"]*\",\"code\":\")[a-z-]+", "$1fortnightly");
            }
        },
        NOT_COMPLETED {
            @Override
            String spoil(String json) {
                return json.replace("\"status\":\"completed\"", "\"status\":\"in-progress\"");
            }
        },
        UNKNOWN_VERSION {
            @Override
            String spoil(String json) {
                return json.replaceFirst("buttock-cramp-intake\\|[0-9.]+\"", "buttock-cramp-intake|0.9.0\"");
            }
        },
        NUMBER_AS_STRING {
            @Override
            String spoil(String json) {
                return json.replaceFirst("\"valueInteger\":([0-9]+)", "\"valueInteger\":\"$1\"");
            }
        },
        CUT_SHORT {
            @Override
            String spoil(String json) {
                return json.substring(0, json.length() / 2);
            }
        };

        /** The response's JSON made invalid (the first two kinds are spoiled in their answers instead). */
        String spoil(String json) {
            return json;
        }
    }
}
