package org.example.intake.web;

import java.io.IOException;

/**
 * Reading a request body went past the API's one size limit ({@code intake.api.max-body-bytes}): read no further. The
 * API's refusals answer it, wherever it surfaces (a converter, Jackson), with 413 and an OperationOutcome.
 */
public final class BodyTooLarge extends IOException {

    public BodyTooLarge(int maxBytes) {
        super(message(maxBytes));
    }

    /** The refusal's words for this limit. */
    public static String message(int maxBytes) {
        return "The body is over " + maxBytes + " bytes, this service's limit; it was not read.";
    }
}
