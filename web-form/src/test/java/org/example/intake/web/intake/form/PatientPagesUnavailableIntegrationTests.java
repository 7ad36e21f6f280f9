package org.example.intake.web.intake.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.example.intake.core.advice.Advice;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.intake.SubmissionService;
import org.example.intake.web.security.IntakeUser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * When the app is up but a patient's page fails (the store or the database down: here the service behind the
 * pages throws), the patient reads the service unavailable page with status 503: the 999 signs, 999 and 111, and
 * nothing of the failure (hazard H28). The host's own controllers and the plugin's API keep the error handling they
 * had: the advice is the patient's pages' alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class PatientPagesUnavailableIntegrationTests extends WebFormTestSupport {

    /** What a failure's message might carry: it must reach neither the patient nor the log. */
    private static final String MARKER = "Zebra-quill 7781";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SubmissionService intakes;

    private static RequestPostProcessor patient(String id) {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-" + id, "preferred_username", id));
        return oidcLogin().oidcUser(new IntakeUser(List.of(new SimpleGrantedAuthority("ROLE_patient")), idToken, null, id));
    }

    private static void assertIsTheUnavailablePage(MvcResult result) throws Exception {
        assertThat(result.getResponse().getStatus()).isEqualTo(503);
        assertThat(result.getResponse().getContentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(result.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).isEqualTo(UnavailablePage.html());
        Document page = Jsoup.parse(body);
        assertThat(page.select("a[href=tel:999]")).hasSize(1);
        assertThat(page.select("a[href=tel:111]")).hasSize(1);
        assertThat(page.select("#emergency-signs > li").eachText()).contains(Advice.SIGN_SADDLE_NUMBNESS.text(),
                Advice.SIGN_VERY_UNWELL.text());
        assertThat(body).doesNotContain(MARKER, "Exception", "org.springframework", "org.example.intake.web.");
    }

    @Test
    void whenTheStoreIsDownThePatientsPastAnswersPageAnswers503WithThe999And111AdviceAndNoExceptionText(
            CapturedOutput output) throws Exception {
        given(intakes.ofPatient("alex")).willThrow(new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection: " + MARKER, new java.sql.SQLTransientConnectionException(MARKER)));

        assertIsTheUnavailablePage(mvc.perform(get("/intake/history").with(patient("alex"))).andReturn());

        assertThat(output.getAll()).contains("IntakeFormController#history failed",
                "org.springframework.jdbc.CannotGetJdbcConnectionException at ",
                "caused by java.sql.SQLTransientConnectionException").doesNotContain(MARKER);
    }

    @Test
    void whenSendingTheFormFailsThePatientReadsTheSameAdvice() throws Exception {
        given(intakes.submit(any(org.hl7.fhir.r4.model.QuestionnaireResponse.class), any(), any())).willThrow(new DataAccessResourceFailureException(MARKER));

        assertIsTheUnavailablePage(mvc.perform(post("/intake").param("onset", "days").with(patient("alex"))
                .with(csrf())).andReturn());
    }

    @Test
    void aResultThatCannotBeReadFromTheStoreIsTheUnavailablePageButOneThatIsNotThereIsStillNotFound()
            throws Exception {
        String broken = "0b0b0b0b-0000-4000-8000-000000000001";
        given(intakes.find(broken)).willThrow(new DataAccessResourceFailureException(MARKER));

        assertIsTheUnavailablePage(mvc.perform(get("/intake/result/" + broken).with(patient("alex"))).andReturn());
        MvcResult missing = mvc.perform(get("/intake/result/0b0b0b0b-0000-4000-8000-000000000002")
                .with(patient("alex"))).andReturn();
        assertThat(missing.getResponse().getStatus()).isEqualTo(404);
        assertThat(missing.getResponse().getContentAsString()).doesNotContain("tel:999");
    }

    @Test
    void theUnavailablePageIsServedToAnyoneAtIntakeUnavailableHtml_noLoginNeeded() throws Exception {
        MvcResult result = mvc.perform(get("/intake/unavailable.html")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).startsWith("text/html");
        assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(UnavailablePage.html());
    }

    @Test
    void aHostControllersFailureKeepsTheHostsOwnErrorHandling() {
        String reception = "Basic " + Base64.getEncoder().encodeToString(
                "reception:reception-secret".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> json = send(request("/host/broken").header("Authorization", reception)
                .header("Accept", "application/json").GET());
        HttpResponse<String> html = send(request("/host/broken").header("Authorization", reception)
                .header("Accept", "text/html").GET());

        assertThat(json.statusCode()).isEqualTo(500);
        assertThat(json.body()).contains("\"status\":500", "\"path\":\"/host/broken\"").doesNotContain("999");
        assertThat(html.statusCode()).isEqualTo(500);
        assertThat(html.body()).contains("Whitelabel Error Page").doesNotContain("999", "111");
    }

    @Test
    void theApisFailureIsNotTheUnavailablePage_theApiKeepsItsOwnErrorHandling() {
        String broken = "0b0b0b0b-0000-4000-8000-000000000003";
        given(intakes.find(broken)).willThrow(new DataAccessResourceFailureException(MARKER));

        HttpResponse<String> response = getIntake(broken, TestTokens.patient("alex"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("tel:999", MARKER);
    }
}
