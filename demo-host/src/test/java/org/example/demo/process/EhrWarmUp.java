package org.example.demo.process;

import java.time.Instant;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.Responses;
import org.example.intake.fhir.extract.Submission;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;

/**
 * Posts two submissions' Bundles, one at a time, to a fresh EHR sandbox before anything posts to it
 * concurrently. On a fresh sandbox database, HAPI records each resource type the first time a
 * resource links to it, in a transaction of its own ({@code ResourceTypeCacheSvcImpl.createResourceType}),
 * that is, on a second database connection; ten concurrent first transactions hold all ten
 * connections of the sandbox's pool and wait for that second one until Hikari gives up after 30 s
 * ("Connection is not available ... total=10, active=10"). Once every type is recorded, no
 * transaction needs a second connection. One benign and one referred (URGENT) submission cover
 * every resource type a delivery writes or links to.
 */
public final class EhrWarmUp {

    private EhrWarmUp() {
    }

    /** Delivers the two Bundles with HAPI's generic client; throws if the sandbox refuses one. */
    public static void warmUp(String ehrBaseUrl) {
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        context.getRestfulClientFactory().setSocketTimeout(120_000);
        IGenericClient client = context.newRestfulGenericClient(ehrBaseUrl);
        IntakeReader reader = new IntakeReader();
        TriageEngine engine = new TriageEngine();
        SubmissionBundleBuilder builder = new SubmissionBundleBuilder();
        for (Responses intake : new Responses[] { Responses.benign(), Responses.benign().set(Question.FEVER, true) }) {
            IntakeReading.Accepted reading = (IntakeReading.Accepted) reader.read(intake.json());
            client.transaction().withBundle(builder.build(new Submission("warm-up-" + UUID.randomUUID(),
                    reading.response(), reading.answers(), engine.triage(reading.answers()), Instant.now()))).execute();
        }
    }
}
