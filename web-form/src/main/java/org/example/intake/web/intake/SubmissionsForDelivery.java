package org.example.intake.web.intake;

import java.util.Objects;
import java.util.Optional;

import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.extract.Submission;
import org.example.intake.web.delivery.DeliverySource;

/**
 * The stored submissions as the delivery task reads them: the latest revision of each, its Bundle's
 * content built from the response as stored, its triage, and the decision the EHR is to follow
 * (a clinician's, or a newer rule set's raise).
 */
final class SubmissionsForDelivery implements DeliverySource {

    private final SubmissionStore store;
    private final IntakeReader reader;

    SubmissionsForDelivery(SubmissionStore store, IntakeReader reader) {
        this.store = Objects.requireNonNull(store, "store");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public Optional<Deliverable> latest(String submissionId) {
        return store.find(submissionId).map(stored -> new Deliverable(stored.id(), stored.revision(),
                stored.delivery(), stored.attempts(), stored.receivedAt(), () -> toSubmission(stored)));
    }

    private Submission toSubmission(StoredSubmission stored) {
        IntakeReading reading = reader.read(stored.responseJson());
        if (!(reading instanceof IntakeReading.Accepted accepted)) {
            throw new IllegalStateException("stored intake " + stored.id() + " no longer reads as valid");
        }
        return new Submission(stored.id(), accepted.response(), accepted.answers(), stored.outcome(),
                stored.receivedAt()).withDecision(stored.decisionForEhr());
    }
}
