package org.example.intake.cli;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

import org.example.intake.core.triage.TriageEngine;
import org.example.intake.core.triage.TriageOutcome;
import org.example.intake.fhir.IntakeReading;
import org.hl7.fhir.r4.model.OperationOutcome;

import ca.uhn.fhir.context.FhirContext;

/**
 * Reads, triages and formats one record: the work each worker thread does. Thread-safe when
 * the reading function is (the shared {@link org.example.intake.fhir.IntakeReader} is).
 */
final class RecordTriage {

    private final Function<String, IntakeReading> reader;
    private final TriageEngine engine;
    private final FhirContext fhir;

    /**
     * @param reader reads one response's JSON text; must not throw on bad input (if it does
     *               anyway, the record becomes an error line, not a crash)
     * @param engine the shared triage engine
     * @param fhir   the shared context, used to print OperationOutcomes
     */
    RecordTriage(Function<String, IntakeReading> reader, TriageEngine engine, FhirContext fhir) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.fhir = Objects.requireNonNull(fhir, "fhir");
    }

    /** The output line of one record, as UTF-8 with its newline; never throws. */
    Line apply(String source, String json) {
        String text;
        boolean error;
        try {
            IntakeReading reading = reader.apply(json);
            if (reading instanceof IntakeReading.Accepted accepted) {
                TriageOutcome outcome = engine.triage(accepted.answers());
                text = OutputLine.triaged(source, accepted.id(), outcome);
                error = false;
            } else {
                text = OutputLine.error(source, encode(reading.outcome()));
                error = true;
            }
        } catch (RuntimeException | StackOverflowError e) {
            // Only the exception's type: its message could quote the patient's answers.
            text = OutputLine.error(source, encode(Outcomes.processingFailed(e)));
            error = true;
        }
        return new Line((text + '\n').getBytes(StandardCharsets.UTF_8), error);
    }

    /**
     * The output line of a record refused unread for being over the size limit: an error line
     * with problem code {@code too-large}.
     */
    Line tooLarge(String source, long maxRecordBytes) {
        String text = OutputLine.error(source, encode(Outcomes.tooLarge(maxRecordBytes)));
        return new Line((text + '\n').getBytes(StandardCharsets.UTF_8), true);
    }

    private String encode(OperationOutcome outcome) {
        return fhir.newJsonParser().encodeResourceToString(outcome);
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
