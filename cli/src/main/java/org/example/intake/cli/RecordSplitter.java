package org.example.intake.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

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
 * <p>A record longer than the limit, counted in bytes of its text as UTF-8 (the line
 * terminator and the white space before a value not counted), is given as {@link TooLarge}: the
 * splitter streams past it, holding at most limit characters of it, and goes on with the next
 * record. A first line over the limit that does not complete a value is taken, with everything
 * up to the end of the value it leaves open, as one record: too large.
 *
 * <p>Reads lazily, holding one record at a time, so input of any length streams in memory
 * bounded by the limit. Not thread-safe; does not close the reader.
 */
final class RecordSplitter {

    /** The limit unless one is given: 1 MiB. */
    static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    private static final int BUFFER_SIZE = 1 << 16;
    private static final TooLarge TOO_LARGE = new TooLarge();

    private final Reader reader;
    private final int maxBytes;
    private Mode mode;
    /** Characters taken from the reader and not yet scanned: {@code buffer[position..limit)}. */
    private char[] buffer = new char[BUFFER_SIZE];
    private int position;
    private int limit;
    /** A line ended with '\r': a '\n' right after it belongs to the same line end. */
    private boolean skipLineFeed;

    /** Splits what {@code reader} gives, with the default limit of {@value #DEFAULT_MAX_RECORD_BYTES} bytes. */
    RecordSplitter(Reader reader) {
        this(reader, DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * Splits what {@code reader} gives (it need not be buffered).
     *
     * @param maxRecordBytes the most bytes of UTF-8 one record may have; at least 1
     */
    RecordSplitter(Reader reader, int maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be at least 1, not " + maxRecordBytes);
        }
        this.reader = Objects.requireNonNull(reader, "reader");
        this.maxBytes = maxRecordBytes;
    }

    /** A splitter that takes every non-blank line of {@code reader} as a record, as it does for NDJSON. */
    static RecordSplitter lines(Reader reader, int maxRecordBytes) {
        RecordSplitter splitter = new RecordSplitter(reader, maxRecordBytes);
        splitter.mode = Mode.LINES;
        return splitter;
    }

    /** The next record, or null at the end of the input. */
    Record next() throws IOException {
        if (mode == null) {
            return first();
        }
        return mode == Mode.LINES ? nextLine() : nextValue(new Scanner(), new StringBuilder(4096), false, 0);
    }

    /** One record of the input. */
    sealed interface Record permits Text, TooLarge {
    }

    /**
     * A record within the limit.
     *
     * @param json its text, not parsed (it may be malformed), never blank
     */
    record Text(String json) implements Record {
    }

    /** A record over the limit, skipped without being read into memory. */
    record TooLarge() implements Record {
    }

    /** Reads the first non-blank line and decides the layout from it. */
    private Record first() throws IOException {
        while (true) {
            Scanner scanner = new Scanner();
            StringBuilder line = new StringBuilder(4096);
            long chars = 0;
            boolean blank = true;
            boolean broken = false;
            boolean opened = false;
            boolean atStart = true;
            int c;
            while ((c = read()) >= 0 && c != '\n' && c != '\r') {
                char ch = (char) c;
                if (atStart && ch == '\uFEFF') {
                    atStart = false;
                    continue; // a byte order mark
                }
                atStart = false;
                if (!broken) {
                    opened |= scanner.accept(ch);
                    broken = scanner.depth < 0;
                }
                blank = blank && Character.isWhitespace(ch);
                if (line != null && ++chars > maxBytes) {
                    line = null; // over the limit: scan on, hold nothing
                } else if (line != null) {
                    line.append(ch);
                }
            }
            if (c == '\r') {
                skipLineFeed();
            }
            if (blank) {
                if (c < 0) {
                    mode = Mode.LINES;
                    return null;
                }
                continue;
            }
            boolean complete = broken || (scanner.depth == 0 && !scanner.inString);
            if (complete) {
                mode = Mode.LINES;
                return line == null ? TOO_LARGE : text(line.toString());
            }
            mode = Mode.VALUES;
            if (line == null) {
                // The value this line leaves open is over the limit already: skip to its end.
                return nextValue(scanner, null, opened, chars);
            }
            unread(line.append('\n'));
            return nextValue(new Scanner(), new StringBuilder(4096), false, 0);
        }
    }

    /** The next non-blank line, or null at the end. */
    private Record nextLine() throws IOException {
        while (true) {
            StringBuilder partial = null;
            String whole = null;
            long chars = 0;
            boolean over = false;
            boolean blank = true;
            boolean ended = false;
            while (!ended) {
                if (position == limit && !fill()) {
                    if (chars == 0) {
                        return null;
                    }
                    break;
                }
                int start = position;
                int end = lineEnd(buffer, start, limit);
                ended = end < limit;
                char c = ended ? buffer[end] : 0;
                position = ended ? end + 1 : end;
                if (blank) {
                    blank = isBlank(buffer, start, end);
                }
                chars += end - start;
                if (!over && chars > maxBytes) {
                    over = true; // skip the rest of the line, holding nothing
                    partial = null;
                } else if (!over) {
                    if (ended && partial == null) {
                        whole = new String(buffer, start, end - start); // the usual case: the line is in the buffer
                    } else {
                        partial = partial == null ? new StringBuilder(2 * (end - start) + 16) : partial;
                        partial.append(buffer, start, end - start);
                    }
                }
                if (ended && c == '\r') {
                    skipLineFeed();
                }
            }
            if (!blank) {
                return over ? TOO_LARGE : text(whole != null ? whole : partial.toString());
            }
            if (!ended) {
                return null; // blank to the end
            }
        }
    }

    /**
     * Reads on to the end of the current value (or of text at depth 0 that is no value).
     *
     * @param value  the record so far, or null when it is already over the limit
     * @param chars  how many characters the record has so far
     */
    private Record nextValue(Scanner scanner, StringBuilder value, boolean inValue, long chars) throws IOException {
        while (true) {
            int c = read();
            if (c < 0) {
                if (value == null) {
                    return TOO_LARGE;
                }
                String rest = value.toString().strip();
                return rest.isEmpty() ? null : text(rest);
            }
            char ch = (char) c;
            if (!inValue && chars == 0 && Character.isWhitespace(ch)) {
                continue;
            }
            chars++;
            if (value != null && chars > maxBytes) {
                value = null; // over the limit: scan on to the end of the value, holding nothing
            } else if (value != null) {
                value.append(ch);
            }
            if (scanner.accept(ch)) {
                inValue = true;
            }
            if (scanner.depth == 0 && !scanner.inString) {
                if (inValue && (ch == '}' || ch == ']')) {
                    return value == null ? TOO_LARGE : text(value.toString());
                }
                if (!inValue && (ch == '\n' || ch == '\r')) {
                    return value == null ? TOO_LARGE : text(value.toString().strip());
                }
            }
            if (scanner.depth < 0) {
                // A stray closing brace: the record is malformed; end it here and start afresh.
                return value == null ? TOO_LARGE : text(value.toString());
            }
        }
    }

    /** The record, or too large when its UTF-8 is over the limit (checked only when it could be). */
    private Record text(String text) {
        if ((long) text.length() * 3 > maxBytes && utf8Length(text) > maxBytes) {
            return TOO_LARGE;
        }
        return new Text(text);
    }

    /** Bytes of {@code text} in UTF-8 (a surrogate pair makes 4, an unpaired surrogate is counted as 2 or 3). */
    static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** The index of the first '\n' or '\r' in {@code chars[from..to)}, or {@code to}. */
    private static int lineEnd(char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return to;
    }

    private static boolean isBlank(char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++];
    }

    /** Refills the empty buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        if (buffer.length < BUFFER_SIZE) {
            buffer = new char[BUFFER_SIZE];
        }
        int n;
        do {
            n = reader.read(buffer, 0, buffer.length);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        if (n > 0 && skipLineFeed) {
            skipLineFeed = false;
            if (buffer[0] == '\n') {
                position = 1;
                return position < limit || fill();
            }
        }
        return n > 0;
    }

    /** After a '\r': drops the '\n' of a "\r\n", now or when the buffer is next filled. */
    private void skipLineFeed() {
        if (position < limit) {
            if (buffer[position] == '\n') {
                position++;
            }
        } else {
            skipLineFeed = true;
        }
    }

    /** Puts text back in front of what is still to be scanned. */
    private void unread(CharSequence text) {
        char[] joined = new char[text.length() + limit - position];
        for (int i = 0; i < text.length(); i++) {
            joined[i] = text.charAt(i);
        }
        System.arraycopy(buffer, position, joined, text.length(), limit - position);
        buffer = joined;
        position = 0;
        limit = joined.length;
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
