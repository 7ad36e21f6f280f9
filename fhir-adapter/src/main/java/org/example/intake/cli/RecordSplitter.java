package org.example.intake.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Splits a stream of JSON text into records, one QuestionnaireResponse each, without parsing
 * them: parsing and validation happen later, in parallel, so a malformed record becomes an
 * error line of its own instead of stopping the rest.
 *
 * <p>The layout is decided by the first non-blank line. When that line alone is a complete
 * JSON value (brace and bracket depth back to 0 outside strings, escapes respected), the
 * input is NDJSON and every non-blank line is one record, so a malformed line breaks only
 * itself. Otherwise the whole input is read as JSON values one after another (for instance a
 * single pretty-printed response), each ending where the depth returns to 0; text found at
 * depth 0 that is not part of a value ends at its line and becomes a record of its own.
 *
 * <p>Reads lazily, holding one record at a time, so input of any length streams in constant
 * memory. Not thread-safe; does not close the reader.
 */
final class RecordSplitter {

    private final BufferedReader reader;
    private Mode mode;
    /** In {@link Mode#VALUES}: characters already taken from the reader and not yet scanned. */
    private char[] buffer = new char[0];
    private int position;
    private int limit;

    /** Splits what {@code reader} gives; buffer it or not, it is wrapped when needed. */
    RecordSplitter(Reader reader) {
        this.reader = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader, 1 << 16);
    }

    /** The next record's text, or null at the end of the input. */
    String next() throws IOException {
        if (mode == null) {
            return first();
        }
        return mode == Mode.LINES ? nextLine() : nextValue();
    }

    private String first() throws IOException {
        String line = nextLine();
        if (line == null) {
            mode = Mode.LINES;
            return null;
        }
        if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1);
        }
        if (isCompleteValue(line)) {
            mode = Mode.LINES;
            return line;
        }
        mode = Mode.VALUES;
        buffer = (line + '\n').toCharArray();
        limit = buffer.length;
        return nextValue();
    }

    /** The next non-blank line, or null at the end. */
    private String nextLine() throws IOException {
        String line;
        do {
            line = reader.readLine();
        } while (line != null && line.isBlank());
        return line;
    }

    private String nextValue() throws IOException {
        StringBuilder value = new StringBuilder(4096);
        Scanner scanner = new Scanner();
        boolean inValue = false;
        while (true) {
            int c = read();
            if (c < 0) {
                String rest = value.toString().strip();
                return rest.isEmpty() ? null : rest;
            }
            char ch = (char) c;
            if (!inValue && value.isEmpty() && Character.isWhitespace(ch)) {
                continue;
            }
            value.append(ch);
            boolean opens = scanner.accept(ch);
            if (opens) {
                inValue = true;
            }
            if (scanner.depth == 0 && !scanner.inString) {
                if (inValue && (ch == '}' || ch == ']')) {
                    return value.toString();
                }
                if (!inValue && (ch == '\n' || ch == '\r')) {
                    return value.toString().strip();
                }
            }
            if (scanner.depth < 0) {
                // A stray closing brace: the record is malformed; end it here and start afresh.
                return value.toString();
            }
        }
    }

    private int read() throws IOException {
        if (position == limit) {
            if (buffer.length < 8192) {
                buffer = new char[8192];
            }
            limit = reader.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }

    /** Whether the line holds a complete value: depth back to 0 outside a string. */
    static boolean isCompleteValue(String line) {
        Scanner scanner = new Scanner();
        for (int i = 0; i < line.length(); i++) {
            scanner.accept(line.charAt(i));
            if (scanner.depth < 0) {
                return true; // malformed, and no later line can complete it
            }
        }
        return scanner.depth == 0 && !scanner.inString;
    }

    private enum Mode {
        LINES, VALUES
    }

    /** Tracks brace and bracket depth outside JSON strings. */
    private static final class Scanner {
        int depth;
        boolean inString;
        boolean escaped;

        /** Takes one character; true when it opened an object or array. */
        boolean accept(char c) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                return false;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    depth++;
                    return true;
                }
                case '}', ']' -> depth--;
                default -> {
                }
            }
            return false;
        }
    }
}
