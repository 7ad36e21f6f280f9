package org.example.intake.web.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.example.intake.web.FhirErrors;
import org.example.intake.web.Refused;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * A submitted QuestionnaireResponse as received, the text the service reads once (and stores as it came when it
 * needs nothing filled in). {@link Converter} reads it: only {@code application/fhir+json} or
 * {@code application/json} (else Spring MVC refuses the body with 415), and never more than the plugin's limit.
 *
 * @param json the body, UTF-8 text
 */
record ReceivedIntake(String json) {

    /** Reads a {@link ReceivedIntake} body, refusing it with 413 ({@link Refused}) past {@code maxBytes}. */
    static final class Converter extends AbstractHttpMessageConverter<ReceivedIntake> {

        private final int maxBytes;

        Converter(int maxBytes) {
            super(StandardCharsets.UTF_8, FhirErrors.FHIR_JSON, MediaType.APPLICATION_JSON);
            this.maxBytes = maxBytes;
        }

        @Override
        protected boolean supports(Class<?> type) {
            return type == ReceivedIntake.class;
        }

        @Override
        public boolean canWrite(Class<?> type, MediaType mediaType) {
            return false;
        }

        @Override
        protected ReceivedIntake readInternal(Class<? extends ReceivedIntake> type, HttpInputMessage input)
                throws IOException {
            long length = input.getHeaders().getContentLength();
            if (length > maxBytes) {
                throw tooLarge();
            }
            InputStream in = input.getBody();
            ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 ? (int) length : 16 * 1024);
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(); // reading stops here
                }
                out.write(buffer, 0, n);
            }
            return new ReceivedIntake(out.toString(StandardCharsets.UTF_8));
        }

        @Override
        protected void writeInternal(ReceivedIntake intake, HttpOutputMessage output) {
            throw new UnsupportedOperationException("a received intake is read, never written");
        }

        private Refused tooLarge() {
            return new Refused(HttpStatus.PAYLOAD_TOO_LARGE, IssueType.TOOLONG,
                    "The body is over " + maxBytes + " bytes; an intake is far smaller.");
        }
    }
}
