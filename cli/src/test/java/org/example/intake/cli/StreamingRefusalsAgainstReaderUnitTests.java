package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.MixedIntakes;
import org.example.intake.fhir.RefusedIntakes;
import org.example.intake.fhir.StreamingAnswerReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code triage}'s streaming path (the streaming reader, which also words the common refusals, then
 * {@link IntakeReader} for the rest) against {@link IntakeReader} reading every record, the oracle: the same output
 * line for line, byte for byte, and the same exit status; and the load run's refusals never start HAPI.
 */
class StreamingRefusalsAgainstReaderUnitTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final IntakeReader reader = new IntakeReader();
    private final StreamingAnswerReader streaming = new StreamingAnswerReader();

    @TempDir
    Path dir;

    @Test
    void generatedResponsesSpoiledInSeveralWays_giveTheReadersLines() {
        RecordTriage oracle = new RecordTriage(reader::read, new TriageEngine(), FHIR);
        RecordTriage streamed = new RecordTriage(reader::read, streaming::check,
                utf8 -> streaming.check(utf8, 0, utf8.length), new TriageEngine(), () -> FHIR);
        RefusedIntakes intakes = new RefusedIntakes(29);
        int refused = 0;
        for (int i = 1; i <= 4000; i++) {
            String json = intakes.next();
            String source = "in.ndjson#" + i;

            RecordTriage.Line expected = oracle.apply(source, json);

            RecordTriage.Line fromText = streamed.apply(source, json);
            RecordTriage.Line fromBytes = streamed.apply(source, json.getBytes(StandardCharsets.UTF_8));
            for (RecordTriage.Line line : List.of(fromText, fromBytes)) {
                assertThat(new String(line.utf8(), StandardCharsets.UTF_8)).as(json)
                        .isEqualTo(new String(expected.utf8(), StandardCharsets.UTF_8));
                assertThat(line.error()).isEqualTo(expected.error());
            }
            refused += expected.error() ? 1 : 0;
        }
        assertThat(refused).isGreaterThan(2000);
    }

    @Test
    void deeplyNestedItems_giveTheReadersLines() {
        RecordTriage oracle = new RecordTriage(reader::read, new TriageEngine(), FHIR);
        RecordTriage streamed = new RecordTriage(reader::read, streaming::check,
                utf8 -> streaming.check(utf8, 0, utf8.length), new TriageEngine(), () -> FHIR);
        for (int depth : new int[] {10, 900, 1100, 5000, 50_000}) {
            String json = "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"item\":"
                    + "[{\"linkId\":\"a\",\"item\":".repeat(depth) + "[]" + "}]".repeat(depth) + "}";

            RecordTriage.Line expected = oracle.apply("deep#1", json);

            for (RecordTriage.Line line : List.of(streamed.apply("deep#1", json),
                    streamed.apply("deep#1", json.getBytes(StandardCharsets.UTF_8)))) {
                assertThat(new String(line.utf8(), StandardCharsets.UTF_8)).as("depth %d", depth)
                        .isEqualTo(new String(expected.utf8(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void theLoadRunsMixedInput_givesTheReadersOutputAndNeverStartsHapi() throws IOException {
        StringWriter ndjson = new StringWriter();
        MixedIntakes.writeNdjson(ndjson, 3000, 42, 100);
        Path file = Files.writeString(dir.resolve("mixed.ndjson"), ndjson.toString());
        AtomicInteger readerCalls = new AtomicInteger();
        AtomicInteger contextCalls = new AtomicInteger();
        IntakeCommand streamingCommand = new IntakeCommand(() -> new IntakeCommand.Services(json -> {
            readerCalls.incrementAndGet();
            return reader.read(json);
        }, streaming::check, utf8 -> streaming.check(utf8, 0, utf8.length), () -> {
            contextCalls.incrementAndGet();
            return FHIR;
        }), 2);
        IntakeCommand readerCommand = new IntakeCommand(() -> new IntakeCommand.Services(reader::read, FHIR), 2);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        int expectedStatus = run(readerCommand, file, expected);
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        int status = run(streamingCommand, file, actual);

        assertThat(expectedStatus).isEqualTo(1);
        assertThat(status).isEqualTo(expectedStatus);
        assertThat(actual.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactlyElementsOf(expected.toString(StandardCharsets.UTF_8).lines().toList());
        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(expected.toString(StandardCharsets.UTF_8)).contains("\"error\":");
        // Every refusal of the load run's kinds was worded without IntakeReader or a FHIR context.
        assertThat(readerCalls).hasValue(0);
        assertThat(contextCalls).hasValue(0);
    }

    private static int run(IntakeCommand command, Path file, ByteArrayOutputStream out) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = command.run(new String[] {"triage", file.toString()}, new ByteArrayInputStream(new byte[0]), print,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        print.flush();
        return status;
    }
}
