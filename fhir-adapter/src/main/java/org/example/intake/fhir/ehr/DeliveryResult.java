package org.example.intake.fhir.ehr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;

/** What one delivery attempt to the EHR came to. The caller decides whether and when to try again. */
public sealed interface DeliveryResult {

    /**
     * The EHR processed the transaction.
     *
     * @param response the transaction-response Bundle
     */
    record Delivered(Bundle response) implements DeliveryResult {
        public Delivered {
            Objects.requireNonNull(response, "response");
        }

        /**
         * Where the EHR keeps what each entry wrote, in entry order: every transaction-response entry's
         * {@code response.location} as {@code Type/id}, without the base URL and without {@code _history/n}.
         * Entries without a location, or with one that names no {@code Type/id}, are left out, so the list may
         * be shorter than the Bundle sent; never null, unmodifiable.
         */
        public List<String> locations() {
            List<String> locations = new ArrayList<>();
            for (Bundle.BundleEntryComponent entry : response.getEntry()) {
                if (entry.hasResponse() && entry.getResponse().hasLocation()) {
                    IdType id = new IdType(entry.getResponse().getLocation());
                    if (id.hasResourceType() && id.hasIdPart()) {
                        locations.add(id.getResourceType() + "/" + id.getIdPart());
                    }
                }
            }
            return List.copyOf(locations);
        }
    }

    /**
     * The attempt failed.
     *
     * @param retryable  whether trying the same Bundle again may succeed (network trouble, 429, 502-504,
     *                   409 from a concurrent conditional create); false when only a change can help
     * @param status     the HTTP status, or 0 when no HTTP answer came (refused, reset, timed out)
     * @param reason     what happened, in words for a log or a clinician's delivery status; no patient data
     * @param outcome    the EHR's OperationOutcome, when it sent one
     * @param retryAfter how long the EHR asked to wait (Retry-After), when it did
     */
    record Failed(boolean retryable, int status, String reason, Optional<OperationOutcome> outcome,
            Optional<Duration> retryAfter) implements DeliveryResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
