package org.example.intake.web.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.Responses;
import org.example.intake.fhir.audit.AuditChain;
import org.example.intake.fhir.audit.AuditEventBundleBuilder;
import org.example.intake.fhir.audit.AuditRecord;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.security.IntakeUser;
import org.hl7.fhir.r4.model.AuditEvent;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What the audit trail records, through the plugin's real security chains: the actor as the identity provider's
 * stable {@code sub} with the user name beside it; refused (401, 403) and not-found (404) attempts on patient data,
 * bounded for anonymous callers, and nothing for the ordinary anonymous paths; a queue view as one record per
 * patient shown, its automatic refreshes recording only the patients newly shown. Its own context (and so its own
 * refusal budget): anonymous refusals of other classes cannot use it up.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:audit-recording-${random.uuid};DB_CLOSE_DELAY=-1")
class AuditRecordingIntegrationTests extends WebFormTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditTrail audit;

    private static String token(String role, String subject, String userName, String patientId) {
        TestTokens.Builder builder = TestTokens.builder().roles(role).claim("sub", subject)
                .claim("preferred_username", userName);
        return (patientId == null ? builder : builder.claim("fhir_patient_id", patientId)).sign();
    }

    private static RequestPostProcessor login(String subject, String userName, String role, String patientId) {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", subject, "preferred_username", userName));
        return oidcLogin().oidcUser(new IntakeUser(List.of(new SimpleGrantedAuthority(role)), idToken, null, patientId));
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private String submit(String patient) {
        HttpResponse<String> created = postIntake(Responses.benign().set(Question.FEVER, true).json()
                .replace("Patient/alex", "Patient/" + patient), TestTokens.patient(patient));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created.body()).get("id").asText();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> call(String path, String token) {
        var request = request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private List<Map<String, Object>> rows(String where, Object... params) {
        return jdbc.queryForList("select actor, actor_name, action, submission_id, patient_id, detail from intake_audit"
                + " where " + where + " order by at, id", params);
    }

    @Test
    void theActorIsTheTokensSubject_withTheUserNameBeside_inTheTrailAndTheAuditApi() {
        String id = submit("ar-1");
        String subject = UUID.randomUUID().toString();

        assertThat(call("/api/intakes/" + id, token("clinician", subject, "dr-kim", null)).statusCode()).isEqualTo(200);

        JsonNode item = json(call("/api/audit?submission=" + id, TestTokens.admin()).body()).get("items").get(0);
        assertThat(item.get("action").asText()).isEqualTo("INTAKE_VIEWED");
        assertThat(item.get("actor").asText()).isEqualTo(subject);
        assertThat(item.get("actorName").asText()).isEqualTo("dr-kim");
    }

    @Test
    void aPageLogin_isRecordedByItsIdTokensSubject_withTheUserNameBeside() throws Exception {
        String id = submit("ar-2");

        assertThat(mvc.perform(get("/clinician/intakes/" + id).with(login("user-dr-lee", "dr-lee", "ROLE_clinician",
                null))).andReturn().getResponse().getStatus()).isEqualTo(200);

        assertThat(rows("submission_id = ? and action = 'INTAKE_VIEWED'", id)).singleElement().satisfies(row -> {
            assertThat(row.get("actor")).isEqualTo("user-dr-lee");
            assertThat(row.get("actor_name")).isEqualTo("dr-lee");
        });
    }

    @Test
    void anOldRecord_whoseActorIsTheUserNameWithNoNameBeside_readsAndExportsAsBefore() {
        String id = UUID.randomUUID().toString();
        appendAsBeforeNamesWereKept(new AuditRecord(UUID.randomUUID().toString(), AuditChain.storable(Instant.now()),
                "dr.old", org.example.intake.fhir.audit.AuditAction.INTAKE_VIEWED, Optional.of(id), Optional.of("p-old"),
                "intake opened"));

        JsonNode item = json(call("/api/audit?submission=" + id, TestTokens.admin()).body()).get("items").get(0);
        AuditRecord record = audit.read(id, null, 10).stream()
                .filter(kept -> kept.action() == org.example.intake.fhir.audit.AuditAction.INTAKE_VIEWED).findFirst()
                .orElseThrow();
        AuditEvent event = (AuditEvent) new AuditEventBundleBuilder().build(List.of(record)).getEntryFirstRep()
                .getResource();

        assertThat(item.get("actor").asText()).isEqualTo("dr.old");
        assertThat(item.has("actorName")).isFalse();
        assertThat(record.actorName()).isEmpty();
        assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo("dr.old");
        assertThat(event.getAgentFirstRep().getWho().hasIdentifier()).isFalse();
        assertThat(json(call("/api/audit/verification", TestTokens.admin()).body()).get("intact").asBoolean())
                .as("old and named records in one chain").isTrue();
    }

    @Test
    void onTheApi_aPatientOnTheQueue_anotherPatientsOrNoSubmission_andAnAnonymousCall_areRecorded() {
        String theirs = submit("ar-3");
        String subject = UUID.randomUUID().toString();
        String patient = token("patient", subject, "pat-ar-4", "ar-4");
        String unknown = UUID.randomUUID().toString();

        assertThat(call("/api/queue", patient).statusCode()).isEqualTo(403);
        assertThat(call("/api/intakes/" + theirs, patient).statusCode()).isEqualTo(404);
        assertThat(call("/api/intakes/" + unknown.toUpperCase(), patient).statusCode()).isEqualTo(404);
        assertThat(call("/api/intakes/drop-table-x", patient).statusCode()).isEqualTo(404);
        assertThat(call("/api/intakes/" + theirs, null).statusCode()).isEqualTo(401);

        assertThat(rows("actor = ?", subject)).extracting(row -> row.get("action") + " " + row.get("submission_id")
                + " " + row.get("detail")).containsExactly(
                        "ACCESS_DENIED null GET /api/queue: 403",
                        "NOT_FOUND " + theirs + " GET /api/intakes/{id}: 404, id " + theirs,
                        "NOT_FOUND " + unknown + " GET /api/intakes/{id}: 404, id " + unknown,
                        "NOT_FOUND null GET /api/intakes/{id}: 404, an id that is no submission id");
        assertThat(rows("actor = ?", subject)).allSatisfy(row -> {
            assertThat(row.get("actor_name")).isEqualTo("pat-ar-4");
            assertThat(row.get("patient_id")).isNull();
        });
        assertThat(rows("actor = 'anonymous' and submission_id = ?", theirs)).singleElement().satisfies(row -> {
            assertThat(row.get("action")).isEqualTo("ACCESS_DENIED");
            assertThat((String) row.get("detail")).startsWith("GET /api/intakes/{id}: 401, id " + theirs
                    + ", anonymous, from ");
        });
    }

    @Test
    void onTheApi_aClinicianDecidingAboutNoSubmission_isRecordedAsNotFound() {
        String subject = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();

        assertThat(send(request("/api/intakes/" + unknown + "/review").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token("clinician", subject, "dr-nf", null))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))).statusCode()).isEqualTo(404);

        assertThat(rows("actor = ?", subject)).extracting(row -> row.get("action") + " " + row.get("detail"))
                .containsExactly("NOT_FOUND POST /api/intakes/{id}/review: 404, id " + unknown);
    }

    @Test
    void onThePages_aPatientOnTheQueue_aClinicianOnNoSubmission_anotherPatientsResult_andAnAnonymousRefresh_areRecorded()
            throws Exception {
        String theirs = submit("ar-5");
        String unknown = UUID.randomUUID().toString();

        assertThat(mvc.perform(get("/clinician/queue-rows").with(login("user-pp-6", "pp-6", "ROLE_patient", "ar-6")))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/clinician/intakes/" + theirs + "/review").with(csrf())
                .with(login("user-pp-6", "pp-6", "ROLE_patient", "ar-6"))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/intake/result/" + theirs).with(login("user-pp-6", "pp-6", "ROLE_patient", "ar-6")))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/clinician/intakes/" + unknown).with(login("user-dr-nf", "dr-nf", "ROLE_clinician",
                null))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/clinician/queue-rows").header("X-Intake-Auto-Refresh", "1").with(from("203.0.113.9")))
                .andReturn().getResponse().getStatus()).isEqualTo(401);

        assertThat(rows("actor = 'user-pp-6'")).extracting(row -> row.get("action") + " " + row.get("detail"))
                .containsExactly("ACCESS_DENIED GET /clinician/queue-rows: 403",
                        "ACCESS_DENIED POST /clinician/intakes/{id}/review: 403, id " + theirs,
                        "NOT_FOUND GET /intake/result/{id}: 404, id " + theirs);
        assertThat(rows("actor = 'user-dr-nf'")).extracting(row -> row.get("action") + " " + row.get("detail"))
                .containsExactly("NOT_FOUND GET /clinician/intakes/{id}: 404, id " + unknown);
        assertThat(rows("actor = 'anonymous' and detail like ?", "%203.0.113.9%")).extracting(row -> row.get("detail"))
                .containsExactly("GET /clinician/queue-rows: 401, anonymous, from 203.0.113.9");
    }

    @Test
    void theOrdinaryAnonymousPaths_theFormsLogin_theAssets_andTheLoginOfTheClinicians_areNotRecorded() throws Exception {
        long before = jdbc.queryForObject("select count(*) from intake_audit", Long.class);

        assertThat(mvc.perform(get("/intake").with(from("203.0.113.10"))).andReturn().getResponse().getStatus())
                .isEqualTo(302);
        assertThat(mvc.perform(get("/clinician").with(from("203.0.113.10"))).andReturn().getResponse().getStatus())
                .isEqualTo(302);
        assertThat(mvc.perform(get("/clinician/intakes/" + UUID.randomUUID()).with(from("203.0.113.10"))).andReturn()
                .getResponse().getStatus()).isEqualTo(302);
        assertThat(mvc.perform(get("/intake/assets/intake.css").with(from("203.0.113.10"))).andReturn().getResponse()
                .getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/intake/assets/nothing-here.css").with(from("203.0.113.10"))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        mvc.perform(get("/actuator/health").with(from("203.0.113.10")));

        assertThat(jdbc.queryForObject("select count(*) from intake_audit", Long.class)).isEqualTo(before);
    }

    @Test
    void anAnonymousFlood_fromOneAddress_isRecordedFiveTimesAMinute_notOncePerRequest() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(mvc.perform(get("/api/queue").with(from("203.0.113.20"))).andReturn().getResponse().getStatus())
                    .isEqualTo(401);
        }

        assertThat(rows("actor = 'anonymous' and detail like ?", "%from 203.0.113.20%")).hasSize(5);
    }

    @Test
    void aQueueViewRecordsOneRowPerPatientShown_andItsAutomaticRefreshesOnlyThoseNewlyShown() throws Exception {
        String first = submit("aq-1");
        String second = submit("aq-2");
        MockHttpSession session = new MockHttpSession();
        RequestPostProcessor clinician = login("user-dr-q", "dr-q", "ROLE_clinician", null);

        String page = mvc.perform(get("/clinician").session(session).with(clinician)).andReturn().getResponse()
                .getContentAsString();
        String rowsUrl = Jsoup.parse(page).getElementById("queue-content").attr("data-rows-url");

        assertThat(rowsUrl).containsPattern("view=[0-9a-f]{32}");
        assertThat(rows("action = 'QUEUE_VIEWED' and submission_id = ?", first)).singleElement().satisfies(row -> {
            assertThat(row.get("patient_id")).isEqualTo("aq-1");
            assertThat(row.get("actor")).isEqualTo("user-dr-q");
            assertThat((String) row.get("detail")).matches("queue page 1: row \\d+ of \\d+");
        });
        assertThat(rows("action = 'QUEUE_VIEWED' and submission_id = ?", second)).hasSize(1);

        refresh(rowsUrl, session, clinician, true);
        assertThat(rows("action = 'QUEUE_VIEWED' and submission_id in (?, ?)", first, second)).hasSize(2);

        String third = submit("aq-3");
        refresh(rowsUrl, session, clinician, true);
        refresh(rowsUrl, session, clinician, true);
        assertThat(rows("action = 'QUEUE_VIEWED' and submission_id = ?", third)).singleElement()
                .satisfies(row -> assertThat(row.get("patient_id")).isEqualTo("aq-3"));
        assertThat(rows("action = 'QUEUE_VIEWED' and submission_id in (?, ?)", first, second)).hasSize(2);

        refresh(rowsUrl, session, clinician, false); // the user's own request: a new view, all recorded
        assertThat(rows("action = 'QUEUE_VIEWED' and submission_id = ?", first)).hasSize(2);
        refresh(rowsUrl.replaceAll("view=[0-9a-f]{32}", "view=" + "f".repeat(32)), session, clinician, true);
        assertThat(rows("action = 'QUEUE_VIEWED' and submission_id = ?", first)).as("a view not known").hasSize(3);
        refresh(rowsUrl, new MockHttpSession(), clinician, true);
        assertThat(rows("action = 'QUEUE_VIEWED' and submission_id = ?", first)).as("another session").hasSize(4);
    }

    @Test
    void theApisQueue_recordsEveryPatientShownOnEveryRead() {
        String id = submit("aq-4");
        String token = token("clinician", UUID.randomUUID().toString(), "dr-api", null);

        call("/api/queue", token);
        call("/api/queue", token);

        assertThat(rows("action = 'QUEUE_VIEWED' and submission_id = ?", id)).hasSize(2)
                .allSatisfy(row -> assertThat(row.get("patient_id")).isEqualTo("aq-4"));
    }

    private void refresh(String rowsUrl, MockHttpSession session, RequestPostProcessor who, boolean automatic)
            throws Exception {
        var request = get(rowsUrl).session(session).with(who);
        if (automatic) {
            request.header("X-Intake-Auto-Refresh", "1");
        }
        assertThat(mvc.perform(request).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    /** Appends a record as the trail held them before names were kept (no actor_name), chained as V10 chains them. */
    private void appendAsBeforeNamesWereKept(AuditRecord record) {
        Map<String, Object> head = jdbc.queryForMap("select seq, hash from intake_audit_head where id = 1");
        AuditChain.Link link = AuditChain.Link.after(((Number) head.get("seq")).longValue(), (String) head.get("hash"),
                record);
        jdbc.update("insert into intake_audit (id, at, actor, action, submission_id, patient_id, detail, seq,"
                + " previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", record.id(), Timestamp.from(record.at()),
                record.actor(), record.action().name(), record.submissionId().orElseThrow(),
                record.patientId().orElseThrow(), record.detail(), link.seq(), link.previousHash(), link.hash());
        jdbc.update("update intake_audit_head set seq = ?, hash = ? where id = 1", link.seq(), link.hash());
    }
}
