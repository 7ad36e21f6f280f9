package org.example.intake.web.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.example.intake.fhir.Responses;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The submission and its delivery job are one transaction: neither is kept without the other. */
class IntakeServiceTransactionTests extends WebFormTestSupport {

    @Autowired
    IntakeService service;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    org.example.intake.fhir.IntakeReader reader;

    @Autowired
    org.example.intake.web.audit.AuditTrail audit;

    @Test
    void whenQueueingTheDeliveryFailsTheSubmissionIsNotStoredEither() {
        IntakeService failingQueue = new IntakeService(reader, new org.example.intake.core.triage.TriageEngine(), store,
                id -> {
                    throw new IllegalStateException("the job table is gone");
                }, new TransactionTemplate(transactions), ca.uhn.fhir.context.FhirContext.forR4Cached(),
                java.time.Clock.systemUTC(), event -> { }, audit);
        long before = store.count();

        assertThatIllegalStateException().isThrownBy(() -> failingQueue.submit(Responses.benign().json(), "alex", null));

        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void whenQueueingADecisionsDeliveryFailsNeitherTheDecisionNorItsAuditRecordIsStored() {
        String id = service.submit(Responses.benign().set(org.example.intake.core.answers.Question.FEVER, true).json(),
                "alex", null) instanceof SubmitResult.Created created ? created.submission().id() : null;
        IntakeService failingQueue = new IntakeService(reader, new org.example.intake.core.triage.TriageEngine(), store,
                queued -> {
                    throw new IllegalStateException("the job table is gone");
                }, new TransactionTemplate(transactions), ca.uhn.fhir.context.FhirContext.forR4Cached(),
                java.time.Clock.systemUTC(), event -> { }, audit);

        assertThatIllegalStateException().isThrownBy(() -> failingQueue.review(id, "dr-test", java.util.Optional.empty()));
        assertThatIllegalStateException().isThrownBy(() -> failingQueue.override(id, "dr-test",
                org.example.intake.core.triage.Level.SOON, "reason"));

        StoredSubmission unchanged = store.find(id).orElseThrow();
        assertThat(unchanged.decision().isNone()).isTrue();
        assertThat(unchanged.revision()).isZero();
        assertThat(audit.read(id, null, 10)).isEmpty();
    }

    @Test
    void aSubmissionIsStoredTogetherWithItsDeliveryJob() {
        SubmitResult result = service.submit(Responses.benign().json(), "alex", "tx-test");

        assertThat(result).isInstanceOf(SubmitResult.Created.class);
        String id = ((SubmitResult.Created) result).submission().id();
        assertThat(store.find(id)).isPresent();
    }
}
