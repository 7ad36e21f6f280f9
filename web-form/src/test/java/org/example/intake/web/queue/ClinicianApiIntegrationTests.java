package org.example.intake.web.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.delivery.DeliveryState;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The clinicians' API over HTTP with signed tokens: the queue's order and
 * filters, review and override through durable delivery to the (WireMock) EHR, the audit trail,
 * and every security rule both ways.
 */
// the same context as the clinicians' page tests
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:clinician-${random.uuid};DB_CLOSE_DELAY=-1",
        "intake.queue.page-size=500", "intake.audit.export-interval=200ms" })
class ClinicianApiIntegrationTests extends WebFormTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Autowired
    JdbcTemplate jdbc;

    private String submit(Responses response, String patient) {
        HttpResponse<String> created = postIntake(response.json().replace("Patient/alex", "Patient/" + patient), TestTokens.patient(patient));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> call(String method, String path, String body, String token) {
        HttpRequest.Builder request = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private List<String> queueIds(String query, List<String> only) {
        HttpResponse<String> page = call("GET", "/api/queue" + query, null, TestTokens.clinician());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(page).get("items").forEach(item -> {
            if (only.contains(item.get("id").asText())) {
                ids.add(item.get("id").asText());
            }
        });
        return ids;
    }

    private void awaitDelivered(String id) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(store.find(id).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED));
    }

    private static List<String> bundlesAbout(String id) {
        return EHR_AND_ISSUER.findAll(postRequestedFor(urlEqualTo("/fhir")).withRequestBody(containing(id))).stream()
                .map(LoggedRequest::getBodyAsString).filter(body -> body.contains("\"resourceType\":\"QuestionnaireResponse\"")).toList();
    }

    @Test
    void theQueueListsUnreviewedFirstThenEmergencyFirstThenOldestFirstWithTheContractKeys() {
        String selfCare = submit(Responses.benign(), "q-1");
        String emergencyOld = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "q-2");
        String urgent = submit(Responses.benign().set(Question.FEVER, true), "q-3");
        String emergencyNew = submit(Responses.benign().set(Question.BLADDER_CHANGE, true), "q-4");
        List<String> mine = List.of(selfCare, emergencyOld, urgent, emergencyNew);

        assertThat(queueIds("", mine)).containsExactly(emergencyOld, emergencyNew, urgent, selfCare);
        JsonNode item = itemOf(emergencyOld);
        assertThat(item.get("level").asText()).isEqualTo("EMERGENCY");
        assertThat(item.get("rules").get(0).asText()).isEqualTo("CES-SADDLE");
        assertThat(item.get("receivedAt").asText()).isNotBlank();
        assertThat(item.get("delivery").asText()).isIn("PENDING", "RETRYING", "DELIVERED");
        assertThat(item.get("reviewed").asBoolean()).isFalse();

        assertThat(call("POST", "/api/intakes/" + emergencyOld + "/review", "{}", TestTokens.clinician()).statusCode())
                .isEqualTo(200);
        assertThat(queueIds("", mine)).containsExactly(emergencyNew, urgent, selfCare, emergencyOld);
        assertThat(itemOf(emergencyOld).get("reviewed").asBoolean()).isTrue();
        assertThat(queueIds("?level=EMERGENCY", mine)).containsExactly(emergencyNew, emergencyOld);
        assertThat(queueIds("?level=urgent", mine)).containsExactly(urgent);
    }

    private JsonNode itemOf(String id) {
        for (JsonNode item : json(call("GET", "/api/queue", null, TestTokens.clinician())).get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("not in the queue: " + id);
    }

    @Test
    void pagesFollowOneAnotherWithoutOverlapAndBadFiltersAreOperationOutcomes() {
        for (int i = 0; i < 3; i++) {
            submit(Responses.benign(), "p-" + i);
        }
        JsonNode first = json(call("GET", "/api/queue?page=1", null, TestTokens.clinician()));
        assertThat(first.get("page").asInt()).isEqualTo(1);
        int total = first.get("items").size();
        assertThat(total).isGreaterThanOrEqualTo(3);
        JsonNode beyond = json(call("GET", "/api/queue?page=1000", null, TestTokens.clinician()));
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.has("next")).isFalse();

        for (String query : List.of("?level=PANIC", "?page=0", "?page=x", "?delivery=LOST")) {
            HttpResponse<String> refused = call("GET", "/api/queue" + query, null, TestTokens.clinician());
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(json(refused).get("resourceType").asText()).isEqualTo("OperationOutcome");
        }
    }

    @Test
    void pagesByKeyWalkTheQueueInTheSameOrderAsOffsetsForwardAndBack() {
        for (int i = 0; i < 4; i++) {
            submit(Responses.benign().set(Question.FEVER, true), "k-" + i);
            submit(Responses.benign(), "k-s-" + i);
        }
        var filter = org.example.intake.web.queue.QueueFilter.ALL;
        List<String> all = queueStore.queue(filter, 0, 10_000).stream().map(item -> item.id()).toList();
        assertThat(all.size()).isGreaterThanOrEqualTo(8);

        List<String> forward = new ArrayList<>();
        org.example.intake.web.queue.QueueKey after = null;
        while (true) {
            var page = queueStore.queue(filter, after, null, 0, 3);
            page.forEach(item -> forward.add(item.id()));
            if (page.size() < 3) {
                break;
            }
            after = org.example.intake.web.queue.QueueKey.of(page.get(page.size() - 1));
        }
        assertThat(forward).isEqualTo(all);

        var last = queueStore.queue(filter, all.size() - 1, 1).get(0);
        List<String> backward = new ArrayList<>(List.of(last.id()));
        org.example.intake.web.queue.QueueKey before = org.example.intake.web.queue.QueueKey.of(last);
        while (true) {
            var page = queueStore.queue(filter, null, before, 0, 3);
            for (int i = page.size() - 1; i >= 0; i--) {
                backward.add(0, page.get(i).id());
            }
            if (page.size() < 3) {
                break;
            }
            before = org.example.intake.web.queue.QueueKey.of(page.get(0));
        }
        assertThat(backward).isEqualTo(all);

        String cursor = org.example.intake.web.queue.QueueKey.of(queueStore.queue(filter, 2, 1).get(0)).cursor();
        JsonNode third = json(call("GET", "/api/queue?page=2&after=" + cursor, null, TestTokens.clinician()));
        assertThat(third.get("items").get(0).get("id").asText()).isEqualTo(all.get(3));
        assertThat(third.get("previous").asText()).contains("before=");
        assertThat(call("GET", "/api/queue?after=not-a-cursor", null, TestTokens.clinician()).statusCode())
                .isEqualTo(400);
    }

    @Test
    void reviewMakesTheFlagInactiveInTheEhrThroughDeliveryAndASecondReviewIsAConflict() {
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "r-1");
        awaitDelivered(id);

        HttpResponse<String> reviewed = call("POST", "/api/intakes/" + id + "/review", "{\"note\":\"Seen in ED\"}",
                TestTokens.clinician("dr-who"));

        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        JsonNode body = json(reviewed);
        assertThat(body.get("reviewed").asBoolean()).isTrue();
        assertThat(body.at("/review/by").asText()).isEqualTo("dr-who");
        assertThat(body.at("/review/note").asText()).isEqualTo("Seen in ED");
        assertThat(body.get("delivery").asText()).isIn("PENDING", "DELIVERED");
        awaitDelivered(id);
        List<String> sent = bundlesAbout(id);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).contains("\"method\":\"PUT\"", "Flag?identifier=", "\"status\":\"inactive\"");
        assertThat(sent.get(0)).doesNotContain("\"status\":\"inactive\"");

        HttpResponse<String> again = call("POST", "/api/intakes/" + id + "/review", "{}", TestTokens.clinician());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void overrideChangesTheReferralInTheEhrAndKeepsTheTriagesVerdictBesideIt() {
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "o-1");
        awaitDelivered(id);

        HttpResponse<String> overridden = call("POST", "/api/intakes/" + id + "/override",
                "{\"level\":\"URGENT\",\"reason\":\"Numbness explained by a known neuropathy\"}",
                TestTokens.clinician("dr-who"));

        assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(200);
        JsonNode body = json(overridden);
        assertThat(body.get("level").asText()).isEqualTo("URGENT");
        assertThat(body.get("triageLevel").asText()).isEqualTo("EMERGENCY");
        assertThat(body.at("/override/reason").asText()).isEqualTo("Numbness explained by a known neuropathy");
        assertThat(body.at("/override/by").asText()).isEqualTo("dr-who");
        assertThat(body.get("rules").get(0).asText()).isEqualTo("CES-SADDLE");
        awaitDelivered(id);
        String last = bundlesAbout(id).get(1);
        assertThat(last).contains("ServiceRequest?identifier=", "\"priority\":\"urgent\"", "\"code\":\"URGENT\"");

        // The patient still reads the verdict they were given; the clinician reads the one that counts.
        assertThat(json(getIntake(id, TestTokens.patient("o-1"))).get("level").asText()).isEqualTo("EMERGENCY");
        assertThat(json(getIntake(id, TestTokens.patient("o-1"))).has("override")).isFalse();
        assertThat(json(getIntake(id, TestTokens.clinician())).get("level").asText()).isEqualTo("URGENT");
        assertThat(itemOf(id).get("level").asText()).isEqualTo("URGENT");
    }

    @Test
    void anOverrideToALessUrgentLevelKeepsTheWindowFromReceipt() {
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "w-1");
        awaitDelivered(id);
        receivedHoursAgo(id, 3);

        HttpResponse<String> overridden = call("POST", "/api/intakes/" + id + "/override",
                "{\"level\":\"SOON\",\"reason\":\"Long-standing numbness, examined in clinic\"}",
                TestTokens.clinician());

        assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(200);
        awaitDelivered(id);
        JsonNode item = itemOf(id);
        Instant received = Instant.parse(item.get("receivedAt").asText()).truncatedTo(ChronoUnit.SECONDS);
        Instant dueBy = Instant.parse(item.get("dueBy").asText());
        assertThat(item.get("level").asText()).isEqualTo("SOON");
        assertThat(dueBy).isEqualTo(received.plus(Duration.ofDays(14)));
        Period sent = referralWindowSentToTheEhr(id);
        assertThat(sent.getStart().toInstant()).isEqualTo(received);
        assertThat(sent.getEnd().toInstant()).isEqualTo(dueBy);
    }

    @Test
    void anOverrideToAMoreUrgentLevelStartsTheWindowAtTheOverride() {
        String id = submit(Responses.benign().set(Question.PATTERN, "worsening"), "w-2");
        awaitDelivered(id);
        receivedHoursAgo(id, 3);
        assertThat(itemOf(id).get("level").asText()).isEqualTo("SOON");

        HttpResponse<String> overridden = call("POST", "/api/intakes/" + id + "/override",
                "{\"level\":\"URGENT\",\"reason\":\"Pain much worse on the phone today\"}", TestTokens.clinician());

        assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(200);
        awaitDelivered(id);
        Instant overriddenAt = store.find(id).orElseThrow().decision().override().orElseThrow().at()
                .truncatedTo(ChronoUnit.SECONDS);
        JsonNode item = itemOf(id);
        Instant received = Instant.parse(item.get("receivedAt").asText()).truncatedTo(ChronoUnit.SECONDS);
        Instant dueBy = Instant.parse(item.get("dueBy").asText());
        assertThat(dueBy).isEqualTo(overriddenAt.plus(Duration.ofHours(24)))
                .isAfter(received.plus(Duration.ofHours(24)));
        Period sent = referralWindowSentToTheEhr(id);
        assertThat(sent.getStart().toInstant()).isEqualTo(overriddenAt);
        assertThat(sent.getEnd().toInstant()).isEqualTo(dueBy);
    }

    @Test
    void aLaterOverrideIsJudgedAgainstTheLevelItReplacedNotTheTriages() {
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "w-3");
        receivedHoursAgo(id, 3);
        assertThat(call("POST", "/api/intakes/" + id + "/override",
                "{\"level\":\"SOON\",\"reason\":\"Long-standing numbness\"}", TestTokens.clinician()).statusCode())
                .isEqualTo(200);

        // EMERGENCY, then SOON, then URGENT: raised from SOON, so due 24 hours after this override.
        assertThat(call("POST", "/api/intakes/" + id + "/override",
                "{\"level\":\"URGENT\",\"reason\":\"Worse on the phone\"}", TestTokens.clinician()).statusCode())
                .isEqualTo(200);

        var override = store.find(id).orElseThrow().decision().override().orElseThrow();
        assertThat(override.replaced()).contains(org.example.intake.core.triage.Level.SOON);
        assertThat(Instant.parse(itemOf(id).get("dueBy").asText()))
                .isEqualTo(override.at().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(24)));
        awaitDelivered(id);
        assertThat(referralWindowSentToTheEhr(id).getStart().toInstant())
                .isEqualTo(override.at().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Moves the intake's receipt this many hours back, so that a window from receipt and one from now differ. */
    private void receivedHoursAgo(String id, int hours) {
        jdbc.update("update intake_submission set received_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofHours(hours))), id);
    }

    /** The occurrencePeriod of the ServiceRequest in the last Bundle the (WireMock) EHR received for the intake. */
    private static Period referralWindowSentToTheEhr(String id) {
        List<String> sent = bundlesAbout(id);
        Bundle last = FHIR.newJsonParser().parseResource(Bundle.class, sent.get(sent.size() - 1));
        return last.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(ServiceRequest.class::isInstance).map(ServiceRequest.class::cast)
                .findFirst().orElseThrow().getOccurrencePeriod();
    }

    @Test
    void anOverrideNeedsAKnownLevelAndAReasonAndAChange() {
        String id = submit(Responses.benign().set(Question.FEVER, true), "o-2");
        String token = TestTokens.clinician();
        assertThat(call("POST", "/api/intakes/" + id + "/override", "{\"level\":\"SOON\"}", token).statusCode())
                .isEqualTo(422);
        assertThat(call("POST", "/api/intakes/" + id + "/override", "{\"level\":\"SOON\",\"reason\":\"  \"}", token)
                .statusCode()).isEqualTo(422);
        assertThat(call("POST", "/api/intakes/" + id + "/override", "{\"level\":\"LATER\",\"reason\":\"x\"}", token)
                .statusCode()).isEqualTo(422);
        assertThat(call("POST", "/api/intakes/" + id + "/override", "{\"reason\":\"x\"}", token).statusCode())
                .isEqualTo(422);
        assertThat(call("POST", "/api/intakes/" + id + "/override", "{\"level\":\"URGENT\",\"reason\":\"x\"}", token)
                .statusCode()).isEqualTo(409);
        assertThat(call("POST", "/api/intakes/" + id + "/override", "not json", token).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/intakes/" + id + "/override", "[1]", token).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/intakes/" + id + "/review", "{\"note\":7}", token).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/intakes/no-such-intake/review", "{}", token).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/intakes/no-such-intake/override", "{\"level\":\"SOON\",\"reason\":\"x\"}",
                token).statusCode()).isEqualTo(404);
        assertThat(store.find(id).orElseThrow().decision().isNone()).isTrue();
    }

    @Test
    void decisionBodiesOverTheLimitAre413_withOrWithoutTheirLength_nothingDecided() {
        String id = submit(Responses.benign().set(Question.FEVER, true), "b-1");
        String token = TestTokens.clinician();
        String hugeNote = "{\"note\":\"" + "x".repeat(70_000) + "\"}";
        String hugeReason = "{\"level\":\"SOON\",\"reason\":\"" + "x".repeat(70_000) + "\"}";

        assertThat(call("POST", "/api/intakes/" + id + "/review", hugeNote, token).statusCode()).isEqualTo(413);
        assertThat(call("POST", "/api/intakes/" + id + "/override", hugeReason, token).statusCode()).isEqualTo(413);
        byte[] chunked = hugeNote.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> streamed = send(request("/api/intakes/" + id + "/review")
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked))));
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(streamed.body()).contains("\"too-long\"");
        assertThat(store.find(id).orElseThrow().decision().isNone()).isTrue();
    }

    @Test
    void aPathIdThatIsNoSubmissionIdIs404_anOperationOutcomeThatNeverRepeatsIt() {
        String id = submit(Responses.benign(), "p-1");
        String token = TestTokens.clinician();
        String notAnId = "x%22%3E%3Cscript%3Ealert(1)";
        for (String[] call : List.of(new String[] { "GET", "/api/intakes/" + notAnId, null },
                new String[] { "POST", "/api/intakes/" + notAnId + "/review", "{}" },
                new String[] { "POST", "/api/intakes/" + notAnId + "/override", "{\"level\":\"SOON\",\"reason\":\"x\"}" },
                new String[] { "POST", "/api/intakes/" + notAnId + "/redeliver", null },
                new String[] { "GET", "/api/intakes/" + id + "x", null },
                new String[] { "GET", "/api/intakes/" + id.substring(1), null })) {
            HttpResponse<String> refused = call(call[0], call[1], call[2], token);
            assertThat(refused.statusCode()).as(call[1]).isEqualTo(404);
            assertThat(refused.body()).as(call[1]).contains("\"not-found\"").doesNotContain("script")
                    .doesNotContain(id);
        }
        HttpResponse<String> upperCase = call("GET", "/api/intakes/" + id.toUpperCase(java.util.Locale.ROOT), null, token);
        assertThat(upperCase.statusCode()).as("the same id in capitals").isEqualTo(200);
    }

    @Nested
    class Security {

        private String id;

        @org.junit.jupiter.api.BeforeEach
        void anIntake() {
            id = submit(Responses.benign().set(Question.FEVER, true), "s-1");
        }

        private List<String[]> clinicianCalls() {
            return List.of(new String[] { "GET", "/api/queue", null },
                    new String[] { "GET", "/api/queue?level=URGENT&page=1", null },
                    new String[] { "POST", "/api/intakes/" + id + "/review", "{}" },
                    new String[] { "POST", "/api/intakes/" + id + "/override", "{\"level\":\"SOON\",\"reason\":\"x\"}" },
                    new String[] { "POST", "/api/intakes/" + id + "/redeliver", null });
        }

        @Test
        void anonymousCallersAreRefusedEverywhereWith401AndAnOperationOutcome() {
            for (String[] call : clinicianCalls()) {
                HttpResponse<String> refused = call(call[0], call[1], call[2], null);
                assertThat(refused.statusCode()).as(call[1]).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                        value -> assertThat(value).startsWith("Bearer"));
                assertThat(json(refused).get("resourceType").asText()).isEqualTo("OperationOutcome");
            }
            assertThat(call("GET", "/api/audit", null, null).statusCode()).isEqualTo(401);
        }

        @Test
        void patientsAreRefusedEverywhereWith403EvenAboutTheirOwnIntake() {
            for (String[] call : clinicianCalls()) {
                HttpResponse<String> refused = call(call[0], call[1], call[2], TestTokens.patient("s-1"));
                assertThat(refused.statusCode()).as(call[1]).isEqualTo(403);
                assertThat(json(refused).get("resourceType").asText()).isEqualTo("OperationOutcome");
            }
            assertThat(call("GET", "/api/audit", null, TestTokens.patient("s-1")).statusCode()).isEqualTo(403);
            assertThat(store.find(id).orElseThrow().decision().isNone()).isTrue();
        }

        @Test
        void aClinicianCanDoWhatTheQueueNeedsButNotReadTheAuditTrail() {
            for (String[] call : clinicianCalls()) {
                HttpResponse<String> answer = call(call[0], call[1], call[2], TestTokens.clinician());
                // redeliver of a delivery that is not FAILED is a conflict, not a refusal
                assertThat(answer.statusCode()).as(call[1]).isIn(200, 202, 409);
            }
            assertThat(call("GET", "/api/audit", null, TestTokens.clinician()).statusCode()).isEqualTo(403);
            assertThat(call("GET", "/api/audit", null, TestTokens.admin()).statusCode()).isEqualTo(200);
            // an admin is not a clinician
            assertThat(call("GET", "/api/queue", null, TestTokens.admin()).statusCode()).isEqualTo(403);
        }

        @Test
        void tokensThatAreExpiredOrFromAStrangerAreRefused() {
            String expired = TestTokens.builder().roles("clinician").expiredMinutesAgo(5).sign();
            String forged = TestTokens.builder().roles("clinician").signedByAStranger().sign();
            assertThat(call("GET", "/api/queue", null, expired).statusCode()).isEqualTo(401);
            assertThat(call("GET", "/api/queue", null, forged).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void everyClinicianViewAndActionIsAuditedForAnAdminAndNeverEditable() {
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "a-1");
        assertThat(getIntake(id, TestTokens.clinician("dr-audit")).statusCode()).isEqualTo(200);
        call("POST", "/api/intakes/" + id + "/override", "{\"level\":\"URGENT\",\"reason\":\"known neuropathy\"}",
                TestTokens.clinician("dr-audit"));
        call("POST", "/api/intakes/" + id + "/review", "{}", TestTokens.clinician("dr-audit"));
        call("GET", "/api/queue", null, TestTokens.clinician("dr-audit"));

        HttpResponse<String> trail = call("GET", "/api/audit?submission=" + id, null, TestTokens.admin());
        assertThat(trail.statusCode()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        json(trail).get("items").forEach(item -> {
            actions.add(item.get("action").asText());
            assertThat(item.get("actorName").asText()).isEqualTo("dr-audit");
            assertThat(item.get("actor").asText()).as("the token's sub").matches("[0-9a-f-]{36}");
            assertThat(item.get("patientId").asText()).isEqualTo("a-1");
            assertThat(item.get("at").asText()).isNotBlank();
        });
        assertThat(actions).containsExactly("QUEUE_VIEWED", "REVIEWED", "OVERRIDDEN", "INTAKE_VIEWED");
        JsonNode all = json(call("GET", "/api/audit?limit=50", null, TestTokens.admin())).get("items");
        assertThat(all.get(0).get("action").asText()).isEqualTo("AUDIT_READ"); // reading the trail is recorded too
        assertThat(all.findValuesAsText("action")).contains("QUEUE_VIEWED");
        assertThat(call("GET", "/api/audit?limit=0", null, TestTokens.admin()).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/audit?before=yesterday", null, TestTokens.admin()).statusCode()).isEqualTo(400);

        assertThatThrownBy(() -> jdbc.update("update intake_audit set actor = 'someone else' where submission_id = ?", id))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from intake_audit where submission_id = ?", id))
                .hasMessageContaining("append-only");
    }

    @Test
    void theAuditTrailReachesTheEhrAsAuditEvents() {
        String id = submit(Responses.benign().set(Question.FEVER, true), "a-2");
        call("POST", "/api/intakes/" + id + "/review", "{}", TestTokens.clinician("dr-export"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                EHR_AND_ISSUER.findAll(postRequestedFor(urlEqualTo("/fhir"))
                        .withRequestBody(containing("\"resourceType\":\"AuditEvent\""))
                        .withRequestBody(containing("dr-export")))).isNotEmpty());
    }
}
