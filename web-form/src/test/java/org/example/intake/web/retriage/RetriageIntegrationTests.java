package org.example.intake.web.retriage;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.Level;
import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditRecord;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.audit.AuditTrail;
import org.example.intake.web.delivery.DeliveryAttempt;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.intake.StoredSubmission;
import org.example.intake.web.security.IntakeUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Waiting submissions that rule set 1.1.0 triaged, re-triaged by rule set 1.2.0: stored as the
 * service stored them (real QuestionnaireResponse JSON, the 1.1.0 verdict and advice), then the
 * re-triage run as a start runs it (here called directly, so each test stores its rows first).
 */
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:retriage-${random.uuid};DB_CLOSE_DELAY=-1",
        "intake.retriage.on-start=false", "intake.queue.page-size=500" })
class RetriageIntegrationTests extends WebFormTestSupport {

    private static final List<String> SELF_CARE_ADVICE = List.of(Advice.ACT_SELF_CARE.name(), Advice.STAY_ACTIVE.name());
    private static final List<String> URGENT_ADVICE = List.of(Advice.ACT_URGENT.name(), Advice.URGENT_IF_WORSE.name());

    @Autowired
    RetriageService retriage;

    @Autowired
    AuditTrail audit;

    @Autowired
    DataSource dataSource;

    @Autowired
    MockMvc mvc;

    private final ObjectMapper json = new ObjectMapper();

    private String storeFormerlySelfCare100(String patient) {
        return StoredUnderOlderRules.insert(JdbcClient.create(dataSource), patient,
                StoredUnderOlderRules.selfCare100(patient), Level.SELF_CARE, List.of(), SELF_CARE_ADVICE, false);
    }

    private String storeLonePastCancer(String patient) {
        return StoredUnderOlderRules.insert(JdbcClient.create(dataSource), patient,
                StoredUnderOlderRules.lonePastCancerAfterAStrain(patient), Level.URGENT, List.of("MAL-HISTORY"),
                URGENT_ADVICE, false);
    }

    private JsonNode queueItem(String query, String id) throws Exception {
        HttpResponse<String> page = send(request("/api/queue" + query)
                .header("Authorization", "Bearer " + TestTokens.clinician("dr-retriage")).GET());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return StreamSupport.stream(json.readTree(page.body()).get("items").spliterator(), false)
                .filter(item -> item.get("id").asText().equals(id)).findFirst().orElse(null);
    }

    private static List<String> bundlesAbout(String id) {
        return EHR_AND_ISSUER.findAll(postRequestedFor(urlEqualTo("/fhir")).withRequestBody(containing(id))).stream()
                .map(LoggedRequest::getBodyAsString)
                .filter(body -> body.contains("\"resourceType\":\"QuestionnaireResponse\"")).toList();
    }

    private List<AuditRecord> retriageRecords(String id) {
        return audit.read(id, null, 100).stream().filter(r -> r.action() == AuditAction.RETRIAGED).toList();
    }

