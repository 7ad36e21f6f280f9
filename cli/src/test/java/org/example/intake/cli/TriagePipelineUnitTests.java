package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReading;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class TriagePipelineUnitTests {

    private static final int RECORDS = 200;
    private static final int RECORD_CHARS = 100_000;

    @Test
    void theReaderReadsNoFurtherAheadOfTheWorkersThanTheCharacterBudget_evenWithFewLargeRecords() {
        int budget = 300_000;
        CountingRecords input = new CountingRecords();
        AtomicLong triagedBytes = new AtomicLong();
        AtomicLong mostAhead = new AtomicLong();
        RecordTriage slowTriage = new RecordTriage(json -> {
            mostAhead.accumulateAndGet(input.read.get() - triagedBytes.get(), Math::max);
            sleep(2);
            triagedBytes.addAndGet(json.length() + 1);
            return new IntakeReading.Rejected(new OperationOutcome());
        }, new TriageEngine(), FhirContext.forR4Cached());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = new TriagePipeline(slowTriage, 2, 1 << 20, budget).run(List.of("-"), input,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(RECORDS);
        // the budget, plus a record waiting for it, one being split, and the readers' buffers
        assertThat(mostAhead.get()).isLessThanOrEqualTo(budget + 2L * RECORD_CHARS + (128 << 10));
    }

    /** NDJSON of RECORDS records of RECORD_CHARS characters each (newline included), counting the bytes read. */
    private static final class CountingRecords extends InputStream {

        private final byte[] line = ("{\"resourceType\":\"QuestionnaireResponse\",\"id\":\""
                + "x".repeat(RECORD_CHARS - 49) + "\"}\n").getBytes(StandardCharsets.US_ASCII);
        private final long total = (long) RECORDS * line.length;
        final AtomicLong read = new AtomicLong();

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            long position = read.get();
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(length, total - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = line[(int) ((position + i) % line.length)];
            }
            read.addAndGet(n);
            return n;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
