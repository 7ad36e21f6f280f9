package org.example.intake.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.core.triage.TriageOutcome;

/**
 * The one-line JSON objects {@code intake triage} prints, written by hand in the key order of
 * the README's "Command line" (a contract): {@code source, id, level, rules, ruleSet, advice} for a
 * triaged response, {@code source, error} for a refused one. Lines carry no newline.
 */
final class OutputLine {

    private OutputLine() {
    }

    /** The quoted JSON text of every piece of advice, rule id and level in UTF-8, made once: the hot path copies them. */
    private static final byte[][] ADVICE = quotedUtf8(Advice.values(), Advice::text);
    private static final byte[][] RULES = quotedUtf8(RedFlagRule.values(), RedFlagRule::id);
    private static final byte[][] LEVELS = quotedUtf8(Level.values(), Level::name);
    /** Each thread's line buffer, reused: a line is copied out of it, so a line costs one array of its own size. */
    private static final ThreadLocal<Utf8> BUFFER = ThreadLocal.withInitial(() -> new Utf8(2048));

    /**
     * The line for a triaged response.
     *
     * @param source  where the response came from, {@code <file>#<index>}; never null
     * @param id      the response's logical id, or null when it has none (printed as JSON null)
     * @param outcome the triage outcome; never null
     */
    static String triaged(String source, String id, TriageOutcome outcome) {
        byte[] line = triagedUtf8(source, id, outcome);
        return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
    }

    /** {@link #triaged} in UTF-8, with its newline: what {@code intake triage} writes. */
    static byte[] triagedUtf8(String source, String id, TriageOutcome outcome) {
        Utf8 line = BUFFER.get().clear();
        line.ascii("{\"source\":").quoted(source).ascii(",\"id\":").quoted(id).ascii(",\"level\":")
                .bytes(LEVELS[outcome.level().ordinal()]).ascii(",\"rules\":[");
        List<RedFlagRule> rules = outcome.firedRules();
        for (int i = 0; i < rules.size(); i++) {
            if (i > 0) {
                line.ascii(",");
            }
            line.bytes(RULES[rules.get(i).ordinal()]);
        }
        line.ascii("],\"ruleSet\":").quoted(outcome.ruleSetVersion()).ascii(",\"advice\":[");
        List<Advice> advice = outcome.advice();
        for (int i = 0; i < advice.size(); i++) {
            if (i > 0) {
                line.ascii(",");
            }
            line.bytes(ADVICE[advice.get(i).ordinal()]);
        }
        return line.ascii("]}\n").toArray();
    }

    private static <E> byte[][] quotedUtf8(E[] values, Function<E, String> text) {
        byte[][] quoted = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            quoted[i] = JsonText.quote(text.apply(values[i])).getBytes(StandardCharsets.UTF_8);
        }
        return quoted;
    }

    /**
     * A line being written as UTF-8. Quoted text is valid UTF-16 ({@link JsonText} escapes unpaired
     * surrogates), so encoding it piece by piece gives the bytes of encoding the whole line.
     */
    private static final class Utf8 {
        private byte[] bytes;
        private int length;

        Utf8(int capacity) {
            bytes = new byte[capacity];
        }

        Utf8 clear() {
            length = 0;
            return this;
        }

        Utf8 bytes(byte[] more) {
            if (length + more.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more.length));
            }
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
            return this;
        }

        /** Text known to be ASCII (a constant of this class). */
        Utf8 ascii(String text) {
            return bytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        Utf8 quoted(String text) {
            return bytes(JsonText.quote(text).getBytes(StandardCharsets.UTF_8));
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, length);
        }
    }

    /**
     * The line for a response that was refused.
     *
     * @param source           where the response came from; never null
     * @param operationOutcome the OperationOutcome as compact JSON (one line), inserted as it is
     */
    static String error(String source, String operationOutcome) {
        StringBuilder line = new StringBuilder(operationOutcome.length() + source.length() + 24);
        line.append("{\"source\":");
        JsonText.appendQuoted(line, source);
        return line.append(",\"error\":").append(operationOutcome).append('}').toString();
    }
}
