package org.example.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.fhir.Responses;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.example.intake.keycloak.DemoRealm;
import org.example.intake.keycloak.KeycloakServer;
import org.example.intake.testsupport.AppProcess;
import org.example.intake.testsupport.PatientTokens;
import org.example.intake.testsupport.TestStack;
import org.example.intake.testsupport.db.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clinic's application with the intake plugin inside, as a process of its own on a throwaway
 * PostgreSQL schema, against the real Keycloak (demo realm) and the EHR sandbox: it starts (its
 * Flyway made db-scheduler's standard table, the plugin's Flyway its own tables beside it); its own
 * pages keep their own login; its own db-scheduler task runs, with Java-serialized data in its own
 * table; its metrics and API docs refuse a stranger and a patient's token; and an intake sent
 * through the plugin with a patient's token reaches the EHR sandbox, its job never in the clinic's
 * table.
 */
class ClinicHostIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static KeycloakServer keycloak;
    private static String ehrBaseUrl;
    private static PostgresSchema schema;
    private static AppProcess clinic;

    @BeforeAll
    static void theClinicWithTheRealKeycloakAndEhrSandbox() {
        TestStack.start();
        keycloak = TestStack.keycloak();
        ehrBaseUrl = TestStack.ehrSandbox().baseUrl();
        schema = PostgresSchema.create("clinic_it");
        clinic = AppProcess.mainClass("clinic-host", ClinicHostApplication.class.getName())
                .jvmOptions("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .property("spring.profiles.active", "postgres,demo")
                .property("spring.datasource.url", schema.jdbcUrl())
                .property("intake.security.issuer-uri", keycloak.issuerUri())
                .property("intake.ehr.base-url", ehrBaseUrl)
                .property("intake.ehr.token-uri", keycloak.tokenUri())
                .readyWhen("/actuator/health/liveness", 200)
                .start(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopTheClinicAndDropItsSchema() {
        try {
            if (clinic != null) {
                clinic.close();
            }
        } finally {
            if (schema != null) {
                schema.close();
            }
        }
    }

    @Test
    void theClinicsOwnPagesKeepTheirLogin() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> stranger = browser.send(get("/clinic").header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).isEqualTo(302);
        assertThat(stranger.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));

        String loginPage = browser.send(get("/login").build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(csrf.find()).as(loginPage).isTrue();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(clinic.baseUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=reception&password=reception-secret&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/clinic"));

        HttpResponse<String> page = browser.send(get("/clinic").header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Clinic notice board");
    }

    @Test
    void theClinicsOwnTaskRuns_withJavaSerializedDataInItsOwnTable() throws Exception {
        await("the clinic's notice posted by its own task").atMost(PATIENCE)
                .until(() -> schema.count("select count(*) from clinic_notice where id like 'start-%'") >= 1);

        byte[] tomorrows = bytes("select task_data from scheduled_tasks where task_name = 'clinic-post-notice'"
                + " and task_instance like 'morning-%'");
        assertThat(tomorrows).startsWith((byte) 0xAC, (byte) 0xED); // Java serialization's stream magic
        assertThat(schema.strings("select distinct task_name from scheduled_tasks"))
                .containsExactly("clinic-post-notice");
    }

    @Test
    void metricsAndApiDocsRefuseAStrangerAndAPatient_theClinicsOperatorReadsThem() throws Exception {
        String patient = PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.ALEX);
        String operator = "Basic " + Base64.getEncoder().encodeToString("operator:operator-secret"
                .getBytes(StandardCharsets.UTF_8));

        for (String path : List.of("/actuator/prometheus", "/v3/api-docs", "/swagger-ui/index.html")) {
            assertThat(status(get(path).header("Accept", "application/json"))).as(path).isEqualTo(401);
            assertThat(status(get(path).header("Accept", "application/json").header("Authorization",
                    "Bearer " + patient))).as(path + " with a patient's token").isEqualTo(401);
            assertThat(status(get(path).header("Authorization", operator))).as(path + " as the operator")
                    .isEqualTo(200);
        }
        await("readiness, for anyone, once the plugin is warm").atMost(PATIENCE)
                .until(() -> status(get("/actuator/health/readiness")) == 200);
    }

    @Test
    void anIntakeSentThroughThePluginReachesTheEhrSandbox_itsJobNotInTheClinicsTable() throws Exception {
        String token = PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.ALEX);

        HttpResponse<String> submitted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(clinic.baseUrl() + "/api/intakes"))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(Responses.benign().id("clinic-1").json())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = JSON.readTree(submitted.body()).get("id").asText();
        await("the intake in the EHR sandbox").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> responsesInTheEhr(id) == 1);
        // The sandbox stores the Bundle before the plugin has read its answer and marked the intake delivered.
        await("the intake marked delivered").atMost(PATIENCE).untilAsserted(() -> assertThat(schema.strings(
                "select delivery from intake_submission where id = ?", id)).containsExactly("DELIVERED"));
        assertThat(schema.count("select count(*) from scheduled_tasks where task_name like 'intake-%'")).isZero();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(clinic.baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET();
    }

    private static int status(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** How many QuestionnaireResponses the sandbox holds for this submission (searched by its identifier). */
    private static int responsesInTheEhr(String submissionId) throws IOException, InterruptedException {
        String identifier = URLEncoder.encode(SubmissionBundleBuilder.SUBMISSION_SYSTEM + "|" + submissionId,
                StandardCharsets.UTF_8);
        HttpResponse<String> search = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ehrBaseUrl + "/QuestionnaireResponse?identifier=" + identifier + "&_summary=count"))
                .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        return JSON.readTree(search.body()).get("total").asInt();
    }

    private static byte[] bytes(String sql) throws Exception {
        try (Connection connection = schema.connect(); PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet row = statement.executeQuery()) {
            assertThat(row.next()).as(sql).isTrue();
            return row.getBytes(1);
        }
    }
}
