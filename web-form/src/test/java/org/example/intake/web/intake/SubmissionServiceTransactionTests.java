package org.example.intake.web.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Clock;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.Responses;
import org.example.intake.web.WebFormTestSupport;
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

    @Test
    void whenQueueingTheDeliveryFailsTheSubmissionIsNotStoredEither() {
        SubmissionService failingQueue = new SubmissionService(reader, new TriageEngine(), store, id -> {
            throw new IllegalStateException("the job table is gone");
        }, new TransactionTemplate(transactions), FhirContext.forR4Cached(), Clock.systemUTC(), event -> { });
        long before = store.count();

        assertThatIllegalStateException().isThrownBy(() -> failingQueue.submit(Responses.benign().json(), "alex", null));

        assertThat(store.count()).isEqualTo(before);
    }

    @Test
    void aSubmissionIsStoredTogetherWithItsDeliveryJob() {
        SubmitResult result = service.submit(Responses.benign().json(), "alex", "tx-test");

        assertThat(result).isInstanceOf(SubmitResult.Created.class);
        String id = ((SubmitResult.Created) result).submission().id();
        assertThat(store.find(id)).isPresent();
    }
}
