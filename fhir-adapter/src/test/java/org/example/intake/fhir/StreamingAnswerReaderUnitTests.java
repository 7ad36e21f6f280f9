package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The triage's streaming reader against {@link IntakeReader} (held to HAPI's parser and
 * validator by {@link FastResponseParserUnitTests} and {@link ValidatorAgainstHapiOracleTests}):
 * whenever it gives answers, the reader accepts the same text with the same id and answers; it
 * takes every plain valid response of every questionnaire version; it leaves every refused one,
 * and every unusual one, to the reader. Mutated responses probe the border between the two.
 */
class StreamingAnswerReaderUnitTests {

    private final IntakeReader reader = new IntakeReader();
    private final StreamingAnswerReader streaming = new StreamingAnswerReader();

    @Test
    void everyGeneratedResponseOfEveryVersion_isReadToTheReadersAnswers() throws IOException {
        for (QuestionnaireVersion version : QuestionnaireVersion.values()) {
            StringWriter ndjson = new StringWriter();
            SampleIntakes.writeNdjson(ndjson, 300, 17 + version.ordinal(), version);
            for (String json : ndjson.toString().lines().toList()) {
                assertThat(streaming.read(json)).as(version.code()).isNotNull();
                assertSameAsReader(json);
            }
        }
    }

    @Test
    void theLoadRunsMixedInput_refusedOnesLeftToTheReader() throws IOException {
        StringWriter ndjson = new StringWriter();
        MixedIntakes.writeNdjson(ndjson, 3000, 5);
        int streamed = 0;
        int refused = 0;
        for (String json : ndjson.toString().lines().toList()) {
            IntakeReading reading = assertSameAsReader(json);
            if (reading instanceof IntakeReading.Accepted) {
                assertThat(streaming.read(json)).isNotNull();
                streamed++;
            } else {
                refused++;
            }
        }
        assertThat(refused).isBetween(40, 140); // about 3%, of every kind
        assertThat(streamed + refused).isEqualTo(3000);
    }

