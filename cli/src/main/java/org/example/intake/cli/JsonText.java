package org.example.intake.cli;

/**
 * Writes JSON string literals by hand, for the command line's output lines: no reflection,
 * no intermediate objects, so it stays cheap on the hot path.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** The JSON string literal for {@code text}, quotes included; {@code null} gives {@code null}. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder json = new StringBuilder(text.length() + 16);
        appendQuoted(json, text);
        return json.toString();
    }

    /**
     * Appends the JSON string literal for {@code text} (quotes included), or {@code null} when
     * text is null. Escapes the quote, the backslash and every control character; escapes
     * U+2028 and U+2029 (JavaScript line terminators) and unpaired surrogates as {@code \\uXXXX},
     * so the result is valid JSON and valid UTF-8 whatever the input. Everything else is
     * copied as it is.
     */
    static void appendQuoted(StringBuilder json, String text) {
        if (text == null) {
            json.append("null");
            return;
        }
        json.append('"');
        int length = text.length();
        int copiedUpTo = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!needsEscape(text, i, c)) {
                if (Character.isHighSurrogate(c)) {
                    i++; // a valid pair: copy both halves
                }
                continue;
            }
            json.append(text, copiedUpTo, i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> json.append("\\u")
                        .append(HEX[(c >> 12) & 0xF])
                        .append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF])
                        .append(HEX[c & 0xF]);
            }
            copiedUpTo = i + 1;
        }
        json.append(text, copiedUpTo, length).append('"');
    }

    private static boolean needsEscape(String text, int index, char c) {
        if (c < 0x20 || c == '"' || c == '\\') {
            return true;
        }
        if (c < 0x2028) {
            return false;
        }
        return c == 0x2028 || c == 0x2029 || isUnpairedSurrogate(text, index);
    }

    private static boolean isUnpairedSurrogate(String text, int index) {
        char c = text.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(index + 1));
        }
        // A low surrogate reached here had no high surrogate before it (pairs are skipped whole).
        return Character.isLowSurrogate(c);
    }
}
