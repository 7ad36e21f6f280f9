package org.example.intake.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.core.triage.TriageOutcome;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.StreamingAnswerReader;
import org.example.intake.fhir.oracle.HapiQuestionnaireValidator;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reading and triaging one intake costs, per QuestionnaireResponse (the 3,079-byte
 * {@link SampleIntake}, to questionnaire 1.2.0), as average time in microseconds. All benchmarks are in
 * this one class so that one run gives all the numbers and their ratios come from the same run:
 *
 * <ul>
 *   <li>{@link #hapiParseOnly}: HAPI's JSON parser alone;
 *   <li>{@link #jacksonTree}: Jackson's tree of the same JSON, what merely reading it costs;
 *   <li>{@link #streamingTriage}: the path {@code ./intake triage} takes, {@link StreamingAnswerReader} then triage;
 *   <li>{@link #parseAndValidate}: {@link IntakeReader#read(String)}: parse, validate against
 *       the intake Questionnaire, map to {@link IntakeAnswers}; no triage;
 *   <li>{@link #parseValidateTriage}: the same, then {@link TriageEngine#triage}: one submission end to end;
 *   <li>{@link #engineOnly}: {@link TriageEngine#triage} on answers built beforehand;
 *   <li>{@link #hapiInstanceValidator}: HAPI's FhirInstanceValidator checking the same JSON
 *       against the same Questionnaire (warm), what we would pay without our own validator.
 * </ul>
 *
 * Every benchmark returns its result, so JMH consumes it and nothing is dead code. The setups
 * check that the sample really is what the numbers claim (accepted, the expected answers and
 * rules; HAPI sees the Questionnaire), so a benchmark of a rejection path fails loudly.
 *
 * <p>Defaults suit this noisy 2-core machine (one fork, fixed 1 GB heap); HAPI's validator
 * takes tens of milliseconds per call, so it gets longer iterations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IntakeBenchmarks {

    /** The sample JSON and the answers it holds, built by hand; shared by all threads. */
    @State(Scope.Benchmark)
    public static class Sample {
        String json;
        IntakeAnswers answers;
        TriageEngine engine;

        @Setup(Level.Trial)
        public void load() {
            json = SampleIntake.json();
            // Builds HAPI's cached R4 context now (seconds), not in hapiParseOnly's first call.
            QuestionnaireResponse parsed =
                    FhirContext.forR4Cached().newJsonParser().parseResource(QuestionnaireResponse.class, json);
            check(parsed.getItem().size() == 5, "the sample has " + parsed.getItem().size() + " groups, expected 5");
            answers = SampleIntake.answers();
            engine = new TriageEngine();
            TriageOutcome outcome = engine.triage(answers);
            check(outcome.level() == SampleIntake.EXPECTED_LEVEL && outcome.ruleIds().equals(SampleIntake.EXPECTED_RULES),
                    "the sample answers triage to " + outcome.level() + " " + outcome.ruleIds() + ", expected "
                            + SampleIntake.EXPECTED_LEVEL + " " + SampleIntake.EXPECTED_RULES);
        }
    }

    /** Our reader, checked to accept the sample and read exactly the hand-built answers. */
    @State(Scope.Benchmark)
    public static class Reader {
        IntakeReader reader;
        StreamingAnswerReader streaming;

        @Setup(Level.Trial)
        public void build() {
            reader = new IntakeReader();
            streaming = new StreamingAnswerReader();
            IntakeReading reading = reader.read(SampleIntake.json());
            if (!(reading instanceof IntakeReading.Accepted accepted)) {
                throw new IllegalStateException("IntakeReader rejects the sample intake: "
                        + FhirContext.forR4Cached().newJsonParser().encodeResourceToString(reading.outcome()));
            }
            check(accepted.answers().equals(SampleIntake.answers()),
                    "IntakeReader reads the sample as " + accepted.answers() + ", expected " + SampleIntake.answers());
            StreamingAnswerReader.Plain plain = streaming.read(SampleIntake.json());
            check(plain != null && plain.answers().equals(accepted.answers()) && java.util.Objects.equals(plain.id(),
                    accepted.id()), "StreamingAnswerReader does not read the sample as IntakeReader does: " + plain);
        }
    }

    /** HAPI's validator with the intake Questionnaire; checked to accept the sample and to see the Questionnaire. */
    @State(Scope.Benchmark)
    public static class Oracle {
        /** Classpath resource of the Questionnaire; override with {@code -p questionnaire=...}. */
        @Param(HapiQuestionnaireValidator.QUESTIONNAIRE_RESOURCE)
        public String questionnaire;

        HapiQuestionnaireValidator validator;

        @Setup(Level.Trial)
        public void build() {
            validator = new HapiQuestionnaireValidator(questionnaire);
            String json = SampleIntake.json();
            List<SingleValidationMessage> errors = validator.errors(json);
            check(errors.isEmpty(), "HAPI finds errors in the sample intake: " + errors);
            // Proof HAPI resolved the Questionnaire: otherwise an unknown linkId passes unnoticed.
            String unknownLinkId = json.replace("\"linkId\":\"side\"", "\"linkId\":\"no-such-question\"");
            check(!validator.errors(unknownLinkId).isEmpty(),
                    "HAPI accepts an unknown linkId: it does not see the Questionnaire " + questionnaire);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Benchmark
    public QuestionnaireResponse hapiParseOnly(Sample sample) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(QuestionnaireResponse.class, sample.json);
    }

    /** Jackson's tree of the same JSON, nothing else: what merely reading it into memory costs. */
    @Benchmark
    public JsonNode jacksonTree(Sample sample) throws IOException {
        return JSON.readTree(sample.json);
    }

    /**
     * The path {@code ./intake triage} takes for a plain response: {@link StreamingAnswerReader} straight
     * into the answers (no tree, no HAPI model), then triage.
     */
    @Benchmark
    public TriageOutcome streamingTriage(Sample sample, Reader reader) {
        StreamingAnswerReader.Plain plain = reader.streaming.read(sample.json);
        if (plain == null) {
            throw new IllegalStateException("the streaming reader left the sample intake to IntakeReader");
        }
        return sample.engine.triage(plain.answers());
    }

    @Benchmark
    public IntakeReading parseAndValidate(Sample sample, Reader reader) {
        return reader.reader.read(sample.json);
    }

    @Benchmark
    public TriageOutcome parseValidateTriage(Sample sample, Reader reader) {
        IntakeReading reading = reader.reader.read(sample.json);
        if (reading instanceof IntakeReading.Accepted accepted) {
            return sample.engine.triage(accepted.answers());
        }
        throw new IllegalStateException("the sample intake was rejected");
    }

    /**
     * The path without {@code IntakeReader}'s fast parser: HAPI's JSON parser, then our validation
     * of the parsed response and triage. What validation and triage add on top of HAPI's parse.
     */
    @Benchmark
    public TriageOutcome hapiParseValidateTriage(Sample sample, Reader reader) {
        QuestionnaireResponse parsed =
                FhirContext.forR4Cached().newJsonParser().parseResource(QuestionnaireResponse.class, sample.json);
        IntakeReading reading = reader.reader.read(parsed);
        if (reading instanceof IntakeReading.Accepted accepted) {
            return sample.engine.triage(accepted.answers());
        }
        throw new IllegalStateException("the sample intake was rejected");
    }

    @Benchmark
    public TriageOutcome engineOnly(Sample sample) {
        return sample.engine.triage(sample.answers);
    }

    @Benchmark
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 4)
    public OperationOutcome hapiInstanceValidator(Sample sample, Oracle oracle) {
        return oracle.validator.validate(sample.json);
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
