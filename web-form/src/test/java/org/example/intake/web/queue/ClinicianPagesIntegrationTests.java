package org.example.intake.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.advice.Advice;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.security.IntakeUser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The clinicians' pages through the plugin's real browser security chain, logged in with
 * Spring Security's {@code oidcLogin()} (the real Keycloak login is driven in the browser tests):
 * the queue page's contract, the detail, the decisions' forms, and every rule
 * both ways.
 */
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:clinician-${random.uuid};DB_CLOSE_DELAY=-1",
        "intake.queue.page-size=500", "intake.audit.export-interval=200ms" })
class ClinicianPagesIntegrationTests extends WebFormTestSupport {

    private static final String SCRIPT = "<script>window.pwned=1</script>";
    private static final String IMG = "\"><img src=x onerror=\"window.pwned=2\">";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    static RequestPostProcessor clinician() {
        return user("dr-sam", "ROLE_clinician", null);
    }

    static RequestPostProcessor patient(String id) {
        return user(id, "ROLE_patient", id);
    }

    private static RequestPostProcessor user(String name, String role, String patientId) {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-" + name, "preferred_username", name));
        return oidcLogin().oidcUser(new IntakeUser(List.of(new SimpleGrantedAuthority(role)), idToken, null, patientId));
    }

    private String submit(Responses response, String patient) {
        HttpResponse<String> created = postIntake(response.json().replace("Patient/alex", "Patient/" + patient), TestTokens.patient(patient));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try {
            return new ObjectMapper().readTree(created.body()).get("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Document page(RequestPostProcessor who, String path) throws Exception {
        MvcResult result = mvc.perform(get(path).with(who)).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    @Test
    void aBrowserThatIsNotLoggedInIsSentToTheSameKeycloakLogin() throws Exception {
        for (String path : List.of("/clinician", "/clinician/intakes/x", "/clinician/queue-rows")) {
            MvcResult result = mvc.perform(get(path)).andReturn();
            assertThat(result.getResponse().getStatus()).as(path).isEqualTo(302);
            assertThat(result.getResponse().getRedirectedUrl()).as(path).endsWith("/intake/oauth2/authorization/intake");
        }
        assertThat(mvc.perform(post("/clinician/intakes/x/review").with(csrf())).andReturn().getResponse().getStatus())
                .isEqualTo(302);
    }

    @Test
    void aPatientIsRefusedEveryClinicianPageAndAction() throws Exception {
        String id = submit(Responses.benign().set(Question.FEVER, true), "pp-1");
        for (String path : List.of("/clinician", "/clinician/intakes/" + id, "/clinician/queue-rows",
                "/clinician/events")) {
            assertThat(mvc.perform(get(path).with(patient("pp-1"))).andReturn().getResponse().getStatus()).as(path)
                    .isEqualTo(403);
        }
        for (String action : List.of("review", "override", "redeliver")) {
            assertThat(mvc.perform(post("/clinician/intakes/" + id + "/" + action).with(patient("pp-1")).with(csrf())
                    .param("level", "SOON").param("reason", "x")).andReturn().getResponse().getStatus()).as(action)
                    .isEqualTo(403);
        }
        assertThat(store.find(id).orElseThrow().decision().isNone()).isTrue();
        // and a clinician is not a patient
        assertThat(mvc.perform(get("/intake").with(clinician())).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theQueueShowsEachSubmissionAsOneElementInQueueOrderWithWhyAndOverdueInWords() throws Exception {
        String urgent = submit(Responses.benign().set(Question.FEVER, true), "pq-1");
        String emergency = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "pq-2");
        String soon = submit(Responses.benign().set(Question.NIGHT_PAIN, true), "pq-3");
        jdbc.update("update intake_submission set received_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofHours(5))), emergency);

        Document queue = page(clinician(), "/clinician");

        List<String> order = queue.select("[data-submission-id]").stream().map(e -> e.attr("data-submission-id"))
                .filter(List.of(urgent, emergency, soon)::contains).toList();
        assertThat(order).containsExactly(emergency, urgent, soon);
        Element row = queue.selectFirst("[data-submission-id=" + emergency + "]");
        assertThat(row.attr("data-level")).isEqualTo("EMERGENCY");
        assertThat(row.text()).contains("Emergency", "5 hours of 4 hours", "Overdue by 1 hour", "CES-SADDLE",
                "Saddle numbness", "Patient/pq-2");
        assertThat(queue.selectFirst("[data-submission-id=" + urgent + "]").text()).doesNotContain("Overdue")
                .contains("of 24 hours");
        assertThat(queue.select("[data-submission-id]").stream().map(e -> e.attr("data-submission-id")).distinct()
                .count()).isEqualTo(queue.select("[data-submission-id]").size());
        assertThat(queue.getElementById("queue-live").attr("aria-live")).isEqualTo("polite");
        assertThat(queue.getElementById("queue-alert").attr("aria-live")).isEqualTo("assertive");

        Document emergencies = page(clinician(), "/clinician?level=EMERGENCY");
        assertThat(emergencies.select("[data-level]").eachAttr("data-level")).containsOnly("EMERGENCY");
        Document rows = page(clinician(), "/clinician/queue-rows?level=URGENT");
        assertThat(rows.select("[data-submission-id]").eachAttr("data-submission-id")).contains(urgent)
                .doesNotContain(emergency);
        assertThat(mvc.perform(get("/clinician?level=PANIC").with(clinician())).andReturn().getResponse().getStatus())
                .isEqualTo(400);
    }

    @Test
    void theDetailShowsTheAnswersInOrderTheWhyTheAdviceAndFreeTextOnlyAsText() throws Exception {
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true).set(Question.NOTES, SCRIPT + IMG),
                "pd-1");

        Document detail = page(clinician(), "/clinician/intakes/" + id);

        List<String> linkIds = detail.select("#answers [data-link-id]").eachAttr("data-link-id");
        assertThat(linkIds).contains("saddle-numbness", "notes", "age");
        assertThat(linkIds).doesNotContain("weakness-progressing"); // shown only after leg weakness: left out
        assertThat(linkIds.indexOf("saddle-numbness")).isLessThan(linkIds.indexOf("notes"));
        Element notes = detail.selectFirst("#answers [data-link-id=notes] .answer-text");
        assertThat(notes.text()).isEqualTo(SCRIPT + IMG);
        assertThat(detail.selectFirst("#answers [data-link-id=onset] .answer-text").text())
                .isEqualTo("1 to 6 days ago"); // the questionnaire's words, though the response sent only the code
        assertThat(detail.select("#main-content script")).isEmpty();
        assertThat(detail.select("#main-content img")).isEmpty();
        assertThat(detail.getElementById("fired-rules").text()).contains("CES-SADDLE", "cauda equina",
                "saddle-numbness");
        assertThat(detail.select("#advice [data-advice]")).extracting(e -> e.attr("data-advice"))
                .containsExactly("ACT_EMERGENCY", "WHAT_HAPPENS_NEXT");
        assertThat(detail.getElementById("intake-detail").attr("data-level")).isEqualTo("EMERGENCY");
        assertThat(mvc.perform(get("/clinician/intakes/nope").with(clinician())).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void aPageNumberOutOfBoundsIs400OnThePagesAsOnTheApi() throws Exception {
        for (String path : List.of("/clinician?page=0", "/clinician?page=1000001", "/clinician?page=2147483648",
                "/clinician/queue-rows?page=-1", "/clinician/queue-rows?page=99999999999999999999")) {
            assertThat(mvc.perform(get(path).with(clinician())).andReturn().getResponse().getStatus()).as(path)
                    .isEqualTo(400);
        }
    }

    @Test
    void aPathIdThatIsNoSubmissionIdIs404OnEveryPage_nothingDecidedAndNoRedirectCarriesIt() throws Exception {
        String notAnId = "x\"><script>alert(1)</script>";
        assertThat(mvc.perform(get("/clinician/intakes/{id}", notAnId).with(clinician())).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        for (String action : List.of("review", "override", "redeliver")) {
            MvcResult refused = mvc.perform(post("/clinician/intakes/{id}/" + action, notAnId).param("level", "SOON")
                    .param("reason", "x").with(clinician()).with(csrf())).andReturn();
            assertThat(refused.getResponse().getStatus()).as(action).isEqualTo(404);
            assertThat(refused.getResponse().getRedirectedUrl()).as(action).isNull();
        }
    }

    @Test
    void theDetailShowsTheAdviceInTheSectionsAndListsThePatientSaw() throws Exception {
        String id = submit(Responses.benign().set(Question.FEVER, true), "pd-2");
        List<Advice.Section> told = Advice.sections(store.find(id).orElseThrow().outcome().advice());

        Document detail = page(clinician(), "/clinician/intakes/" + id);

        assertThat(detail.select("#advice [data-advice]")).extracting(e -> e.attr("data-advice"))
                .containsExactlyElementsOf(told.stream().map(section -> section.lead().name()).toList());
        for (Advice.Section section : told) {
            Element shown = detail.selectFirst("#advice [data-advice=" + section.lead().name() + "]");
            assertThat(shown.text()).contains(section.lead().text());
            assertThat(shown.select("ul.govuk-list--bullet > li")).extracting(Element::text)
                    .containsExactlyElementsOf(section.items().stream().map(Advice::text).toList());
        }
        assertThat(detail.select("#advice [data-advice=NET_CALL_999] li")).hasSizeGreaterThan(5);
    }

    @Test
    void reviewAndOverrideFromThePageNeedCsrfAndAnOverrideNeedsAReason() throws Exception {
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "pa-1");

        assertThat(mvc.perform(post("/clinician/intakes/" + id + "/review").with(clinician())).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        MvcResult refused = mvc.perform(post("/clinician/intakes/" + id + "/override").with(clinician()).with(csrf())
                .param("level", "URGENT").param("reason", " ")).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/clinician/intakes/" + id + "#override");
        assertThat(refused.getFlashMap().get("errors")).isEqualTo(Map.of("reason",
                "Give the reason for changing the level."));
        assertThat(store.find(id).orElseThrow().decision().isNone()).isTrue();

        MvcResult overridden = mvc.perform(post("/clinician/intakes/" + id + "/override").with(clinician()).with(csrf())
                .param("level", "URGENT").param("reason", "Known neuropathy")).andReturn();
        assertThat(overridden.getResponse().getRedirectedUrl()).isEqualTo("/clinician/intakes/" + id);
        MvcResult reviewed = mvc.perform(post("/clinician/intakes/" + id + "/review").with(clinician()).with(csrf())
                .param("note", "Called the patient")).andReturn();
        assertThat(reviewed.getFlashMap().get("done")).asString().startsWith("Marked reviewed");

        var decision = store.find(id).orElseThrow().decision();
        assertThat(decision.override().orElseThrow().reason()).isEqualTo("Known neuropathy");
        assertThat(decision.override().orElseThrow().by()).isEqualTo("dr-sam");
        assertThat(decision.review().orElseThrow().note()).contains("Called the patient");
        Document detail = page(clinician(), "/clinician/intakes/" + id);
        assertThat(detail.getElementById("triage-verdict").text()).contains("Emergency");
        assertThat(detail.getElementById("override-verdict").text()).contains("Urgent", "dr-sam", "Known neuropathy");
        assertThat(detail.getElementById("review-state").text()).contains("dr-sam", "Called the patient");
        assertThat(detail.getElementById("review-form")).isNull();
    }

    @Test
    void aClinicianOpensTheEventStream() throws Exception {
        MvcResult stream = mvc.perform(get("/clinician/events").with(clinician())).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted())
                .andReturn();
        assertThat(stream.getResponse().getContentType()).startsWith("text/event-stream");
        assertThat(stream.getResponse().getContentAsString()).contains("event:ready");
    }
}
