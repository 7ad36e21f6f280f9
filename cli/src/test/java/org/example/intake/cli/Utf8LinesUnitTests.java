package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte path through NDJSON against {@link RecordSplitter}, the oracle: the same records for every input. */
class Utf8LinesUnitTests {

    private static final String R = "{\"resourceType\":\"QuestionnaireResponse\",\"id\":\"a\"}";

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "\n\n",
            R,
            R + "\n",
            R + "\n" + R + "\n" + R,
            R + "\n\n   \n\t\n" + R + "\n",
            R + "\r\n" + R + "\r\n",
            R + "\n" + R + "\r" + R + "\n" + R,
            R + "\n{\"note\":\"caf\u00e9\"}\n" + R + "\n",
            R + "\n\u2003\u3000\n" + R + "\n",
            R + "\n\u001c\u001f \n" + R,
            "\uFEFF" + R + "\n" + R,
            "\n" + R + "\n" + R,
            "{\n  \"resourceType\": \"QuestionnaireResponse\"\n}\n{\"id\":\"b\"}\n",
            "{\"a\":1}{\"b\":2}\n" + R,
            "[1,2]\n" + R,
            R + "\nnot json\n}}}\n" + R,
            R + "\n\u0000\u0000\n" + R,
            "{\"a\":\"\uD800\"}\n" + R,
    })
    void givesTheRecordsTheSplitterGives(String input) throws IOException {
        for (int max : new int[] {1, 10, 60, 1 << 20}) {
            assertThat(viaUtf8Lines(input, max)).as("limit %d", max).isEqualTo(viaSplitter(input, max));
        }
    }

    @Test
    void malformedUtf8GivesTheRecordsTheSplitterGives() throws IOException {
        byte[][] spoilers = {{(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80},
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0xE2, (byte) 0x80, (byte) 0xA8}};
        for (byte[] spoiler : spoilers) {
            java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
            input.writeBytes((R + "\n{\"note\":\"").getBytes(StandardCharsets.US_ASCII));
            input.writeBytes(spoiler);
            input.writeBytes(("\"}\n" + R + "\n").getBytes(StandardCharsets.US_ASCII));
            for (int max : new int[] {10, 1 << 20}) {
                assertThat(viaUtf8Lines(input.toByteArray(), max)).isEqualTo(viaSplitter(input.toByteArray(), max));
            }
        }
    }

    @Test
    void randomLinesGiveTheRecordsTheSplitterGives() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        String[] pieces = {R, R, R, "", " ", "\t", "{\"x\":\"\u00e9\"}", "{\"x\":1", "}", "\u2028",
                "{\"long\":\"" + "y".repeat(700_000) + "\"}", "{\"k\":\"" + "z".repeat(300) + "\"}"};
        String[] ends = {"\n", "\n", "\n", "\r\n", "\r", ""};
        for (int n = 0; n < 60; n++) {
            StringBuilder input = new StringBuilder(R).append('\n');
            int lines = random.nextInt(12);
            for (int i = 0; i < lines; i++) {
                input.append(pieces[random.nextInt(pieces.length)]).append(ends[random.nextInt(ends.length)]);
            }
            for (int max : new int[] {100, 1 << 20}) {
                assertThat(viaUtf8Lines(input.toString(), max)).isEqualTo(viaSplitter(input.toString(), max));
            }
        }
    }

    private static List<String> viaUtf8Lines(String input, int max) throws IOException {
        return viaUtf8Lines(input.getBytes(StandardCharsets.UTF_8), max);
    }

    private static List<String> viaSplitter(String input, int max) throws IOException {
        return viaSplitter(input.getBytes(StandardCharsets.UTF_8), max);
    }

    private static List<String> viaUtf8Lines(byte[] input, int max) throws IOException {
        Utf8Lines lines = new Utf8Lines(new ByteArrayInputStream(input), max);
        List<String> records = new ArrayList<>();
        for (Object record; (record = lines.next()) != null; ) {
            records.add(describe(record instanceof byte[] utf8
                    ? new RecordSplitter.Text(new String(utf8, StandardCharsets.UTF_8)) : record));
        }
        return records;
    }

    private static List<String> viaSplitter(byte[] input, int max) throws IOException {
        RecordSplitter splitter = new RecordSplitter(new InputStreamReader(
                new ByteArrayInputStream(input), StandardCharsets.UTF_8), max);
        List<String> records = new ArrayList<>();
        for (RecordSplitter.Record record; (record = splitter.next()) != null; ) {
            records.add(describe(record));
        }
        return records;
    }

    private static String describe(Object record) {
        return record instanceof RecordSplitter.Text text ? "text:" + text.json() : "too large";
    }
}
