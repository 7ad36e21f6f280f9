package org.example.intake.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Clock;
import java.util.Optional;

import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.Level;
import org.example.intake.fhir.Responses;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.fhir.audit.AuditActor;
import org.example.intake.web.audit.AuditTrail;
import org.example.intake.web.intake.StoredSubmission;
import org.example.intake.web.intake.SubmissionService;
import org.example.intake.web.intake.SubmitResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A decision, its audit record and its delivery job are one transaction: none is kept without the others. */
class DecisionServiceTransactionTests extends WebFormTestSupport {

    private static final AuditActor DR_TEST = new AuditActor("5c4d3b2a-0000-4000-8000-00000000d7e5", "dr-test");

    @Autowired
    SubmissionService service;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AuditTrail audit;

    @Test
    void whenQueueingADecisionsDeliveryFailsNeitherTheDecisionNorItsAuditRecordIsStored() {
        String id = service.submit(Responses.benign().set(Question.FEVER, true).json(), "alex", null)
                instanceof SubmitResult.Created created ? created.submission().id() : null;
        DecisionService failingQueue = new DecisionService(store, queueStore, deliveryStore, queued -> {
            throw new IllegalStateException("the job table is gone");
        }, new TransactionTemplate(transactions), Clock.systemUTC(), event -> { }, audit);

        assertThatIllegalStateException().isThrownBy(() -> failingQueue.review(id, DR_TEST, Optional.empty()));
        assertThatIllegalStateException().isThrownBy(() -> failingQueue.override(id, DR_TEST, Level.SOON, "reason"));

        StoredSubmission unchanged = store.find(id).orElseThrow();
        assertThat(unchanged.decision().isNone()).isTrue();
        assertThat(unchanged.revision()).isZero();
        assertThat(audit.read(id, null, 10)).isEmpty();
    }
}