    @Test
    void aFormerlySelfCare100ResponseIsRaisedToUrgentAndTheEhrFollows() throws Exception {
        String id = storeFormerlySelfCare100("rt-raised");

        RetriageProgress.Summary summary = retriage.run();

        assertThat(summary.raised()).isPositive();
        StoredSubmission stored = store.find(id).orElseThrow();
        assertThat(stored.level()).isEqualTo(Level.SELF_CARE);
        assertThat(stored.outcome().ruleSetVersion()).isEqualTo("1.1.0");
        assertThat(stored.retriage()).hasValueSatisfying(r -> {
            assertThat(r.level()).isEqualTo(Level.URGENT);
            assertThat(r.ruleIds()).contains("FORM-INCOMPLETE");
            assertThat(r.ruleSet()).isEqualTo("1.2.0");
        });
        assertThat(stored.currentLevel()).isEqualTo(Level.URGENT);
        assertThat(stored.revision()).isEqualTo(1);

        JsonNode item = queueItem("?level=URGENT", id);
        assertThat(item).as("in the queue at URGENT").isNotNull();
        assertThat(item.fieldNames()).toIterable().contains("id", "level", "rules", "receivedAt", "delivery", "reviewed");
        assertThat(item.get("level").asText()).isEqualTo("URGENT");
        assertThat(item.get("triageLevel").asText()).isEqualTo("SELF_CARE");
        assertThat(item.get("retriage").get("level").asText()).isEqualTo("URGENT");
        assertThat(item.get("retriage").get("ruleSet").asText()).isEqualTo("1.2.0");
        assertThat(item.get("retriage").get("raised").asBoolean()).isTrue();
        assertThat(item.get("retriage").get("summary").asText()).isEqualTo("Raised to URGENT by rule set 1.2.0");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(store.find(id).orElseThrow().delivery()).isEqualTo(DeliveryState.DELIVERED));
        List<String> sent = bundlesAbout(id);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).contains("\"resourceType\":\"Flag\"", "\"resourceType\":\"ServiceRequest\"",
                "\"priority\":\"urgent\"", "raised by rule set 1.2.0", "Triage level raised by a newer red-flag rule set",
                "FORM-INCOMPLETE");
        List<DeliveryAttempt> history = deliveryStore.deliveryHistory(id);
        assertThat(history.get(history.size() - 1).revision()).isEqualTo(1);

        String page = mvc.perform(get("/clinician").with(clinician())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Raised to URGENT by rule set 1.2.0");
    }

    @Test
    void aLonePastCancerImprovingAfterAStrainStaysUrgentInTheQueueAndShowsSoon() throws Exception {
        String id = storeLonePastCancer("rt-lower");

        retriage.run();

        StoredSubmission stored = store.find(id).orElseThrow();
        assertThat(stored.retriage()).hasValueSatisfying(r -> {
            assertThat(r.level()).isEqualTo(Level.SOON);
            assertThat(r.ruleIds()).contains("MAL-HISTORY-ROUTINE").doesNotContain("MAL-HISTORY");
        });
        assertThat(stored.currentLevel()).isEqualTo(Level.URGENT);
        assertThat(stored.revision()).as("nothing new for the EHR").isZero();

        JsonNode item = queueItem("?level=URGENT", id);
        assertThat(item).as("still in the queue at URGENT").isNotNull();
        assertThat(item.get("level").asText()).isEqualTo("URGENT");
        assertThat(item.get("rules")).extracting(JsonNode::asText).containsExactly("MAL-HISTORY");
        assertThat(item.get("retriage").get("level").asText()).isEqualTo("SOON");
        assertThat(item.get("retriage").get("raised").asBoolean()).isFalse();
        assertThat(item.get("retriage").get("summary").asText()).isEqualTo("Rule set 1.2.0 would say SOON");
        assertThat(queueItem("?level=SOON", id)).isNull();

        await("the EHR keeps the URGENT it holds").atMost(Duration.ofSeconds(3)).during(Duration.ofMillis(500))
                .until(() -> bundlesAbout(id).isEmpty());
        String page = mvc.perform(get("/clinician").with(clinician())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Rule set 1.2.0 would say SOON");
    }

    @Test
    void whatThePatientWasToldIsNeverRewritten() throws Exception {
        String raised = storeFormerlySelfCare100("rt-told-1");
        String lower = storeLonePastCancer("rt-told-2");

        retriage.run();

        JsonNode raisedView = json.readTree(getIntake(raised, TestTokens.patient("rt-told-1")).body());
        assertThat(raisedView.get("level").asText()).isEqualTo("SELF_CARE");
        assertThat(raisedView.get("ruleSet").asText()).isEqualTo("1.1.0");
        assertThat(raisedView.get("rules")).isEmpty();
        assertThat(raisedView.get("advice")).extracting(JsonNode::asText)
                .containsExactly(Advice.ACT_SELF_CARE.text(), Advice.STAY_ACTIVE.text());
        assertThat(raisedView.has("retriage")).isFalse();
        JsonNode lowerView = json.readTree(getIntake(lower, TestTokens.patient("rt-told-2")).body());
        assertThat(lowerView.get("level").asText()).isEqualTo("URGENT");
        assertThat(lowerView.get("rules")).extracting(JsonNode::asText).containsExactly("MAL-HISTORY");
        assertThat(lowerView.get("advice")).extracting(JsonNode::asText)
                .containsExactly(Advice.ACT_URGENT.text(), Advice.URGENT_IF_WORSE.text());

        String result = mvc.perform(get("/intake/result/" + raised).with(patient("rt-told-1"))).andReturn()
                .getResponse().getContentAsString();
        assertThat(result).contains("data-level=\"SELF_CARE\"", Advice.STAY_ACTIVE.text()).doesNotContain("1.2.0");
        String history = mvc.perform(get("/intake/history").with(patient("rt-told-2"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(history).contains("A doctor today").doesNotContain("A GP within 2 weeks");

        Map<String, Object> row = JdbcClient.create(dataSource)
                .sql("select level, rules, rule_set, advice from intake_submission where id = ?").param(raised)
                .query().singleRow();
        assertThat(row).containsValues("SELF_CARE", "", "1.1.0", String.join(",", SELF_CARE_ADVICE));
    }

    @Test
    void everyRetriageIsInTheAuditTrailAsTheSystemsWithoutPatientData() {
        String raised = storeFormerlySelfCare100("rt-audit-1");
        String lower = storeLonePastCancer("rt-audit-2");

        retriage.run();

        assertThat(retriageRecords(raised)).singleElement().satisfies(record -> {
            assertThat(record.actor()).isEqualTo("system:retriage");
            assertThat(record.actorName()).contains(RetriageService.ACTOR.name());
            assertThat(record.patientId()).hasValue("rt-audit-1");
            assertThat(record.detail()).contains("rule set 1.2.0", "URGENT", "FORM-INCOMPLETE", "SELF_CARE",
                    "rule set 1.1.0", "raised");
        });
        assertThat(retriageRecords(lower)).singleElement().satisfies(record ->
                assertThat(record.detail()).contains("SOON", "MAL-HISTORY-ROUTINE", "URGENT still counts"));
    }

    @Test
    void reviewedSubmissionsAreNotRetriaged() {
        String reviewed = StoredUnderOlderRules.insert(JdbcClient.create(dataSource), "rt-reviewed",
                StoredUnderOlderRules.selfCare100("rt-reviewed"), Level.SELF_CARE, List.of(), SELF_CARE_ADVICE, true);

        retriage.run();

        StoredSubmission stored = store.find(reviewed).orElseThrow();
        assertThat(stored.retriage()).isEmpty();
        assertThat(stored.currentLevel()).isEqualTo(Level.SELF_CARE);
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(retriageRecords(reviewed)).isEmpty();
    }

    @Test
    void aSecondStartRetriagesNothing() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(storeFormerlySelfCare100("rt-twice-" + i));
            ids.add(storeLonePastCancer("rt-twice-l" + i));
            ids.add(StoredUnderOlderRules.insert(JdbcClient.create(dataSource), "rt-twice-b" + i,
                    StoredUnderOlderRules.benign110("rt-twice-b" + i), Level.SELF_CARE, List.of(), SELF_CARE_ADVICE,
                    false));
        }
        RetriageProgress.Summary first = retriage.run();
        assertThat(first.retriaged()).isGreaterThanOrEqualTo(15);
        Map<String, List<Object>> afterFirst = new java.util.HashMap<>();
        ids.forEach(id -> afterFirst.put(id, verdicts(id)));
        long auditRows = audit.read(null, null, 100_000).size();

        RetriageProgress.Summary second = retriage.run();

        assertThat(second.retriaged()).isZero();
        assertThat(audit.read(null, null, 100_000)).hasSize((int) auditRows);
        ids.forEach(id -> assertThat(verdicts(id)).as(id).isEqualTo(afterFirst.get(id)));
        ids.forEach(id -> assertThat(retriageRecords(id)).as(id).hasSize(1));
        JsonNode health = json.readTree(send(request("/actuator/health").GET()).body());
        JsonNode details = health.at("/components/intake/details/retriage");
        assertThat(details.get("state").asText()).isEqualTo("done");
        assertThat(details.get("pending").asLong()).isZero();
        assertThat(send(operatorRequest("/actuator/prometheus").GET()).body()).contains("intake_retriage_remaining 0.0");
    }

    /** What the re-triage may write: the original verdict, the newer one, the level that counts and the revision. */
    private List<Object> verdicts(String id) {
        StoredSubmission stored = store.find(id).orElseThrow();
        return List.of(stored.outcome(), stored.retriage(), stored.currentLevel(), stored.revision());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor patient(String id) {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-" + id, "preferred_username", id));
        return oidcLogin().oidcUser(new IntakeUser(List.of(new SimpleGrantedAuthority("ROLE_patient")), idToken, null, id));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor clinician() {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-sam", "preferred_username", "dr-sam"));
        return oidcLogin().oidcUser(new IntakeUser(List.of(new SimpleGrantedAuthority("ROLE_clinician")), idToken, null,
                null));
    }
}
