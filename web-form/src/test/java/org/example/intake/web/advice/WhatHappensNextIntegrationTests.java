package org.example.intake.web.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.advice.Advice;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.security.IntakeUser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A service that sets its own "what happens next" ({@code intake.advice.what-happens-next}): its
 * words replace intake-core's default on the result page, in the API's {@code advice} and on the
 * clinician's page, and nowhere is the default left; every other piece keeps intake-core's words.
 */
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:next-${random.uuid};DB_CLOSE_DELAY=-1",
        "intake.advice.what-happens-next=" + WhatHappensNextIntegrationTests.OURS })
class WhatHappensNextIntegrationTests extends WebFormTestSupport {

    static final String OURS = "What happens next: a nurse from Example Health calls you within 2 working days."
            + " If you have been told to call 999 or to see a doctor today, do that now.";

    @Autowired
    MockMvc mvc;

    @Autowired
    AdviceWords words;

    private static RequestPostProcessor user(String name, String role, String patientId) {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-" + name, "preferred_username", name));
        return SecurityMockMvcRequestPostProcessors.oidcLogin()
                .oidcUser(new IntakeUser(List.of(new SimpleGrantedAuthority(role)), idToken, null, patientId));
    }

    /**
     * Alex's intake with a fever (URGENT), answered to questionnaire 1.1.0: besides the 999 list, its
     * advice lists what 1.1.0 did not ask, so the flat array has list items of two headings.
     */
    private JsonNode submitted() throws Exception {
        Responses intake = Responses.benign().questionnaire(Responses.CANONICAL + "|1.1.0");
        for (Question question : Question.values()) {
            if (!question.isAskedIn(QuestionnaireVersion.V1_1_0)) {
                intake.remove(question);
            }
        }
        intake.set(Question.CAN_BEAR_WEIGHT, true).set(Question.FEVER, true);
        var response = postIntake(intake.json(), TestTokens.patient("alex"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void theApisAdviceEndsWithTheServicesWordsAndKeepsEveryOtherPieceAsIntakeCoreWordsIt() throws Exception {
        JsonNode body = submitted();

        List<String> advice = StreamSupport.stream(body.get("advice").spliterator(), false).map(JsonNode::asText)
                .toList();
        List<Advice> told = store.find(body.get("id").asText()).orElseThrow().outcome().advice();
        assertThat(told.get(told.size() - 1)).isEqualTo(Advice.WHAT_HAPPENS_NEXT);
        assertThat(advice).hasSameSizeAs(told).endsWith(OURS).doesNotContain(Advice.WHAT_HAPPENS_NEXT.text());
        assertThat(advice.subList(0, advice.size() - 1))
                .containsExactlyElementsOf(told.subList(0, told.size() - 1).stream().map(Advice::text).toList());
        assertThat(advice).contains(Advice.NET_CALL_999.text(), Advice.SIGN_SADDLE_NUMBNESS.text(),
                Advice.NOT_ASKED_EMERGENCY.text(), Advice.NOT_ASKED_NUMBNESS_WORSE.text());
        assertThat(words.text(Advice.WHAT_HAPPENS_NEXT)).isEqualTo(OURS);
        assertThat(json(getIntake(body.get("id").asText(), TestTokens.patient("alex"))).get("advice").get(
                advice.size() - 1).asText()).isEqualTo(OURS);
    }

    private static JsonNode json(java.net.http.HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void thePatientsResultPageEndsWithTheServicesWords() throws Exception {
        String id = submitted().get("id").asText();

        String html = mvc.perform(get("/intake/result/" + id).with(user("alex", "ROLE_patient", "alex"))).andReturn()
                .getResponse().getContentAsString();

        Element last = Jsoup.parse(html).select("#triage-result [data-advice]").last();
        assertThat(last.attr("data-advice")).isEqualTo("WHAT_HAPPENS_NEXT");
        assertThat(last.text()).isEqualTo(OURS);
        assertThat(html).doesNotContain(Advice.WHAT_HAPPENS_NEXT.text());
    }

    @Test
    void theCliniciansPageShowsTheServicesWordsAsThePatientReadThem() throws Exception {
        String id = submitted().get("id").asText();

        String html = mvc.perform(get("/clinician/intakes/" + id).with(user("dr-sam", "ROLE_clinician", null)))
                .andReturn().getResponse().getContentAsString();

        Element last = Jsoup.parse(html).select("#advice [data-advice]").last();
        assertThat(last.attr("data-advice")).isEqualTo("WHAT_HAPPENS_NEXT");
        assertThat(last.text()).isEqualTo(OURS);
        assertThat(html).doesNotContain(Advice.WHAT_HAPPENS_NEXT.text());
    }
}
