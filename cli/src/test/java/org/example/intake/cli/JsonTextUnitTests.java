package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextUnitTests {

    @Test
    void plainTextIsOnlyWrappedInQuotes() {
        assertThat(JsonText.quote("Book an appointment within 2 weeks.")).isEqualTo("\"Book an appointment within 2 weeks.\"");
    }

    @Test
    void nullBecomesTheJsonLiteralNull() {
        assertThat(JsonText.quote(null)).isEqualTo("null");
    }

    @Test
    void emptyTextBecomesAnEmptyString() {
        assertThat(JsonText.quote("")).isEqualTo("\"\"");
    }

    @Test
    void quoteAndBackslashAreEscaped() {
        assertThat(JsonText.quote("say \"hi\" C:\\temp")).isEqualTo("\"say \\\"hi\\\" C:\\\\temp\"");
    }

    @Test
    void controlCharactersWithShortFormsUseThem() {
        assertThat(JsonText.quote("a\nb\rc\td\be\ff")).isEqualTo("\"a\\nb\\rc\\td\\be\\ff\"");
    }

    @Test
    void otherControlCharactersBecomeUnicodeEscapes() {
        assertThat(JsonText.quote("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
    }

    @Test
    void spaceAndDeleteAreNotEscaped() {
        assertThat(JsonText.quote(" \u007f")).isEqualTo("\" \u007f\"");
    }

    @Test
    void nonAsciiLettersAndEmojiAreCopiedAsTheyAre() {
        assertThat(JsonText.quote("38 °C, Zoë, 痛み, \uD83D\uDE00")).isEqualTo("\"38 °C, Zoë, 痛み, \uD83D\uDE00\"");
    }

    @Test
    void javascriptLineSeparatorsAreEscaped() {
        assertThat(JsonText.quote("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
    }

    @Test
    void unpairedSurrogatesAreEscapedSoTheOutputStaysValidUtf8() {
        assertThat(JsonText.quote("x\uD83Dy\uDE00")).isEqualTo("\"x\\ud83dy\\ude00\"");
        assertThat(JsonText.quote("end\uD83D")).isEqualTo("\"end\\ud83d\"");
    }

    @Test
    void escapesAtTheStartAndEndAreNotLost() {
        assertThat(JsonText.quote("\"middle\"")).isEqualTo("\"\\\"middle\\\"\"");
    }

    @Test
    void appendQuotedAddsToWhatIsAlreadyThere() {
        StringBuilder json = new StringBuilder("{\"a\":");

        JsonText.appendQuoted(json, "b\"c");

        assertThat(json).hasToString("{\"a\":\"b\\\"c\"");
    }
}
