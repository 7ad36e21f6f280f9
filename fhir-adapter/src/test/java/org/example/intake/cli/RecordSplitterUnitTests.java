package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

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

    private static List<String> split(String input) throws IOException {
        RecordSplitter splitter = new RecordSplitter(new StringReader(input));
        List<String> records = new ArrayList<>();
        for (String record; (record = splitter.next()) != null; ) {
            records.add(record);
        }
        return records;
    }
}
