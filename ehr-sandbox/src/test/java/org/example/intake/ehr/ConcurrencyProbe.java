package org.example.intake.ehr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * Posts the same conditional-create bundle from 4 threads at once, many rounds, with and without
 * {@code X-Retry-On-Version-Conflict}, and prints what the clients got and whether any duplicate was
 * stored. Not a test: figures only.
 *
 * <pre>
 * ./mvnw -q -pl ehr-sandbox exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.example.intake.ehr.ConcurrencyProbe -Dexec.args="http://localhost:8090/fhir 50"
 * </pre>
 */
public final class ConcurrencyProbe {

    private static final int THREADS = 4;

    private ConcurrencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        EhrSandbox ehr = args.length > 0 && args[0].startsWith("http")
                ? EhrSandboxServer.connect(args[0]) : EhrSandboxServer.startThrowaway();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        IGenericClient client = Fhir.client(ehr);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (boolean retry : new boolean[] {false, true}) {
                Map<String, Integer> outcomes = new TreeMap<>();
                int duplicated = 0;
                for (int round = 0; round < rounds; round++) {
                    String identifier = Fhir.unique("race");
                    Bundle bundle = Fhir.patientAndConditionalObservation(Fhir.unique("race-pat"), identifier);
                    CyclicBarrier start = new CyclicBarrier(THREADS);
                    List<Future<String>> results = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        Callable<String> post = () -> {
                            start.await(30, TimeUnit.SECONDS);
                            var tx = client.transaction().withBundle(bundle);
                            if (retry) {
                                tx = tx.withAdditionalHeader("X-Retry-On-Version-Conflict", "retry; max-retries=10");
                            }
                            try {
                                return tx.execute().getEntry().get(1).getResponse().getStatus();
                            } catch (BaseServerResponseException e) {
                                var code = java.util.regex.Pattern.compile("HAPI-\\d+").matcher(String.valueOf(e.getMessage()));
                                return e.getStatusCode() + (code.find() ? " " + code.group() : "");
                            }
                        };
                        results.add(pool.submit(post));
                    }
                    for (Future<String> result : results) {
                        outcomes.merge(result.get(3, TimeUnit.MINUTES), 1, Integer::sum);
                    }
                    int stored = client.search().forResource(Observation.class)
                            .where(Observation.IDENTIFIER.exactly().systemAndIdentifier(Fhir.OBSERVATION_SYSTEM,
                                    identifier))
                            .returnBundle(Bundle.class).execute().getEntry().size();
                    if (stored != 1) {
                        duplicated++;
                    }
                }
                System.out.printf("%s retry header: %d rounds x %d threads; responses %s; rounds not leaving "
                        + "exactly one Observation: %d%n", retry ? "with" : "without", rounds, THREADS, outcomes,
                        duplicated);
            }
        } finally {
            pool.shutdownNow();
        }
        ehr.close();
        System.exit(0);
    }
}
