package org.example.intake.web.intake.form;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.fhir.ExampleIntakes;
import org.example.intake.fhir.populate.IntakePopulation;
import org.example.intake.web.DemoRecords;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.security.IntakeUser;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The patient's form prefilled from their record, with a WireMock EHR ({@link DemoRecords}): what is chosen when the
 * form opens, the note beside it, and the markers on the submitted response; an EHR that cannot be read leaves the
 * form empty and sending it works.
 */
class FormPrefillIntegrationTests extends WebFormTestSupport {

    static final String NOTE = "We filled this in from your health record. Change it if it is not right.";

    @Autowired
    MockMvc mvc;

    @Autowired
    Clock intakeClock;

    @Autowired
    FhirContext fhir;

    final MockHttpSession session = new MockHttpSession();

    @BeforeEach
    void theEhrKnowsAlexAndCasey_andCannotBeReadForDrew() {
        DemoRecords.alexAndCasey(LocalDate.now(intakeClock));
        EHR_AND_ISSUER.stubFor(get(urlPathEqualTo("/fhir/Patient/drew")).willReturn(aResponse().withStatus(503)));
    }

    static RequestPostProcessor patient(String id) {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-" + id, "preferred_username", id));
        return oidcLogin().oidcUser(new IntakeUser(List.of(new SimpleGrantedAuthority("ROLE_patient")), idToken, null, id));
    }

    Document open(String patient) throws Exception {
        return Jsoup.parse(mvc.perform(MockMvcRequestBuilders.get("/intake").session(session).with(patient(patient)))
                .andReturn().getResponse().getContentAsString());
    }

    /** Sends the benign example with what the page holds for the prefilled questions, changed as given. */
    QuestionnaireResponse send(String patient, Document page, Map<String, String> changed) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        ExampleIntakes.benignAnswers(QuestionnaireVersion.CURRENT).forEach((question, value) -> answers.put(
                question.linkId(), value instanceof CodedAnswer option ? option.code() : String.valueOf(value)));
        page.select("input[type=radio][checked]").forEach(radio -> answers.put(radio.attr("name"), radio.val()));
        page.select("input[type=number]").stream().filter(input -> !input.val().isEmpty())
                .forEach(input -> answers.put(input.attr("name"), input.val()));
        answers.putAll(changed);
        answers.put("submissionKey", page.select("input[name=submissionKey]").val());
        MockHttpServletRequestBuilder request = post("/intake").session(session);
        answers.forEach(request::param);
        String result = mvc.perform(request.with(patient(patient)).with(csrf())).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(result).as("sent").contains("/intake/result/");
        return fhir.newJsonParser().parseResource(QuestionnaireResponse.class,
                store.find(result.substring(result.lastIndexOf('/') + 1)).orElseThrow().responseJson());
    }

    static QuestionnaireResponseItemComponent item(QuestionnaireResponse response, String linkId) {
        return response.getItem().stream().flatMap(group -> group.getItem().stream())
                .filter(item -> item.getLinkId().equals(linkId)).findFirst().orElseThrow();
    }

    static List<String> marks(QuestionnaireResponseItemComponent item, String url) {
        return item.getExtensionsByUrl(url).stream().map(e -> ((Reference) e.getValue()).getReference()).toList();
    }

    @Test
    void alexsFormOpensWithTheAgeFilledIn_andNothingElseChosen() throws Exception {
        Document page = open("alex");

        assertThat(page.getElementById("age").val()).isEqualTo("29");
        assertThat(page.select("input[type=radio][checked]")).isEmpty();
        assertThat(page.select(".intake-prefilled")).singleElement()
                .satisfies(note -> assertThat(note.id()).isEqualTo("age-prefilled"))
                .satisfies(note -> assertThat(note.text()).isEqualTo(NOTE));
    }

    @Test
    void caseysFormOpensWithAgeCancerHistoryAndBloodThinnersChosen_eachWithTheNote() throws Exception {
        Document page = open("casey");

        assertThat(page.getElementById("age").val()).isEqualTo("52");
        assertThat(page.select("input[type=radio][checked]")).extracting(e -> e.attr("name") + "=" + e.val())
                .containsExactlyInAnyOrder("cancer-history=true", "blood-thinners=true");
        assertThat(page.select(".intake-prefilled")).extracting(e -> e.id()).containsExactlyInAnyOrder(
                "age-prefilled", "cancer-history-prefilled", "blood-thinners-prefilled");
        assertThat(page.getElementById("age").attr("aria-describedby")).isEqualTo("age-prefilled");
        assertThat(page.selectFirst("[data-question=blood-thinners] fieldset").attr("aria-describedby"))
                .isEqualTo("blood-thinners-prefilled");
        assertThat(page.selectFirst("[data-question=fever] fieldset").hasAttr("aria-describedby")).isFalse();
    }

    @Test
    void theSentResponse_marksKeptAnswersAsFromTheRecord_andChangedOnesAsChanged() throws Exception {
        Document page = open("casey");

        QuestionnaireResponse sent = send("casey", page, Map.of("cancer-history", "false"));

        assertThat(marks(item(sent, "age"), IntakePopulation.PREFILLED_FROM)).containsExactly("Patient/casey");
        assertThat(marks(item(sent, "blood-thinners"), IntakePopulation.PREFILLED_FROM))
                .containsExactly("MedicationStatement/casey-apixaban");
        assertThat(marks(item(sent, "cancer-history"), IntakePopulation.PREFILLED_FROM)).isEmpty();
        assertThat(marks(item(sent, "cancer-history"), IntakePopulation.PREFILL_CHANGED))
                .containsExactly("Condition/casey-breast-cancer");
        assertThat(item(sent, "cancer-history").getAnswerFirstRep().getValueBooleanType().booleanValue()).isFalse();
        assertThat(marks(item(sent, "standing"), IntakePopulation.PREFILLED_FROM)).isEmpty();
    }

    @Test
    void aPostedFormWithoutTheSessionsPrefill_carriesNoMarks() throws Exception {
        Document page = open("casey");
        session.clearAttributes();

        QuestionnaireResponse sent = send("casey", page, Map.of());

        assertThat(marks(item(sent, "age"), IntakePopulation.PREFILLED_FROM)).isEmpty();
    }

    @Test
    void whenTheEhrCannotBeRead_theFormOpensEmpty_andSendingItWorks() throws Exception {
        Document page = open("drew");

        assertThat(page.getElementById("intake-form")).isNotNull();
        assertThat(page.getElementById("age").val()).isEmpty();
        assertThat(page.select(".intake-prefilled, .govuk-error-summary")).isEmpty();
        QuestionnaireResponse sent = send("drew", page, Map.of());
        assertThat(item(sent, "age").getExtension()).isEmpty();
    }
}
