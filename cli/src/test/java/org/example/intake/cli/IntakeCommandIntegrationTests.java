package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.Frequency;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.Side;
import org.example.intake.core.answers.Standing;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.Problem;
import org.example.intake.fhir.SampleIntakes;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.context.FhirContext;

/** The command line run in-process, with the real reader (a stand-in only where a test says why). */
class IntakeCommandIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The default --max-record-bytes. */
    private static final int ONE_MIB = 1_048_576;

    @TempDir
    Path dir;

    @Test
    void aValidResponseGivesOneLineWithTheContractKeysInOrderAndExitZero() throws IOException {
        Path file = write("fever.json", pretty(feverResponse("qr-7")));

        Result result = run("", "triage", file.toString());

        assertThat(result.status()).isZero();
        assertThat(result.lines()).hasSize(1);
        JsonNode line = JSON.readTree(result.lines().get(0));
        assertThat(fieldNames(line)).containsExactly("source", "id", "level", "rules", "ruleSet", "advice");
        assertThat(line.get("source").asText()).isEqualTo(file + "#1");
        assertThat(line.get("id").asText()).isEqualTo("qr-7");
        assertThat(line.get("level").asText()).isEqualTo("URGENT");
        assertThat(line.get("rules")).extracting(JsonNode::asText).containsExactly("INF-FEVER");
        assertThat(line.get("ruleSet").asText()).isEqualTo("1.2.0");
        assertThat(line.get("advice")).isNotEmpty().allMatch(JsonNode::isTextual);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aResponseWithoutIdGetsJsonNull() throws IOException {
        Path file = write("no-id.json", compact(feverResponse(null)));

        Result result = run("", "triage", file.toString());

        assertThat(JSON.readTree(result.lines().get(0)).get("id").isNull()).isTrue();
        assertThat(result.status()).isZero();
    }

    @Test
    void anNdjsonFileGivesOneLinePerResponseNumberedFromOne() throws IOException {
        Path file = write("three.ndjson", compact(feverResponse("a")) + "\n\n" + compact(feverResponse("b")) + "\n"
                + compact(feverResponse("c")) + "\n");

        Result result = run("", "triage", file.toString());

        assertThat(result.sources()).containsExactly(file + "#1", file + "#2", file + "#3");
        assertThat(result.ids()).containsExactly("a", "b", "c");
        assertThat(result.status()).isZero();
    }

    @Test
    void aRefusedResponseGivesAnErrorLineWithTheOperationOutcomeTheRestGoOnAndExitIsOne() throws IOException {
        String draft = compact(feverResponse("draft")).replace("\"completed\"", "\"in-progress\"");
        Path file = write("mixed.ndjson", compact(feverResponse("a")) + "\n" + draft + "\n" + compact(feverResponse("c")));

        Result result = run("", "triage", file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.lines()).hasSize(3);
        JsonNode error = JSON.readTree(result.lines().get(1));
        assertThat(fieldNames(error)).containsExactly("source", "error");
        assertThat(error.get("source").asText()).isEqualTo(file + "#2");
        assertThat(error.get("error").get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(error.get("error").get("issue").get(0).get("severity").asText()).isEqualTo("error");
        assertThat(result.ids()).containsExactly("a", null, "c");
    }

    @Test
    void aMalformedLineInTheMiddleOfNdjsonBreaksOnlyItself() throws IOException {
        Path file = write("broken.ndjson", compact(feverResponse("a")) + "\n{\"resourceType\":\"Questionn\n"
                + compact(feverResponse("c")) + "\n");

        Result result = run("", "triage", file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.sources()).containsExactly(file + "#1", file + "#2", file + "#3");
        assertThat(result.lines().get(1)).startsWith("{\"source\":\"" + file + "#2\",\"error\":{");
        assertThat(result.ids()).containsExactly("a", null, "c");
    }

    @Test
    void prettyPrintedFilesAndNdjsonFilesMixInOneRunEachNumberedFromOne() throws IOException {
        Path pretty = write("one.json", pretty(feverResponse("p")));
        Path ndjson = write("two.ndjson", compact(feverResponse("n1")) + "\n" + compact(feverResponse("n2")) + "\n");

        Result result = run("", "triage", pretty.toString(), ndjson.toString());

        assertThat(result.sources()).containsExactly(pretty + "#1", ndjson + "#1", ndjson + "#2");
        assertThat(result.ids()).containsExactly("p", "n1", "n2");
    }

    @Test
    void aDashReadsStandardInputAndNamesItsRecordsDashHashN() throws IOException {
        String stdin = compact(feverResponse("s1")) + "\n" + compact(feverResponse("s2")) + "\n";

        Result result = run(stdin, "triage", "-");

        assertThat(result.status()).isZero();
        assertThat(result.sources()).containsExactly("-#1", "-#2");
        assertThat(result.ids()).containsExactly("s1", "s2");
    }

    @Test
    void aRecordOverTheLimitInNdjsonIsRefusedAsTooLargeOnItsOwnLineAndTheRunGoesOn() throws IOException {
        Path file = write("huge.ndjson", compact(feverResponse("a")) + "\n" + huge(compact(feverResponse("big")), 3_000_000)
                + "\n" + compact(feverResponse("c")) + "\n");

        Result result = run("", "triage", file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.sources()).containsExactly(file + "#1", file + "#2", file + "#3");
        assertThat(result.ids()).containsExactly("a", null, "c");
        assertTooLarge(result.lines().get(1), file + "#2", ONE_MIB);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aRecordOverTheLimitAmongPrettyPrintedValuesIsRefusedAsTooLargeOnItsOwnLineAndTheRunGoesOn() throws IOException {
        Path file = write("huge.json", pretty(feverResponse("a")) + "\n" + huge(pretty(feverResponse("big")), 3_000_000)
                + "\n" + pretty(feverResponse("c")) + "\n");

        Result result = run("", "triage", file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.sources()).containsExactly(file + "#1", file + "#2", file + "#3");
        assertThat(result.ids()).containsExactly("a", null, "c");
        assertTooLarge(result.lines().get(1), file + "#2", ONE_MIB);
    }

    @Test
    void aFirstRecordOverTheLimitIsRefusedAndTheRestAreTriaged_inBothLayouts() throws IOException {
        Path ndjson = write("first.ndjson", huge(compact(feverResponse("big")), 3_000_000) + "\n"
                + compact(feverResponse("b")) + "\n");
        Path pretty = write("first.json", huge(pretty(feverResponse("big")), 3_000_000) + "\n" + pretty(feverResponse("b")));

        Result result = run("", "triage", ndjson.toString(), pretty.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.ids()).containsExactly(null, "b", null, "b");
        assertTooLarge(result.lines().get(0), ndjson + "#1", ONE_MIB);
        assertTooLarge(result.lines().get(2), pretty + "#1", ONE_MIB);
    }

    @Test
    void maxRecordBytes_isTheMostOneRecordMayHave_countedInUtf8() throws IOException {
        Map<Question, Object> answers = feverAnswers();
        answers.put(Question.NOTES, "\u00e9t\u00e9 \u2603 \uD83D\uDE00");
        String record = compact(SampleIntakes.response("utf8", "p-1", Instant.parse("2025-05-01T10:00:00Z"), answers));
        int bytes = record.getBytes(StandardCharsets.UTF_8).length;
        Path file = write("one.ndjson", record + "\n");

        Result atTheLimit = run("", "triage", "--max-record-bytes", String.valueOf(bytes), file.toString());
        Result overTheLimit = run("", "triage", "--max-record-bytes=" + (bytes - 1), file.toString());

        assertThat(bytes).isGreaterThan(record.length());
        assertThat(atTheLimit.status()).isZero();
        assertThat(atTheLimit.ids()).containsExactly("utf8");
        assertThat(overTheLimit.status()).isEqualTo(1);
        assertTooLarge(overTheLimit.lines().get(0), file + "#1", bytes - 1);
    }

    @Test
    void maxRecordBytes_canRaiseTheLimitAboveTheDefault() throws IOException {
        Path file = write("big.ndjson", huge(compact(feverResponse("big")), 1_100_000) + "\n");

        Result result = run("", "triage", file.toString(), "--max-record-bytes", "2000000");

        assertThat(result.status()).isZero();
        assertThat(result.ids()).containsExactly("big");
    }

    @Test
    void badValuesOfMaxRecordBytes_areBadUsage() {
        for (List<String> args : List.of(List.of("--max-record-bytes"), List.of("--max-record-bytes", "0"),
                List.of("--max-record-bytes", "-5"), List.of("--max-record-bytes", "1.5"),
                List.of("--max-record-bytes", "1MB"), List.of("--max-record-bytes="),
                List.of("--max-record-bytes", "99999999999999999999"), List.of("--max-record-bytes", "2147483648"))) {
            List<String> command = new ArrayList<>(List.of("triage"));
            command.addAll(args);
            command.add("x.json");

            Result result = run("", command.toArray(String[]::new));

            assertThat(result.status()).as(args.toString()).isEqualTo(2);
            assertThat(result.err()).as(args.toString()).contains("--max-record-bytes").contains("Usage: intake");
            assertThat(result.out()).as(args.toString()).isEmpty();
        }
    }

    @Test
    void validateAndExtract_refuseAResponseOverTheLimitToo() throws IOException {
        String response = pretty(feverResponse("v"));
        int bytes = response.getBytes(StandardCharsets.UTF_8).length;
        Path file = write("fever.json", response);

        Result validate = run("", "validate", "--max-record-bytes", String.valueOf(bytes - 1), file.toString());
        Result extract = run("", "extract", file.toString(), "--max-record-bytes", String.valueOf(bytes - 1));
        Result validateAtTheLimit = run("", "validate", "--max-record-bytes", String.valueOf(bytes), file.toString());

        for (Result result : List.of(validate, extract)) {
            assertThat(result.status()).isEqualTo(1);
            JsonNode issue = JSON.readTree(result.out()).get("issue").get(0);
            assertThat(issue.get("details").get("coding").get(0).get("code").asText()).isEqualTo("too-large");
            assertThat(issue.get("diagnostics").asText()).contains(String.valueOf(bytes - 1), "--max-record-bytes");
        }
        assertThat(validateAtTheLimit.status()).isZero();
    }

    @Test
    void aPrettyPrintedResponseOnStandardInputIsOneRecord() throws IOException {
        Result result = run(pretty(feverResponse("s")), "triage", "-");

        assertThat(result.sources()).containsExactly("-#1");
        assertThat(result.status()).isZero();
    }

    @Test
    void aMissingFileIsReportedOnStandardErrorTheOthersAreStillTriagedAndExitIsTwo() throws IOException {
        Path good = write("good.json", compact(feverResponse("g")));
        Path missing = dir.resolve("missing.json");

        Result result = run("", "triage", missing.toString(), good.toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("cannot read " + missing + ": no such file");
        assertThat(result.sources()).containsExactly(good + "#1");
    }

    @Test
    void aDirectoryIsUnreadableAndExitIsTwo() {
        Result result = run("", "triage", dir.toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("cannot read " + dir + ": is a directory");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnreadableFileWinsOverARefusedResponseForTheExitCode() throws IOException {
        Path bad = write("bad.json", "not json at all");

        Result result = run("", "triage", bad.toString(), dir.resolve("missing.json").toString());

        assertThat(result.lines()).hasSize(1);
        assertThat(result.status()).isEqualTo(2);
    }

    @Test
    void anEmptyFileGivesNoLinesAndExitZero() throws IOException {
        Path empty = write("empty.ndjson", "\n\n");

        Result result = run("", "triage", empty.toString());

        assertThat(result.out()).isEmpty();
        assertThat(result.status()).isZero();
    }

    @Test
    void outputOrderEqualsInputOrderWhenWorkersFinishOutOfOrder() throws IOException {
        int count = TriagePipeline.WINDOW * 2 + 100;
        StringBuilder ndjson = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            ndjson.append("{\"resourceType\":\"QuestionnaireResponse\",\"id\":\"r-").append(i).append("\"}\n");
        }
        Path file = write("many.ndjson", ndjson.toString());
        IntakeReading.Accepted template = (IntakeReading.Accepted) new IntakeReader().read(compact(feverResponse("t")));
        // A stand-in reader that takes a random time per record, so workers finish out of order.
        IntakeCommand command = new IntakeCommand(() -> new IntakeCommand.Services(json -> {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(50_000));
            String id = json.substring(json.indexOf("r-"), json.lastIndexOf('"'));
            QuestionnaireResponse response = new QuestionnaireResponse();
            response.setId(id);
            return new IntakeReading.Accepted(response, template.answers(), template.outcome());
        }, FhirContext.forR4Cached()), 4);

        Result result = run(command, "", "triage", file.toString());

        assertThat(result.status()).isZero();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            expected.add("r-" + i);
        }
        assertThat(result.ids()).containsExactlyElementsOf(expected);
        assertThat(result.sources().get(count - 1)).isEqualTo(file + "#" + count);
    }

    @Test
    void aReaderThatThrowsGivesAnErrorLineNamingOnlyTheExceptionTypeNotACrash() throws IOException {
        Path file = write("one.json", compact(feverResponse("x")));
        IntakeCommand command = new IntakeCommand(() -> new IntakeCommand.Services(json -> {
            throw new IllegalStateException("secret answer text");
        }, FhirContext.forR4Cached()), 2);

        Result result = run(command, "", "triage", file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).contains("\"error\":{\"resourceType\":\"OperationOutcome\"")
                .contains("IllegalStateException").doesNotContain("secret answer text");
    }

    @Test
    void anOutputThatCannotBeWrittenStopsTheRunWithExitTwo() throws IOException {
        Path file = write("one.json", compact(feverResponse("x")));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream brokenPipe = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        }, false, StandardCharsets.UTF_8);

        int status = new IntakeCommand(2).run(new String[] {"triage", file.toString()},
                new ByteArrayInputStream(new byte[0]), brokenPipe, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot write the output");
    }

    @Test
    void noArgumentsPrintsUsageOnStandardErrorAndExitsTwo() {
        Result result = run("");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("Usage: intake");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void helpPrintsUsageListingOnlyWhatWorksAndExitsZero() {
        Result result = run("", "--help");

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("triage FILE...", "validate FILE", "extract FILE").contains("ehr ").doesNotContain("demo");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void helpAfterACommandAlsoPrintsUsageAndExitsZero() {
        assertThat(run("", "triage", "--help").status()).isZero();
    }

    @Test
    void anUnknownCommandIsBadUsage() {
        Result result = run("", "demo");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("unknown command: demo", "Usage: intake");
    }

    @Test
    void triageWithoutFilesIsBadUsage() {
        Result result = run("", "triage");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("at least one FILE");
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        Result result = run("", "triage", "--fast", "x.json");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("unknown option: --fast");
    }

    @Test
    void aFileNamedLikeAnOptionCanFollowDoubleDash() throws IOException {
        Path file = write("-odd.json", compact(feverResponse("o")));

        Result result = run("", "triage", "--", file.toString());

        assertThat(result.ids()).containsExactly("o");
    }

    @Test
    void validateOfAValidResponsePrintsAPrettyOutcomeAndExitsZero() throws IOException {
        Path file = write("fever.json", pretty(feverResponse("v")));

        Result result = run("", "validate", file.toString());

        assertThat(result.status()).isZero();
        JsonNode outcome = JSON.readTree(result.out());
        assertThat(outcome.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(result.out().lines().count()).isGreaterThan(1);
    }

    @Test
    void validateOfARefusedResponsePrintsTheErrorsAndExitsOne() throws IOException {
        Path file = write("draft.json", pretty(feverResponse("d")).replace("\"completed\"", "\"in-progress\""));

        Result result = run("", "validate", file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(JSON.readTree(result.out()).get("issue").get(0).get("severity").asText()).isEqualTo("error");
    }

    @Test
    void validateReadsStandardInput() throws IOException {
        Result result = run(pretty(feverResponse("v")), "validate", "-");

        assertThat(result.status()).isZero();
        assertThat(JSON.readTree(result.out()).get("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void validateOfAMissingFileExitsTwo() {
        Result result = run("", "validate", dir.resolve("nope.json").toString());

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("no such file");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void validateTakesExactlyOneFile() {
        assertThat(run("", "validate").status()).isEqualTo(2);
        assertThat(run("", "validate", "a.json", "b.json").status()).isEqualTo(2);
    }

    @Test
    void extractOfAnUrgentResponsePrintsTheTransactionBundleWithFlagAndReferral() throws IOException {
        Path file = write("fever.json", pretty(feverResponse("fever-1")));

        Result result = run("", "extract", file.toString());

        assertThat(result.status()).isZero();
        JsonNode bundle = JSON.readTree(result.out());
        assertThat(bundle.get("type").asText()).isEqualTo("transaction");
        List<String> types = new ArrayList<>();
        bundle.get("entry").forEach(entry -> types.add(entry.get("resource").get("resourceType").asText()));
        assertThat(types).startsWith("QuestionnaireResponse").contains("Observation", "Flag", "ServiceRequest")
                .endsWith("Provenance");
        assertThat(bundle.get("entry").get(0).get("request").get("ifNoneExist").asText())
                .isEqualTo("identifier=http://example.org/fhir/sid/intake-submission|fever-1");
    }

    @Test
    void extractTwiceGivesTheSameBundle_evenForAResponseWithoutId() throws IOException {
        Path file = write("anonymous.json", pretty(feverResponse(null)));

        Result first = run("", "extract", file.toString());
        Result second = run("", "extract", file.toString());

        assertThat(first.status()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(first.out()).contains("intake-submission|qr-");
    }

    @Test
    void extractOfARefusedResponsePrintsItsOutcomeAndExitsOne() throws IOException {
        Path file = write("draft.json", pretty(feverResponse("d")).replace("\"completed\"", "\"in-progress\""));

        Result result = run("", "extract", file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(JSON.readTree(result.out()).get("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void extractOfAResponseWithoutSubjectIsRefused() throws IOException {
        QuestionnaireResponse response = feverResponse("nobody");
        response.setSubject(null);
        Path file = write("nobody.json", pretty(response));

        Result result = run("", "extract", file.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).contains("QuestionnaireResponse.subject");
    }

    @Test
    void extractOfAResponseWithoutAuthoredIsRefusedSoTheSameSubmissionAlwaysGivesTheSameBundle() throws IOException {
        QuestionnaireResponse response = feverResponse("undated");
        response.setAuthoredElement(null);
        Path file = write("undated.json", pretty(response));

        Result result = run("", "extract", file.toString());

        assertThat(result.status()).isEqualTo(1);
        JsonNode issue = JSON.readTree(result.out()).get("issue").get(0);
        assertThat(issue.get("details").get("coding").get(0).get("code").asText()).isEqualTo("missing-authored");
        assertThat(issue.get("expression").get(0).asText()).isEqualTo("QuestionnaireResponse.authored");
    }

    @Test
    void aResponseWithoutAuthoredIsStillTriaged() throws IOException {
        QuestionnaireResponse response = feverResponse("undated");
        response.setAuthoredElement(null);
        Path file = write("undated.json", compact(response));

        Result result = run("", "triage", file.toString());

        assertThat(result.status()).isZero();
        assertThat(result.lines().get(0)).contains("\"level\":\"URGENT\"");
    }

    // --- helpers

    static Map<Question, Object> feverAnswers() {
        Map<Question, Object> answers = new EnumMap<>(Question.class);
        answers.put(Question.ONSET, Onset.DAYS);
        answers.put(Question.SIDE, Side.LEFT);
        answers.put(Question.PAIN_SEVERITY, 5);
        answers.put(Question.PATTERN, Pattern.UNCHANGED);
        answers.put(Question.FREQUENCY, Frequency.FIRST_TIME);
        answers.put(Question.AGE, 34);
        for (Question question : Question.values()) {
            if (question.type() == AnswerType.BOOLEAN && question.required()) {
                answers.putIfAbsent(question, false);
            }
        }
        answers.put(Question.APPARENT_CAUSE, true);
        answers.put(Question.STANDING, Standing.CAN_STAND);
        answers.put(Question.FEVER, true);
        return answers;
    }

    private static QuestionnaireResponse feverResponse(String id) {
        return SampleIntakes.response(id, "p-1", Instant.parse("2025-05-01T10:00:00Z"), feverAnswers());
    }

    /** The response's JSON grown to about {@code size} characters by a long language code, on the first line. */
    private static String huge(String json, int size) {
        String start = "{\"resourceType\":\"QuestionnaireResponse\",";
        String startPretty = "{\n  \"resourceType\": \"QuestionnaireResponse\",";
        String padding = "\"language\":\"" + "x".repeat(size) + "\",";
        if (json.startsWith(start)) {
            return start + padding + json.substring(start.length());
        }
        assertThat(json).startsWith(startPretty);
        return startPretty + "\n  " + padding + json.substring(startPretty.length());
    }

    private static void assertTooLarge(String line, String source, long limit) throws IOException {
        JsonNode error = JSON.readTree(line);
        assertThat(fieldNames(error)).containsExactly("source", "error");
        assertThat(error.get("source").asText()).isEqualTo(source);
        assertThat(error.get("error").get("resourceType").asText()).isEqualTo("OperationOutcome");
        JsonNode issue = error.get("error").get("issue").get(0);
        assertThat(error.get("error").get("issue")).hasSize(1);
        assertThat(issue.get("severity").asText()).isEqualTo("error");
        assertThat(issue.get("code").asText()).isEqualTo("too-long");
        assertThat(issue.get("details").get("coding").get(0).get("system").asText()).isEqualTo(Problem.SYSTEM);
        assertThat(issue.get("details").get("coding").get(0).get("code").asText()).isEqualTo("too-large");
        assertThat(issue.get("diagnostics").asText()).contains("over " + limit + " bytes", "--max-record-bytes");
        assertThat(line).doesNotContain("xxxxxxxx");
    }

    private static String compact(QuestionnaireResponse response) {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(response);
    }

    private static String pretty(QuestionnaireResponse response) {
        return FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true).encodeResourceToString(response);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Result run(String stdin, String... args) {
        return run(new IntakeCommand(2), stdin, args);
    }

    static Result run(IntakeCommand command, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int status, String out, String err) {

        List<String> lines() {
            return out.lines().toList();
        }

        List<String> sources() {
            return lines().stream().map(line -> field(line, "source")).toList();
        }

        /** The id of each line; null for an error line or a response without id. */
        List<String> ids() {
            return lines().stream().map(line -> field(line, "id")).toList();
        }

        private static String field(String line, String name) {
            try {
                JsonNode value = JSON.readTree(line).get(name);
                return value == null || value.isNull() ? null : value.asText();
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }
    }
}
