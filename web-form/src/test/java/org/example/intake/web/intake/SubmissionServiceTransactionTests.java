package org.example.intake.web.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import ca.uhn.fhir.context.FhirContext;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.Responses;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.delivery.DeliveryTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The submission and its delivery job are one transaction: neither is kept without the other. */
class SubmissionServiceTransactionTests extends WebFormTestSupport {

    @Autowired
    SubmissionService service;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    IntakeReader reader;

    @Autowired
    SchedulerClient scheduler;

    @Test
    void whenQueueingTheDeliveryFailsTheSubmissionIsNotStoredEither() {
        SubmissionService failingQueue = new SubmissionService(reader, new TriageEngine(), store, id -> {
            throw new IllegalStateException("the job table is gone");
        }, new TransactionTemplate(transactions), FhirContext.forR4Cached(), Clock.systemUTC(), event -> { });
        long before = store.count();

        assertThatIllegalStateException().isThrownBy(() -> failingQueue.submit(Responses.benign().json(), "alex", null));

        assertThat(store.count()).isEqualTo(before);
    }

    /**
     * Inside a caller's transaction, so that the scheduler cannot take the job before it is seen: the
     * submission and its job are both written in it, and both gone when it rolls back.
     */
    @Test
    void aSubmissionIsStoredTogetherWithItsDeliveryJob() {
        AtomicReference<String> id = new AtomicReference<>();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            SubmitResult result = service.submit(Responses.benign().json(), "alex", "tx-test");

            assertThat(result).isInstanceOf(SubmitResult.Created.class);
            id.set(((SubmitResult.Created) result).submission().id());
            assertThat(store.find(id.get())).isPresent();
            assertThat(scheduler.getScheduledExecution(job(id.get()))).isPresent();
            status.setRollbackOnly();
        });

        assertThat(store.find(id.get())).isEmpty();
        assertThat(scheduler.getScheduledExecution(job(id.get()))).isEmpty();
    }

    /** The submission's delivery job: one per submission, its instance id the submission's. */
    private static TaskInstanceId job(String submissionId) {
        return TaskInstanceId.of(DeliveryTask.TASK.getTaskName(), submissionId);
    }
}
