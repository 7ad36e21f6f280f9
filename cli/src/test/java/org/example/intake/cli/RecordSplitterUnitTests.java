package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordSplitterUnitTests {

    @Test
    void ndjsonGivesOneRecordPerLine() throws IOException {
        String input = "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n";

        assertThat(split(input)).containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}", "{\"id\":\"c\"}");
    }

    @Test
    void ndjsonWithoutFinalNewlineKeepsTheLastRecord() throws IOException {
        assertThat(split("{\"id\":\"a\"}\n{\"id\":\"b\"}")).containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}");
    }

    @Test
    void ndjsonWithWindowsLineEndsGivesCleanRecords() throws IOException {
        assertThat(split("{\"id\":\"a\"}\r\n{\"id\":\"b\"}\r\n")).containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}");
    }

    @Test
    void blankLinesAreSkippedAndDoNotCountAsRecords() throws IOException {
        String input = "\n  \n{\"id\":\"a\"}\n\n\t\n{\"id\":\"b\"}\n\n";

        assertThat(split(input)).containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}");
    }

    @Test
    void aMalformedLineInTheMiddleIsARecordOfItsOwnAndTheNextLinesAreIntact() throws IOException {
        String input = "{\"id\":\"a\"}\n{\"id\":\"b\",\"item\":[\n{\"id\":\"c\"}\nnot json\n{\"id\":\"d\"}\n";

        assertThat(split(input))
                .containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\",\"item\":[", "{\"id\":\"c\"}", "not json", "{\"id\":\"d\"}");
    }

    @Test
    void aPrettyPrintedResponseIsOneRecord() throws IOException {
        String pretty = """
                {
                  "resourceType": "QuestionnaireResponse",
                  "id": "a",
                  "item": [ {
                    "linkId": "cramp"
                  } ]
                }
                """;

        assertThat(split(pretty)).containsExactly(pretty.strip());
    }

    @Test
    void prettyPrintedResponsesOneAfterAnotherAreSeparateRecords() throws IOException {
        String first = "{\n  \"id\": \"a\"\n}";
        String second = "{\n  \"id\": \"b\",\n  \"item\": [ { \"linkId\": \"x\" } ]\n}";

        assertThat(split(first + "\n\n" + second + "\n")).containsExactly(first, second);
    }

    @Test
    void aPrettyPrintedFileWithOpeningBraceOnTheFirstLineAloneIsNotTakenForNdjson() throws IOException {
        String pretty = "{\n\"id\":\"a\"}\n";

        assertThat(split(pretty)).containsExactly("{\n\"id\":\"a\"}");
    }

    @Test
    void bracesInsideStringsDoNotEndARecord() throws IOException {
        String pretty = "{\n  \"notes\": \"it hurts } when { I sit ]\",\n  \"id\": \"a\"\n}";

        assertThat(split(pretty + "\n{\n\"id\":\"b\"\n}")).containsExactly(pretty, "{\n\"id\":\"b\"\n}");
    }

    @Test
    void escapedQuotesInsideStringsDoNotEndTheString() throws IOException {
        String pretty = "{\n  \"notes\": \"she said \\\"}\\\" and \\\\\",\n  \"id\": \"a\"\n}";

        assertThat(split(pretty)).containsExactly(pretty);
    }

    @Test
    void ndjsonLinesWithBracesAndEscapedQuotesInStringsStayWhole() throws IOException {
        String line = "{\"notes\":\"a \\\"{\\\" b \\\\\"}";

        assertThat(split(line + "\n" + line + "\n")).containsExactly(line, line);
    }

    @Test
    void aFirstLineEndingInsideAStringIsNotComplete() {
        assertThat(RecordSplitter.isCompleteValue("{\"notes\":\"open}")).isFalse();
        assertThat(RecordSplitter.isCompleteValue("{\"notes\":\"closed\"}")).isTrue();
    }

    @Test
    void aTruncatedPrettyRecordAtTheEndIsStillReturnedSoItCanBeRefused() throws IOException {
        assertThat(split("{\n  \"id\": \"a\",\n  \"item\": [")).containsExactly("{\n  \"id\": \"a\",\n  \"item\": [");
    }

    @Test
    void textBetweenPrettyRecordsBecomesARecordOfItsOwn() throws IOException {
        String first = "{\n\"id\":\"a\"\n}";
        String second = "{\n\"id\":\"b\"\n}";

        assertThat(split(first + "\ngarbage here\n" + second)).containsExactly(first, "garbage here", second);
    }

    @Test
    void aByteOrderMarkBeforeTheFirstRecordIsDropped() throws IOException {
        assertThat(split("\uFEFF{\"id\":\"a\"}\n")).containsExactly("{\"id\":\"a\"}");
        assertThat(split("\uFEFF{\n\"id\":\"a\"\n}")).containsExactly("{\n\"id\":\"a\"\n}");
    }

    @Test
    void emptyOrBlankInputHasNoRecords() throws IOException {
        assertThat(split("")).isEmpty();
        assertThat(split(" \n\n\t\n")).isEmpty();
    }

    @Test
    void aValueLongerThanTheReadBufferStaysWhole() throws IOException {
        String notes = "x".repeat(50_000);
        String pretty = "{\n\"notes\":\"" + notes + "\"\n}";

        assertThat(split(pretty + "\n" + pretty)).containsExactly(pretty, pretty);
    }

    @Test
    void theDefaultLimitIsOneMebibyte() {
        assertThat(RecordSplitter.DEFAULT_MAX_RECORD_BYTES).isEqualTo(1_048_576);
    }

    @Test
    void anNdjsonLineOverTheLimitIsTooLargeAndTheNextLinesAreIntact() throws IOException {
        String big = "{\"notes\":\"" + "x".repeat(3_000) + "\"}";

        assertThat(split("{\"id\":\"a\"}\n" + big + "\n{\"id\":\"c\"}\n", 1_000))
                .containsExactly("{\"id\":\"a\"}", TOO_LARGE, "{\"id\":\"c\"}");
    }

    @Test
    void aFirstLineOverTheLimitThatIsAWholeValueMakesTheInputNdjson() throws IOException {
        String big = "{\"notes\":\"" + "x".repeat(3_000) + "\"}";

        assertThat(split(big + "\r\n{\"id\":\"b\",\"item\":[\n{\"id\":\"c\"}\n", 1_000))
                .containsExactly(TOO_LARGE, "{\"id\":\"b\",\"item\":[", "{\"id\":\"c\"}");
    }

    @Test
    void aPrettyValueOverTheLimitIsTooLargeAndTheNextValuesAreIntact() throws IOException {
        String first = "{\n  \"id\": \"a\"\n}";
        String big = "{\n  \"notes\": \"" + "x} ".repeat(1_000) + "\",\n  \"item\": [ { \"linkId\": \"x\" } ]\n}";
        String last = "{\n  \"id\": \"c\"\n}";

        assertThat(split(first + "\n" + big + "\n" + last + "\n", 1_000)).containsExactly(first, TOO_LARGE, last);
    }

    @Test
    void aFirstLineOverTheLimitThatOpensAValueIsTooLargeUpToTheEndOfThatValue() throws IOException {
        String big = "{\"notes\":\"" + "x".repeat(3_000) + "\",\n\"item\":[{\"linkId\":\"x\"}]\n}";
        String next = "{\n\"id\":\"b\"\n}";

        assertThat(split(big + "\n" + next, 1_000)).containsExactly(TOO_LARGE, next);
    }

    @Test
    void aTruncatedRecordOverTheLimitAtTheEndIsStillTooLarge() throws IOException {
        assertThat(split("{\"id\":\"a\"}\n{\"notes\":\"" + "x".repeat(3_000), 1_000))
                .containsExactly("{\"id\":\"a\"}", TOO_LARGE);
        assertThat(split("{\n\"notes\":\"" + "x".repeat(3_000), 1_000)).containsExactly(TOO_LARGE);
    }

    @Test
    void aRecordOfExactlyTheLimitInUtf8IsKept_oneByteMoreIsTooLarge() throws IOException {
        String record = "{\"notes\":\"\u00e9t\u00e9 \u2603 \uD83D\uDE00\"}";
        int bytes = record.getBytes(StandardCharsets.UTF_8).length;
        String pretty = "{\n\"notes\":\"\u00e9t\u00e9 \u2603 \uD83D\uDE00\"\n}";
        int prettyBytes = pretty.getBytes(StandardCharsets.UTF_8).length;

        assertThat(bytes).isGreaterThan(record.length());
        assertThat(split(record + "\n" + record, bytes)).containsExactly(record, record);
        assertThat(split(record + "\n" + record, bytes - 1)).containsExactly(TOO_LARGE, TOO_LARGE);
        assertThat(split(pretty + "\n" + pretty, prettyBytes)).containsExactly(pretty, pretty);
        assertThat(split(pretty + "\n" + pretty, prettyBytes - 1)).containsExactly(TOO_LARGE, TOO_LARGE);
    }

    @Test
    void aLineOfBlanksOverTheLimitIsStillABlankLine() throws IOException {
        assertThat(split("{\"id\":\"a\"}\n" + " ".repeat(3_000) + "\n{\"id\":\"b\"}\n", 1_000))
                .containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RecordSplitter(new StringReader(""), 0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    @Timeout(60)
    void skippingARecordOfThreeHundredMegabytesHoldsNoMoreThanAboutTheLimit(boolean ndjson) throws IOException {
        long size = 300_000_000L;
        String before = ndjson ? "{\"id\":\"a\"}\n" : "{\n\"id\":\"a\"\n}\n";
        String after = ndjson ? "\n{\"id\":\"c\"}\n" : "\n{\n\"id\":\"c\"\n}\n";
        Reader input = new HugeRecordReader(before + "{\"notes\":\"", size, "\"}" + after);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RecordSplitter splitter = new RecordSplitter(input, RecordSplitter.DEFAULT_MAX_RECORD_BYTES);
        List<String> records = new ArrayList<>();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

        for (RecordSplitter.Record record; (record = splitter.next()) != null; ) {
            records.add(describe(record));
        }

        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(records).containsExactly(before.strip(), TOO_LARGE, after.strip());
        assertThat(allocated).as("bytes allocated while splitting").isLessThan(16L * RecordSplitter.DEFAULT_MAX_RECORD_BYTES);
    }

    private static final String TOO_LARGE = "<too large>";

    private static List<String> split(String input) throws IOException {
        return split(input, RecordSplitter.DEFAULT_MAX_RECORD_BYTES);
    }

    private static List<String> split(String input, int maxRecordBytes) throws IOException {
        RecordSplitter splitter = new RecordSplitter(new StringReader(input), maxRecordBytes);
        List<String> records = new ArrayList<>();
        for (RecordSplitter.Record record; (record = splitter.next()) != null; ) {
            records.add(describe(record));
        }
        return records;
    }

    private static String describe(RecordSplitter.Record record) {
        return record instanceof RecordSplitter.Text text ? text.json() : TOO_LARGE;
    }

    /** Text, then {@code size} times 'x', then more text: made as it is read, never held whole. */
    private static final class HugeRecordReader extends Reader {
        private final String head;
        private final long size;
        private final String tail;
        private long position;

        HugeRecordReader(String head, long size, String tail) {
            this.head = head;
            this.size = size;
            this.tail = tail;
        }

        @Override
        public int read(char[] into, int offset, int length) {
            long total = head.length() + size + tail.length();
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(length, total - position);
            for (int i = 0; i < n; i++, position++) {
                into[offset + i] = position < head.length() ? head.charAt((int) position)
                        : position < head.length() + size ? 'x'
                        : tail.charAt((int) (position - head.length() - size));
            }
            return n;
        }

        @Override
        public void close() {
        }
    }
}
