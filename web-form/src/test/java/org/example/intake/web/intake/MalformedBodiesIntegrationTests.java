package org.example.intake.web.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.example.intake.core.answers.Question;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.Test;

/**
 * 10,000 mutated or malformed bodies posted to the API (deterministic from the seed): none
 * gets a 5xx, every refusal is an OperationOutcome, and the store holds exactly the accepted.
 * The bodies are made in order from the seed, then posted by a few clients at once, so that the
 * server works while a client waits (one client at a time left a core idle).
 */
class MalformedBodiesIntegrationTests extends WebFormTestSupport {

    private static final int BODIES = 10_000;
    private static final int CLIENTS = 4;
    private static final long SEED = 20261126L;

    @Test
    void noMutatedBodyGetsA5xx_everyRefusalIsAnOperationOutcome_andOnlyAcceptedOnesAreStored() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        String token = TestTokens.patient("alex");
        List<String> valid = List.of(Responses.benign().json(),
                Responses.benign().set(Question.FEVER, true).set(Question.PAIN_SEVERITY, 9).json(),
                Responses.benign1_0_0().json());
        List<String> bodies = new ArrayList<>(BODIES);
        for (int i = 0; i < BODIES; i++) {
            bodies.add(mutate(valid.get(random.nextInt(valid.size())), random));
        }
        long storedBefore = store.count();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> badRefusals = Collections.synchronizedList(new ArrayList<>());

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> posted = new ArrayList<>(BODIES);
            for (int i = 0; i < BODIES; i++) {
                int index = i;
                posted.add(clients.submit(() -> {
                    HttpResponse<String> response = postIntake(bodies.get(index), token);
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    if (response.statusCode() >= 400
                            && !response.body().contains("\"resourceType\":\"OperationOutcome\"")) {
                        badRefusals.add(response.statusCode() + " " + index);
                    }
                }));
            }
            for (Future<?> post : posted) {
                post.get(); // an exception in a client fails the test here
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(statuses.keySet()).as("statuses %s", statuses).allSatisfy(status -> assertThat(status).isLessThan(500));
        assertThat(badRefusals).as("refusals without an OperationOutcome").isEmpty();
        assertThat(store.count() - storedBefore).isEqualTo(statuses.getOrDefault(201, 0).longValue());
        assertThat(statuses.get(201)).as("some mutations keep the intake valid").isPositive();
        assertThat(statuses.get(422)).as("most are refused as invalid").isPositive();
        assertThat(statuses.get(400)).as("some are not JSON at all").isPositive();
        // Leave no deliveries running into the next test class's EHR stubs.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
                .until(() -> deliveryStore.countUndelivered() == 0);
    }

    /** One mutation of a valid body: the kinds of damage a client, a proxy or an attacker does. */
    static String mutate(String json, SplittableRandom random) {
        int at = random.nextInt(json.length());
        return switch (random.nextInt(14)) {
            case 0 -> json.substring(0, at); // truncated
            case 1 -> json.substring(0, at) + json.substring(Math.min(json.length(), at + 1 + random.nextInt(20)));
            case 2 -> json.substring(0, at) + (char) random.nextInt(32, 0x2FFF) + json.substring(at + 1);
            case 3 -> json.replaceFirst("\"valueBoolean\":(true|false)", "\"valueBoolean\":\"$1\"");
            case 4 -> json.replaceFirst("\"valueInteger\":(\\d+)", "\"valueInteger\":\"$1\"");
            case 5 -> json.replaceFirst("\"valueInteger\":(\\d+)", "\"valueInteger\":" + random.nextLong());
            case 6 -> json.replaceFirst("\"linkId\":\"[a-z-]+\"", "\"linkId\":\"" + "x".repeat(random.nextInt(1, 300)) + "\"");
            case 7 -> json.replace("QuestionnaireResponse", random.nextBoolean() ? "Patient" : "Banana");
            case 8 -> json.replaceFirst("\\{", "{\"modifierExtension\":[{\"url\":\"http://x.test/neg\",\"valueBoolean\":true}],");
            case 9 -> "[".repeat(random.nextInt(1, 5000)) + "]".repeat(random.nextInt(0, 5000));
            case 10 -> json.replaceFirst("\"status\":\"completed\"", "\"status\":\"completed\",\"status\":\"amended\"");
            case 11 -> json.replaceFirst("\\|1\\.[01]\\.0", "|" + random.nextInt(10) + "." + random.nextInt(10) + ".0");
            case 12 -> random.nextBoolean() ? "" : "null";
            default -> json; // unchanged: valid, must be accepted
        };
    }
}
