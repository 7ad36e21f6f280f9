package org.example.intake.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.intake.delivery.Deliveries;
import org.example.intake.ehr.smart.LaunchValues;
import org.example.intake.fhir.ehr.DeliveryResult;
import org.example.intake.fhir.ehr.EhrClient;
import org.example.intake.fhir.ehr.EhrSettings;
import org.example.intake.keycloak.DemoRealm;
import org.example.intake.keycloak.KeycloakServer;
import org.example.intake.testsupport.AppProcess;
import org.example.intake.testsupport.EhrSandboxProcess;
import org.example.intake.testsupport.PatientTokens;
import org.example.intake.testsupport.TestStack;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMART App Launch against the real Keycloak (demo realm, keycloak-smart provider) and an EHR sandbox of its own with
 * {@code ehr.smart.enforce=true}: standalone and EHR launches with the public client {@code smart-test-app} and PKCE,
 * the patient compartment, the plugin's client-credentials delivery.
 */
class SmartLaunchIntegrationTests {

    /** The demo realm's launch key (its launch scopes' mappers hold the same value). */
    static final String LAUNCH_SECRET = "smart-launch-demo-secret-0123456789abcdef";

    private static KeycloakServer keycloak;
    private static EhrSandboxProcess ehr;
    private static SmartLogin smart;
    private static LaunchValues launches;

    @BeforeAll
    static void start() {
        keycloak = TestStack.keycloak();
        ehr = EhrSandboxProcess.launch(List.of(), Map.of(
                        "ehr.smart.enforce", "true",
                        "ehr.smart.issuer", keycloak.issuerUri(),
                        "ehr.smart.launch-secret", LAUNCH_SECRET),
                AppProcess.LOG_DIR.resolve("ehr-sandbox-smart.log"))
                .awaitReady(Duration.ofMinutes(4));
        smart = new SmartLogin(keycloak);
        launches = new LaunchValues(LAUNCH_SECRET, Duration.ofMinutes(5), Clock.systemUTC());
        awaitDemoPatients();
    }

