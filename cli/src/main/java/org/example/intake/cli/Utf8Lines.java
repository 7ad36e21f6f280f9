package org.example.intake.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast way through NDJSON: lines taken as bytes, with no decoding to characters and no
 * {@code String} per line (Jackson's UTF-8 parser reads the bytes). It only ever takes what
 * {@link RecordSplitter} would split the same way: NDJSON whose first line is a whole JSON value
 * starting with '{', and of it only lines of ASCII, or of well-formed UTF-8 starting with '{',
 * ended by '\n' (or the end), within the size limit. At the first line that is anything else (other characters, a '\r', a longer line) it hands
 * that line and the rest to a {@link RecordSplitter} in its line mode; an input that does not start
 * that way goes to a {@link RecordSplitter} whole. Either way the records are the ones the
 * splitter alone gives.
 */
final class Utf8Lines {

    /** Bytes read at once: the most it reads ahead of the line it is on. */
    private static final int CHUNK = 64 << 10;
    /** The longest line taken here (longer ones go to the splitter, which holds none of a line over the limit). */
    private static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final int maxBytes;
    private final int maxLine;
    private byte[] buffer = new byte[CHUNK];
    private int position;
    private int limit;
    private boolean ended;
    /** Null while lines are taken here; the splitter that reads the rest once handed over, and its reader. */
    private RecordSplitter rest;
    private InputStreamReader restReader;

    /**
     * @param in             the input, read from its start
     * @param maxRecordBytes the most bytes of UTF-8 one record may have; at least 1
     */
    Utf8Lines(InputStream in, int maxRecordBytes) throws IOException {
        this.in = in;
        this.maxBytes = maxRecordBytes;
        this.maxLine = Math.min(maxRecordBytes, MAX_LINE);
        int end = lineEnd();
        boolean lines = end > position && (end < limit || ended) && buffer[position] == '{' && plain(position, end)
                && RecordSplitter.isCompleteValue(new String(buffer, position, end - position, StandardCharsets.ISO_8859_1));
        if (!lines) {
            restReader = remaining();
            rest = new RecordSplitter(restReader, maxRecordBytes);
        }
    }

    /** The next record: the UTF-8 bytes of a line, or a splitter record, or null at the end of the input. */
    Object next() throws IOException {
        while (rest == null) {
            int end = lineEnd();
            if (end == position && ended && position == limit) {
                return null;
            }
            boolean terminated = end < limit || ended;
            if (!terminated || end - position > maxLine || !plain(position, end)
                    || (end < limit && buffer[end] == '\r')) {
                restReader = remaining();
                rest = RecordSplitter.lines(restReader, maxBytes);
                break;
            }
            int start = position;
            position = end < limit ? end + 1 : end;
            if (!blank(start, end)) {
                return Arrays.copyOfRange(buffer, start, end);
            }
        }
        return rest.next();
    }

    /** The index of the '\n' or '\r' ending the line at {@code position}, reading on as needed; {@code limit} at the end. */
    private int lineEnd() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = position + scanned; i < limit; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    return i;
                }
            }
            if (ended || limit - position > maxLine) {
                return limit;
            }
            scanned = limit - position;
            fill();
        }
    }

    /** Whether a record can be had without waiting for the input. */
    boolean ready() throws IOException {
        return rest == null ? position < limit || in.available() > 0 : restReader.ready();
    }

    /** Reads more after what is unscanned, moving it to the front. */
    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, limit, Math.min(CHUNK, buffer.length - limit));
        if (n < 0) {
            ended = true;
        } else {
            limit += n;
        }
    }

    /** What is left, from the current line on, as UTF-8 characters (the splitter's own reading). */
    private InputStreamReader remaining() {
        InputStream left = new SequenceInputStream(new ByteArrayInputStream(buffer, position, limit - position),
                ended ? InputStream.nullInputStream() : in);
        return new InputStreamReader(left, StandardCharsets.UTF_8);
    }

    /**
     * Whether the bytes are all ASCII, or well-formed UTF-8 from a '{' on (so not blank): what Java's
     * decoder and Jackson's read alike. A '\r' never gets here: it ends a line.
     */
    private boolean plain(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] < 0) {
                return buffer[from] == '{' && wellFormedUtf8(i, to);
            }
        }
        return true;
    }

    /** Whether the bytes are well-formed UTF-8 (Unicode's table 3-7: no overlong form, no surrogate, at most U+10FFFF). */
    private boolean wellFormedUtf8(int from, int to) {
        int i = from;
        while (i < to) {
            int b = buffer[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            if (length == 0 || i + length > to) {
                return false;
            }
            int second = buffer[i + 1] & 0xFF;
            int low = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
            int high = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if ((buffer[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }

    /** Whether the ASCII bytes are all white space as {@link Character#isWhitespace} has it. */
    private boolean blank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace((char) buffer[i])) {
                return false;
            }
        }
        return true;
    }
}
