package org.example.intake.web.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.Responses;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.delivery.DeliveryTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
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
    JdbcTemplate jdbc;

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
            assertThat(jobs(id.get())).isEqualTo(1);
            status.setRollbackOnly();
        });

        assertThat(store.find(id.get())).isEmpty();
        assertThat(jobs(id.get())).isZero();
    }

    /**
     * The submission's delivery jobs in the plugin's scheduler table (its scheduler is not a bean): one per
     * submission, its instance id the submission's.
     */
    private int jobs(String submissionId) {
        return jdbc.queryForObject("select count(*) from intake_scheduled_tasks where task_name = ? and task_instance = ?",
                Integer.class, DeliveryTask.TASK.getTaskName(), submissionId);
    }
}