    @Test
    void examplesAndOlderVersionsOfThem_asTheReaderReadsThem() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("..", "examples"), Path.of("..", "cli", "src", "test", "resources", "v1.0.0"),
                Path.of("..", "cli", "src", "test", "resources", "v1.1.0"))) {
            try (Stream<Path> listed = Files.list(dir)) {
                listed.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(15);
        for (Path file : files) {
            String json = Files.readString(file);
            IntakeReading reading = assertSameAsReader(json);
            assertThat(streaming.read(json) != null).as(file.toString())
                    .isEqualTo(reading instanceof IntakeReading.Accepted);
        }
    }

    @Test
    void bytesAndTextGiveTheSame() throws IOException {
        StringWriter ndjson = new StringWriter();
        MixedIntakes.writeNdjson(ndjson, 300, 9);
        for (String json : ndjson.toString().lines().toList()) {
            byte[] utf8 = ("  " + json + " ").getBytes(StandardCharsets.UTF_8);
            assertThat(streaming.read(utf8, 2, utf8.length - 3)).isEqualTo(streaming.read(json));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            " ",
            "null",
            "{\"resourceType\":\"QuestionnaireResponse\"}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"item\":[{}]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"language\":\"en\"}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"id\":\"q\"}[]",
    })
    void anythingUnusualOrMalformed_isLeftToTheReader(String json) {
        assertThat(streaming.read(json)).isNull();
    }

    @Test
    void unusualButValidResponses_areLeftToTheReader_orReadAsItReadsThem() {
        String benign = Responses.benign().json();
        List<String> variants = List.of(
                benign.replace("\"status\":\"completed\"", "\"status\":\"amended\""),
                benign.replace("\"authored\":\"2026-11-25T10:15:00Z\"", "\"authored\":\"2026-11\""),
                benign.replace("\"authored\":\"2026-11-25T10:15:00Z\"", "\"authored\":\"2026-02-29T10:15:00Z\""),
                benign.replace("\"authored\":\"2026-11-25T10:15:00Z\"", "\"authored\":\"2026-11-25T10:15:00.123456+14:00\""),
                benign.replace("\"id\":\"qr-1\",", ""),
                benign.replace("{\"system\":\"http://example.org/fhir/CodeSystem/buttock-cramp-intake\",", "{"),
                benign.replace("\"system\":\"http://example.org/fhir/CodeSystem/buttock-cramp-intake\"",
                        "\"system\":\"http://example.org/other\""),
                benign.replace("\"linkId\":\"cramp\",", "\"linkId\":\"cramp\",\"text\":\"Your cramps\","),
                Responses.benign().remove(Question.LOW_FLUID).json(),
                Responses.benign().questionnaire(Responses.CANONICAL).json(),
                Responses.benign().id("x.y-1").json());
        for (String json : variants) {
            assertSameAsReader(json);
        }
    }

    @Test
    void commonAuthoredTimes_areDateTimesToHapiToo() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            YearMonth month = YearMonth.of(random.nextInt(10_000), 1 + random.nextInt(12));
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", month.getYear(), month.getMonthValue(),
                    1 + random.nextInt(month.lengthOfMonth()), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    random.nextBoolean() ? "" : String.format(".%03d", random.nextInt(1000)),
                    random.nextBoolean() ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
                            random.nextInt(14), random.nextInt(60)));
            String json = Responses.benign().json().replace("2026-11-25T10:15:00Z", text);
            assertThat(new DateTimeType(text).getValue()).as(text).isNotNull();
            assertThat(streaming.read(json)).as(text).isNotNull();
        }
    }

    /** The texts checked without making a String: present exactly when FastResponseParser's text gives one. */
    @Test
    void aTextCheckedInPlace_isPresentExactlyWhenTheParsersTextIsGiven() throws IOException {
        List<String> values = new ArrayList<>(List.of("\"\"", "\" \"", "\"a\"", "\" a\"", "\"a \"", "\"a b\"",
                "\"\\t\"", "\"\\ta\"", "\"a\\n\"", "\"\\u2003a\"", "\"a\\u2003\"", "\"\\u00a0\"",
                "\"\\u00a0a\\u00a0\"", "\"\\ud83d\\ude00\"", "\"\\u001f\"", "\"\\u001c\\u001c\"", "\"\u00e9\"",
                "\"\u4e2d\u6587 \"", "\"" + "x".repeat(70_000) + "\"", "\"" + "y".repeat(70_000) + " \"", "1", "true", "null",
                "{}", "[]"));
        SplittableRandom random = new SplittableRandom(5);
        char[] alphabet = {' ', '\t', 'a', '\u2003', '\u00a0', '\u3000', 'z', '\u00e9', '\u2028', '\u0085'};
        for (int n = 0; n < 2000; n++) {
            StringBuilder text = new StringBuilder("\"");
            for (int i = random.nextInt(6); i > 0; i--) {
                char c = alphabet[random.nextInt(alphabet.length)];
                text.append(c == '\t' ? "\\t" : String.valueOf(c));
            }
            values.add(text.append('"').toString());
        }
        com.fasterxml.jackson.core.JsonFactory json = new com.fasterxml.jackson.core.JsonFactory();
        for (String value : values) {
            String document = "{\"a\":" + value + "}";
            for (boolean bytes : new boolean[] {false, true}) {
                try (com.fasterxml.jackson.core.JsonParser first = bytes
                        ? json.createParser(document.getBytes(StandardCharsets.UTF_8)) : json.createParser(document);
                        com.fasterxml.jackson.core.JsonParser second = bytes
                                ? json.createParser(document.getBytes(StandardCharsets.UTF_8)) : json.createParser(document)) {
                    first.nextToken();
                    first.nextToken();
                    second.nextToken();
                    second.nextToken();
                    boolean present = StreamingAnswerReader.present(first, first.nextToken());
                    assertThat(present).as(value.length() > 40 ? value.substring(0, 40) : value)
                            .isEqualTo(FastResponseParser.text(second, second.nextToken()) != null);
                }
            }
        }
    }

    /** Responses changed at random places: wherever the streaming reader still answers, the reader agrees. */
    @Test
    void mutatedResponses_neverReadOtherwiseThanTheReaderReadsThem() throws IOException {
        StringWriter ndjson = new StringWriter();
        MixedIntakes.writeNdjson(ndjson, 200, 21);
        List<String> seeds = ndjson.toString().lines().toList();
        SplittableRandom random = new SplittableRandom(11);
        String[] swaps = {"true", "false", "0", "12", "130", "-1", "\"x\"", "null", "{}", "[]", "\"completed\"",
                "\"in-progress\"", "\"amended\"", "1.5", "\" padded\"", "\"\""};
        String[] names = {"linkId", "text", "answer", "item", "valueBoolean", "valueInteger", "valueCoding",
                "valueString", "system", "code", "display", "id", "status", "meta", "extension"};
        int streamed = 0;
        for (int n = 0; n < 4000; n++) {
            String json = seeds.get(random.nextInt(seeds.size()));
            String mutant = switch (random.nextInt(6)) {
                case 0 -> { // a value replaced
                    int at = valueStart(json, random);
                    yield json.substring(0, at) + swaps[random.nextInt(swaps.length)] + json.substring(valueEnd(json, at));
                }
                case 1 -> { // a name replaced
                    int at = json.indexOf("\":", random.nextInt(json.length()));
                    int start = at < 0 ? -1 : json.lastIndexOf('"', at - 1);
                    yield at < 0 ? json : json.substring(0, start + 1) + names[random.nextInt(names.length)]
                            + json.substring(at);
                }
                case 2 -> { // one item or answer object dropped or doubled
                    int start = json.indexOf("{\"linkId\"", random.nextInt(json.length()));
                    int end = start < 0 ? -1 : objectEnd(json, start);
                    if (start < 0) {
                        yield json;
                    }
                    String object = json.substring(start, end);
                    yield random.nextBoolean() ? json.substring(0, start) + object + "," + object + json.substring(end)
                            : json.substring(0, start) + json.substring(end).replaceFirst("^,", "");
                }
                case 3 -> { // a character dropped
                    int at = random.nextInt(json.length());
                    yield json.substring(0, at) + json.substring(at + 1);
                }
                case 4 -> json.replace("\"valueBoolean\":false", "\"valueBoolean\":true"); // every flag raised
                default -> { // an answer moved to another question
                    int at = json.indexOf("\"answer\"", random.nextInt(json.length()));
                    yield at < 0 ? json : json.replaceFirst("\"linkId\":\"[a-z-]+\",\"answer\"", "\"linkId\":\""
                            + Question.values()[random.nextInt(Question.values().length)].linkId() + "\",\"answer\"");
                }
            };
            assertSameAsReader(mutant);
            if (streaming.read(mutant) != null) {
                streamed++;
            }
        }
        assertThat(streamed).as("mutants the streaming reader still reads").isGreaterThan(100);
    }

    /** Whenever the streaming reader gives answers, the reader accepts the text with the same id and answers. */
    private IntakeReading assertSameAsReader(String json) {
        IntakeReading reading = reader.read(json);
        StreamingAnswerReader.Plain plain = streaming.read(json);
        if (plain != null) {
            assertThat(reading).as(json).isInstanceOf(IntakeReading.Accepted.class);
            IntakeReading.Accepted accepted = (IntakeReading.Accepted) reading;
            assertThat(plain.answers()).as(json).isEqualTo(accepted.answers());
            assertThat(plain.id()).as(json).isEqualTo(accepted.id());
        }
        return reading;
    }

    private static int valueStart(String json, SplittableRandom random) {
        int at = json.indexOf("\":", random.nextInt(json.length()));
        return at < 0 ? json.indexOf("\":") + 2 : at + 2;
    }

    private static int valueEnd(String json, int start) {
        char first = json.charAt(start);
        if (first == '{' || first == '[') {
            return objectEnd(json, start);
        }
        if (first == '"') {
            return json.indexOf('"', start + 1) + 1;
        }
        int end = start;
        while (end < json.length() && ",}]".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    /** The index after the object or array that starts at {@code start} (strings hold no brackets here). */
    private static int objectEnd(String json, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                inString = c != '"' || json.charAt(i - 1) == '\\';
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return json.length();
    }
}
