package org.example.intake.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ca.uhn.fhir.rest.client.api.IGenericClient;

@ExtendWith(EhrSandboxExtension.class)
class ConditionalWriteIntegrationTests {

    private static final String RETRY_HEADER = "X-Retry-On-Version-Conflict";
    private static final int THREADS = 4;

    private final IGenericClient client;

    ConditionalWriteIntegrationTests(EhrSandbox ehr) {
        this.client = Fhir.client(ehr);
    }

    @Test
    void theSameConditionalCreateBundlePostedThreeTimes_leavesExactlyOneObservation() {
        String patientId = Fhir.unique("pat");
        String identifier = Fhir.unique("obs");
        Bundle bundle = Fhir.patientAndConditionalObservation(patientId, identifier);

        List<String> statuses = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Bundle response = client.transaction().withBundle(bundle).execute();
            BundleEntryComponent observationEntry = response.getEntry().get(1);
            statuses.add(observationEntry.getResponse().getStatus());
            locations.add(observationEntry.getResponse().getLocation().replaceAll("/_history/.*", ""));
        }

        assertThat(statuses.get(0)).startsWith("201");
        assertThat(statuses.subList(1, 3)).allSatisfy(status -> assertThat(status).startsWith("200"));
        assertThat(locations).containsOnly(locations.get(0));
        assertThat(observationsWithIdentifier(identifier)).hasSize(1);
    }

    @Test
    void theSameConditionalCreateBundlePostedFromFourThreadsAtOnceWithRetryHeader_leavesExactlyOneObservation()
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            // A few rounds, each a fresh race: one lost race is enough to show a duplicate or a 409.
            for (int round = 0; round < 5; round++) {
                String identifier = Fhir.unique("obs");
                Bundle bundle = Fhir.patientAndConditionalObservation(Fhir.unique("pat"), identifier);

                List<String> observationIds = postAtOnce(pool, bundle);

                // Every thread's transaction succeeded (no 409 reached a client) and named the same Observation ...
                assertThat(observationIds).hasSize(THREADS).containsOnly(observationIds.get(0));
                // ... which is the only one stored.
                assertThat(observationsWithIdentifier(identifier)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> postAtOnce(ExecutorService pool, Bundle bundle) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<Bundle>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Callable<Bundle> post = () -> {
                start.await(30, TimeUnit.SECONDS);
                return client.transaction().withBundle(bundle)
                        .withAdditionalHeader(RETRY_HEADER, "retry; max-retries=10")
                        .execute();
            };
            results.add(pool.submit(post));
        }
        List<String> observationIds = new ArrayList<>();
        for (Future<Bundle> result : results) {
            String location = result.get(3, TimeUnit.MINUTES).getEntry().get(1).getResponse().getLocation();
            observationIds.add(location.replaceAll("/_history/.*", ""));
        }
        return observationIds;
    }

    private List<Observation> observationsWithIdentifier(String identifier) {
        Bundle found = client.search().forResource(Observation.class)
                .where(Observation.IDENTIFIER.exactly().systemAndIdentifier(Fhir.OBSERVATION_SYSTEM, identifier))
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntry().stream().map(e -> (Observation) e.getResource()).toList();
    }
}