    /** The sandbox answers /metadata a moment before it has made the demo patients. */
    private static void awaitDemoPatients() {
        String token = serviceToken();
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).until(() ->
                get("Patient/alex", token).statusCode() == 200 && get("Patient/casey", token).statusCode() == 200);
    }

    /** A client-credentials token of the plugin's EHR client (system/*.cruds). */
    private static String serviceToken() {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(keycloak.tokenUri()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(SmartLogin.form(Map.of(
                            "grant_type", "client_credentials", "client_id", DemoRealm.EHR_CLIENT,
                            "client_secret", DemoRealm.EHR_CLIENT_SECRET))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return SmartLogin.json(answer.body()).path("access_token").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (ehr != null) {
            ehr.close();
        }
    }

    @Test
    void aStandaloneLaunchAsAlexGetsHerPatientAndReadsHerRecordButNotCaseys() throws Exception {
        SmartLogin.TokenAnswer answer = smart.login("alex", "openid fhirUser launch/patient patient/*.rs", null);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("patient").asText()).isEqualTo("alex");
        assertThat(answer.idTokenClaims().path("fhirUser").asText()).isEqualTo("http://localhost:8090/fhir/Patient/alex");
        assertThat(answer.body().path("scope").asText()).contains("launch/patient", "patient/*.rs");
        assertThat(get("Patient/alex", answer.accessToken()).statusCode()).isEqualTo(200);
        assertThat(get("Patient/casey", answer.accessToken()).statusCode()).isEqualTo(403);
    }

    @Test
    void aPatientWritesQuestionnaireResponsesForHerselfOnlyAndNothingElse() throws Exception {
        SmartLogin.TokenAnswer answer = smart.login("alex",
                "openid launch/patient patient/QuestionnaireResponse.cu", null);

        assertThat(post("QuestionnaireResponse", questionnaireResponse("alex"), answer.accessToken()).statusCode())
                .isEqualTo(201);
        assertThat(post("QuestionnaireResponse", questionnaireResponse("casey"), answer.accessToken()).statusCode())
                .isEqualTo(403);
        assertThat(post("Observation", "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
                + "\"subject\":{\"reference\":\"Patient/alex\"}}", answer.accessToken()).statusCode()).isEqualTo(403);
        assertThat(get("Patient/alex", answer.accessToken()).statusCode()).isEqualTo(403);
    }

    @Test
    void anEhrLaunchGivesItsPatientToItsClientOnceAndAReplayIsRefused() throws Exception {
        String launch = launches.issue("casey", SmartLogin.CLIENT);

        SmartLogin.TokenAnswer first = smart.login("dr-sam", "openid launch patient/*.rs", launch);
        SmartLogin.TokenAnswer replay = smart.login("dr-sam", "openid launch patient/*.rs", launch);

        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.body().path("patient").asText()).isEqualTo("casey");
        assertThat(get("Patient/casey", first.accessToken()).statusCode()).isEqualTo(200);
        assertThat(get("Patient/alex", first.accessToken()).statusCode()).isEqualTo(403);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aRefreshedTokenKeepsTheEhrLaunchsPatientThoughTheLaunchIsUsedUp() throws Exception {
        SmartLogin.TokenAnswer first = smart.login("dr-sam", "openid launch patient/*.rs",
                launches.issue("casey", SmartLogin.CLIENT));

        SmartLogin.TokenAnswer refreshed = smart.refresh(first.body().path("refresh_token").asText());

        assertThat(refreshed.status()).as(refreshed.body().toString()).isEqualTo(200);
        assertThat(refreshed.body().path("patient").asText()).isEqualTo("casey");
        assertThat(get("Patient/casey", refreshed.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void theEhrLauncherHasAClinicianLogInAndSendsTheBrowserToTheAppWithALaunchForItsPatient() throws Exception {
        String appLaunch = smart.ehrLauncher(origin(), "casey", SmartLogin.CLIENT, "dr-sam");

        assertThat(appLaunch).startsWith("http://localhost:8080/intake/smart/launch?");
        assertThat(SmartLogin.queryParameter(appLaunch, "iss")).isEqualTo(origin() + "/fhir");
        SmartLogin.TokenAnswer answer = smart.login("dr-sam", "openid launch patient/*.rs",
                SmartLogin.queryParameter(appLaunch, "launch"));
        assertThat(answer.body().path("patient").asText()).isEqualTo("casey");
    }

    @Test
    void theEhrLauncherRefusesAPatient() throws Exception {
        assertThat(smart.ehrLauncher(origin(), "casey", SmartLogin.CLIENT, "alex")).isEqualTo("HTTP 403");
    }

    @Test
    void anEhrLaunchIssuedToAnotherClientOrSignedWithAnotherKeyIsRefused() throws Exception {
        String foreign = launches.issue("casey", DemoRealm.WEB_CLIENT);
        String forged = new LaunchValues("another-key-0123456789abcdef-0123456789", Duration.ofMinutes(5),
                Clock.systemUTC()).issue("casey", SmartLogin.CLIENT);

        assertThat(smart.login("dr-sam", "openid launch patient/*.rs", foreign).status()).isEqualTo(400);
        assertThat(smart.login("dr-sam", "openid launch patient/*.rs", forged).status()).isEqualTo(400);
    }

    @Test
    void aPatientCannotTakeTheClinicianScopeAndAPatientTokenWithoutPatientScopesReadsNothing() throws Exception {
        SmartLogin.TokenAnswer answer = smart.login("alex", "openid user/*.rs", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("scope").asText()).doesNotContain("user/*.rs");
        assertThat(get("Patient/alex", answer.accessToken()).statusCode()).isEqualTo(403);
    }

    @Test
    void aClinicianWithUserScopesReadsEveryPatient() throws Exception {
        SmartLogin.TokenAnswer answer = smart.login("dr-sam", "openid user/*.rs", null);

        assertThat(answer.body().path("scope").asText()).contains("user/*.rs");
        assertThat(get("Patient/alex", answer.accessToken()).statusCode()).isEqualTo(200);
        assertThat(get("Patient/casey", answer.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutATokenOrWithATokenForAnotherAudienceTheFhirApiAnswers401ButMetadataStaysOpen() throws Exception {
        String intakeApiToken = PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.ALEX);

        assertThat(get("Patient/alex", null).statusCode()).isEqualTo(401);
        assertThat(get("Patient/alex", intakeApiToken).statusCode()).isEqualTo(401);
        assertThat(get("Patient/alex", "not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(get("metadata", null).statusCode()).isEqualTo(200);
    }

    @Test
    void thePluginsClientCredentialsDeliveryIsStoredWithItsSystemScope() {
        EhrSettings settings = EhrSettings.open(URI.create(ehr.baseUrl())).withCredentials(
                new EhrSettings.ClientCredentials(URI.create(keycloak.tokenUri()), DemoRealm.EHR_CLIENT,
                        DemoRealm.EHR_CLIENT_SECRET, Optional.empty()));
        try (EhrClient client = new EhrClient(settings)) {
            String example = Deliveries.read(Deliveries.validExamples().get(0));
            DeliveryResult result = client.deliver(Deliveries.bundle(Deliveries.submission("smart-it-delivery", example)));

            assertThat(result).as(result.toString()).isInstanceOf(DeliveryResult.Delivered.class);
        }
    }

    /** The sandbox's origin as the tests reach it, e.g. {@code http://127.0.0.1:41234}. */
    private static String origin() {
        return ehr.baseUrl().substring(0, ehr.baseUrl().length() - "/fhir".length());
    }

    private static String questionnaireResponse(String patient) {
        return "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\","
                + "\"subject\":{\"reference\":\"Patient/" + patient + "\"}}";
    }

    private static HttpResponse<String> post(String path, String json, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ehr.baseUrl() + "/" + path))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ehr.baseUrl() + "/" + path))
                .header("Accept", "application/fhir+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
