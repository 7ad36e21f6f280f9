package org.example.intake.web.security;

import java.io.IOException;

import org.example.intake.web.BodyTooLarge;
import org.example.intake.web.FhirErrors;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one size limit on every body the plugin's API reads ({@code intake.api.max-body-bytes}), first in its security
 * chain: a request that says it is larger is refused with 413 and an OperationOutcome before anything else (the token
 * check included) reads a byte of it; one that does not say (chunked) is read through a counter that stops at the
 * limit with {@link BodyTooLarge}, which the API's refusals answer with the same 413. So no endpoint (a submission, a
 * review's note, an override's reason) ever holds more than the limit in memory.
 */
final class ApiBodyLimit extends OncePerRequestFilter {

    private final int maxBytes;
    private final FhirContext fhir;

    ApiBodyLimit(int maxBytes, FhirContext fhir) {
        this.maxBytes = maxBytes;
        this.fhir = fhir;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(FhirErrors.FHIR_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            fhir.newJsonParser().encodeResourceToWriter(
                    FhirErrors.outcome(IssueType.TOOLONG, BodyTooLarge.message(maxBytes)), response.getWriter());
            return;
        }
        chain.doFilter(new Limited(request, maxBytes), response);
    }

    /** The request, its body counted as it is read. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final int maxBytes;
        private ServletInputStream counted;

        Limited(HttpServletRequest request, int maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new Counted(super.getInputStream(), maxBytes);
            }
            return counted;
        }
    }

    private static final class Counted extends ServletInputStream {

        private final ServletInputStream body;
        private final int maxBytes;
        private long read;

        Counted(ServletInputStream body, int maxBytes) {
            this.body = body;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLarge {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
