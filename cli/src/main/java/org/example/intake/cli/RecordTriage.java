package org.example.intake.cli;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.StreamingAnswerReader;
import org.hl7.fhir.r4.model.OperationOutcome;

import ca.uhn.fhir.context.FhirContext;

/**
 * Reads, triages and formats one record: the work each worker thread does. Thread-safe when
 * the reading function is (the shared {@link org.example.intake.fhir.IntakeReader} is).
 */
final class RecordTriage {

    private final Function<String, IntakeReading> reader;
    private final Function<String, StreamingAnswerReader.Reading> plain;
    private final Function<byte[], StreamingAnswerReader.Reading> plainUtf8;
    private final TriageEngine engine;
    private final Supplier<FhirContext> fhir;

    /** With {@code reader} alone reading every record. */
    RecordTriage(Function<String, IntakeReading> reader, TriageEngine engine, FhirContext fhir) {
        this(reader, json -> null, utf8 -> null, engine, () -> fhir);
    }

    /**
     * @param reader reads one response's JSON text; must not throw on bad input (if it does
     *               anyway, the record becomes an error line, not a crash)
     * @param plain  reads a plain response straight to the id and answers {@code reader} would give, or a common
     *               refusal straight to the outcome {@code reader} would give, or gives null to leave it to
     *               {@code reader}
     * @param plainUtf8 the same for a record given as well-formed UTF-8
     * @param engine the shared triage engine
     * @param fhir   the shared context, used to print an OperationOutcome {@link OutcomeJson} does not write (got
     *               only then)
     */
    RecordTriage(Function<String, IntakeReading> reader, Function<String, StreamingAnswerReader.Reading> plain,
            Function<byte[], StreamingAnswerReader.Reading> plainUtf8, TriageEngine engine, Supplier<FhirContext> fhir) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.plain = Objects.requireNonNull(plain, "plain");
        this.plainUtf8 = Objects.requireNonNull(plainUtf8, "plainUtf8");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.fhir = Objects.requireNonNull(fhir, "fhir");
    }

    /** The output line of one record, as UTF-8 with its newline; never throws. */
    Line apply(String source, String json) {
        OperationOutcome refusal;
        try {
            StreamingAnswerReader.Reading streamed = plain.apply(json);
            if (streamed instanceof StreamingAnswerReader.Plain read) {
                return new Line(OutputLine.triagedUtf8(source, read.id(), engine.triage(read.answers())), false);
            }
            IntakeReading reading = streamed instanceof StreamingAnswerReader.Refused refused
                    ? new IntakeReading.Rejected(refused.outcome()) : reader.apply(json);
            if (reading instanceof IntakeReading.Accepted accepted) {
                return new Line(OutputLine.triagedUtf8(source, accepted.id(), engine.triage(accepted.answers())), false);
            }
            refusal = reading.outcome();
        } catch (RuntimeException | StackOverflowError e) {
            // Only the exception's type: its message could quote the patient's answers.
            refusal = Outcomes.processingFailed(e);
        }
        return error(source, refusal);
    }

    /**
     * The output line of a record given as the well-formed UTF-8 bytes of a line: read straight from the bytes
     * when the streaming reader takes it, else as {@link #apply(String, String)} reads its text.
     */
    Line apply(String source, byte[] ascii) {
        StreamingAnswerReader.Reading streamed;
        try {
            // A record starts {" (so Jackson never takes the bytes for UTF-16 or UTF-32).
            streamed = ascii.length > 1 && ascii[0] == '{' && ascii[1] == '"' ? plainUtf8.apply(ascii) : null;
        } catch (RuntimeException | StackOverflowError e) {
            streamed = null; // the text's path says what went wrong
        }
        if (streamed == null) {
            return apply(source, new String(ascii, StandardCharsets.UTF_8));
        }
        try {
            return streamed instanceof StreamingAnswerReader.Plain read
                    ? new Line(OutputLine.triagedUtf8(source, read.id(), engine.triage(read.answers())), false)
                    : error(source, ((StreamingAnswerReader.Refused) streamed).outcome());
        } catch (RuntimeException | StackOverflowError e) {
            return error(source, Outcomes.processingFailed(e));
        }
    }

    /**
     * The output line of a record refused unread for being over the size limit: an error line
     * with problem code {@code too-large}.
     */
    Line tooLarge(String source, long maxRecordBytes) {
        return error(source, Outcomes.tooLarge(maxRecordBytes));
    }

    private Line error(String source, OperationOutcome outcome) {
        String text = OutputLine.error(source, encode(outcome));
        return new Line((text + '\n').getBytes(StandardCharsets.UTF_8), true);
    }

    private String encode(OperationOutcome outcome) {
        String json = OutcomeJson.encode(outcome);
        return json != null ? json : fhir.get().newJsonParser().encodeResourceToString(outcome);
    }

    /**
     * One output line.
     *
     * @param utf8  the line in UTF-8, newline included
     * @param error whether the record was refused (the command then exits 1)
     */
    record Line(byte[] utf8, boolean error) {
    }
}
