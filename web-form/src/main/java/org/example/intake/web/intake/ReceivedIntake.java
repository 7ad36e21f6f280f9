package org.example.intake.web.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.example.intake.web.FhirErrors;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * A submitted QuestionnaireResponse as received, the text the service reads once (and stores as it came when it
 * needs nothing filled in). {@link Converter} reads it: only {@code application/fhir+json} or
 * {@code application/json} (else Spring MVC refuses the body with 415). The API's one size limit is its security
 * chain's ({@code ApiBodyLimit}): past it, reading stops with {@link org.example.intake.web.BodyTooLarge} (413).
 *
 * @param json the body, UTF-8 text
 */
record ReceivedIntake(String json) {

    /** Reads a {@link ReceivedIntake} body as UTF-8 text. */
    static final class Converter extends AbstractHttpMessageConverter<ReceivedIntake> {

        Converter() {
            super(StandardCharsets.UTF_8, FhirErrors.FHIR_JSON, MediaType.APPLICATION_JSON);
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
            InputStream in = input.getBody();
            ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 ? (int) length : 16 * 1024);
            in.transferTo(out);
            return new ReceivedIntake(out.toString(StandardCharsets.UTF_8));
        }

        @Override
        protected void writeInternal(ReceivedIntake intake, HttpOutputMessage output) {
            throw new UnsupportedOperationException("a received intake is read, never written");
        }
    }
}
