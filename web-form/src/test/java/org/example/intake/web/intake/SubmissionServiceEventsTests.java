package org.example.intake.web.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.Responses;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.delivery.DeliveryQueue;
import org.example.intake.web.intake.IntakeSubmitted.Outcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Each submission's result is published once the answer is known, without what the patient wrote. */
class SubmissionServiceEventsTests extends WebFormTestSupport {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    IntakeReader reader;

    @Autowired
    DeliveryQueue deliveries;

    private final List<Object> published = new ArrayList<>();

    private SubmissionService service(ApplicationEventPublisher events) {
        return new SubmissionService(reader, new TriageEngine(), store, deliveries,
                new TransactionTemplate(transactions), FhirContext.forR4Cached(), Clock.systemUTC(), events);
    }

    @Test
    void everyResultIsPublished_withTheLevelAndIdOfAStoredOne() {
        SubmissionService service = service(published::add);
        String fever = Responses.benign().set(Question.FEVER, true).json();

        SubmitResult created = service.submit(fever, "alex", "events-test");
        service.submit(fever, "alex", "events-test");
        service.submit(fever.replace("\"valueBoolean\":true", "\"valueBoolean\":\"yes\""), "alex", null);
        service.submit(fever, "casey", null);

        String id = ((SubmitResult.Created) created).submission().id();
        assertThat(published).containsExactly(new IntakeSubmitted(Outcome.ACCEPTED, Level.URGENT, id),
                new IntakeSubmitted(Outcome.REPEATED, Level.URGENT, id),
                new IntakeSubmitted(Outcome.INVALID, null, null),
                new IntakeSubmitted(Outcome.OTHER_PATIENT, null, null));
    }

    @Test
    void anObserverThatFailsDoesNotTurnAStoredSubmissionIntoAnError() {
        SubmissionService service = service(event -> {
            throw new IllegalStateException("a broken listener");
        });

        SubmitResult result = service.submit(Responses.benign().json(), "alex", null);

        assertThat(result).isInstanceOf(SubmitResult.Created.class);
        assertThat(store.find(((SubmitResult.Created) result).submission().id())).isPresent();
    }
}
