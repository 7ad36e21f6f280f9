package org.example.intake.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.example.intake.web.queue.ClinicianPagesIntegrationTests.clinician;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

/**
 * The queue page with its real page size (50 rows) and more than a page of EMERGENCYs waiting: a
 * new EMERGENCY lands beyond page 1, and the page must still announce it and lead to it.
 */
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:beyond-page-${random.uuid};DB_CLOSE_DELAY=-1",
        "intake.queue.page-size=50" })
class ClinicianQueueBeyondPageOneIntegrationTests extends WebFormTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    private String submit(Responses response, String patient) throws Exception {
        HttpResponse<String> created = postIntake(response.json().replace("Patient/alex", "Patient/" + patient),
                TestTokens.patient(patient));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new ObjectMapper().readTree(created.body()).get("id").asText();
    }

    private Document page(String path) throws Exception {
        MvcResult result = mvc.perform(get(path).with(clinician())).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    /** Copies a stored EMERGENCY intake this many times, each an hour older than the last: unreviewed, delivered. */
    private void olderEmergencies(String model, int count) {
        Instant now = Instant.now();
        for (int i = 1; i <= count; i++) {
            jdbc.update("insert into intake_submission (id, patient_id, received_at, response_json, level, rules,"
                    + " rule_set, advice, delivery, attempts, priority, reviewed, revision)"
                    + " select ?, patient_id, ?, response_json, level, rules, rule_set, advice, 'DELIVERED', 1,"
                    + " priority, false, 0 from intake_submission where id = ?",
                    "older-" + i + "-" + model, Timestamp.from(now.minus(Duration.ofHours(i))), model);
        }
    }

    @Test
    void aNewEmergencyBeyondPageOneIsAnnouncedWithALinkToIt() throws Exception {
        String model = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "bp-0");
        olderEmergencies(model, 55);
        MvcResult stream = mvc.perform(get("/clinician/events").with(clinician()))
                .andExpect(MockMvcResultMatchers.request().asyncStarted()).andReturn();

        String newest = submit(Responses.benign().set(Question.BLADDER_CHANGE, true), "bp-1");

        // The open page learns of it by its event stream: its id and level, nothing else.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stream.getResponse()
                .getContentAsString()).contains("event:intake", "\"id\":\"" + newest + "\"",
                        "\"level\":\"EMERGENCY\""));
        // It is not on page 1: at least 57 EMERGENCYs wait, the 50 oldest are shown.
        long beyond = queueStore.waiting().get(org.example.intake.core.triage.Level.EMERGENCY) - 50;
        assertThat(beyond).isGreaterThanOrEqualTo(7);
        Document plain = page("/clinician/queue-rows?page=1");
        assertThat(plain.select("[data-submission-id]")).hasSize(50)
                .allSatisfy(row -> assertThat(row.attr("data-level")).isEqualTo("EMERGENCY"));
        assertThat(plain.select("[data-submission-id]").eachAttr("data-submission-id")).doesNotContain(newest);
        assertThat(plain.select("[data-new-emergency-id]")).isEmpty();

        // The refresh that asks after it offers a notice with a link to it and the count beyond the page.
        Document rows = page("/clinician/queue-rows?page=1&newEmergency=" + newest);

        assertThat(rows.select("[data-submission-id]").eachAttr("data-submission-id")).hasSize(50)
                .doesNotContain(newest);
        Element notice = rows.getElementById("queue-new-emergency");
        assertThat(notice).isNotNull();
        assertThat(notice.select("[data-submission-id]")).isEmpty();
        Element item = rows.selectFirst("[data-new-emergency-id=" + newest + "]");
        assertThat(item).isNotNull();
        assertThat(item.selectFirst("a").attr("href")).isEqualTo("/clinician/intakes/" + newest);
        assertThat(item.text()).contains("Open the emergency intake from Patient/bp-1");
        assertThat(notice.text()).contains("New emergency intake, not on this page",
                beyond + " emergency intakes waiting for review are not on this page.");
        assertThat(page("/clinician/intakes/" + newest).getElementById("intake-detail").attr("data-level"))
                .isEqualTo("EMERGENCY");
        // The whole page takes the same question (a reload keeps what the page was told).
        assertThat(page("/clinician?newEmergency=" + newest).select("[data-new-emergency-id]")
                .eachAttr("data-new-emergency-id")).containsExactly(newest);
        assertThat(jdbc.queryForObject("select count(*) from intake_audit where action = 'QUEUE_VIEWED'"
                + " and submission_id = ? and patient_id = 'bp-1' and detail like ?", Long.class, newest,
                "%: new emergency beyond the page")).isPositive();
    }

    @Test
    void noNoticeForAnIntakeOnThePageReviewedNotAnEmergencyOrNoIntakeAtAll() throws Exception {
        String model = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true), "bn-0");
        olderEmergencies(model, 55);
        String urgent = submit(Responses.benign().set(Question.FEVER, true), "bn-1");
        String reviewed = submit(Responses.benign().set(Question.BLADDER_CHANGE, true), "bn-2");
        mvc.perform(post("/clinician/intakes/" + reviewed + "/review").with(clinician()).with(csrf()));
        String onThePage = page("/clinician/queue-rows?page=1").selectFirst("[data-submission-id]")
                .attr("data-submission-id");

        for (String asked : List.of(onThePage, urgent, reviewed, "no-such-intake", "<script>alert(1)</script>")) {
            Document rows = page("/clinician/queue-rows?page=1&newEmergency=" + java.net.URLEncoder.encode(asked,
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(rows.select("[data-new-emergency-id]")).as(asked).isEmpty();
            assertThat(rows.getElementById("queue-new-emergency")).as(asked).isNull();
        }
    }
}
