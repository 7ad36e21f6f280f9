package org.example.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.keycloak.DemoRealm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API's security rules with tokens from the real Keycloak and its demo realm (the web-form
 * tests cover the same rules with tokens they sign themselves): each rule both ways.
 */
class ApiWithRealKeycloakIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoStack stack;

    @BeforeAll
    static void startTheStackOnce() {
        stack = DemoStack.shared();
    }

    private static String intake(String patient) {
        return """
                {"resourceType":"QuestionnaireResponse","questionnaire":"http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.2.0",
                "status":"completed","subject":{"reference":"Patient/%s"},"item":[
                {"linkId":"cramp","item":[%s,%s,{"linkId":"pain-severity","answer":[{"valueInteger":4}]},%s,%s,
                %s,%s,%s,%s]},
                {"linkId":"leg","item":[%s,%s,%s]},
                {"linkId":"warning","item":[%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s]},
                {"linkId":"history","item":[{"linkId":"age","answer":[{"valueInteger":34}]},%s,%s,%s,%s,%s,%s]}]}"""
                .formatted(patient, choice("onset", "days"), choice("side", "left"), choice("pattern", "improving"),
                        choice("frequency", "first-time"), yes("apparent-cause", true), yes("major-trauma", false),
                        yes("daily-activities", false), choice("standing", "can-stand"), yes("radiates", false),
                        yes("numbness-tingling", false), yes("leg-weakness", false), yes("saddle-numbness", false),
                        yes("bladder-change", false), yes("bowel-change", false), yes("sexual-dysfunction", false),
                        yes("fever", false), yes("weight-loss", false), yes("night-pain", false),
                        yes("cold-pale-leg", false), yes("walking-claudication", false), yes("rest-pain", false),
                        yes("sudden-severe-onset", false), yes("very-unwell", false),
                        yes("tense-swelling-dark-urine", false), yes("calf-swelling", false), yes("anal-lump", false),
                        yes("pregnant", false), yes("cancer-history", false), yes("immunosuppressed", false),
                        yes("iv-drug-use", false),
                        yes("osteoporosis-steroids", false), yes("blood-thinners", false));
    }

    private static String choice(String linkId, String code) {
        return "{\"linkId\":\"" + linkId + "\",\"answer\":[{\"valueCoding\":{\"system\":"
                + "\"http://example.org/fhir/CodeSystem/buttock-cramp-intake\",\"code\":\"" + code + "\"}}]}";
    }

    private static String yes(String linkId, boolean value) {
        return "{\"linkId\":\"" + linkId + "\",\"answer\":[{\"valueBoolean\":" + value + "}]}";
    }

    private static String passwordToken(String user) throws Exception {
        return token(Map.of("grant_type", "password", "client_id", DemoRealm.CLI_CLIENT, "username", user,
                "password", user));
    }

    private static String token(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.keycloak.tokenUri()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static HttpResponse<String> post(String body, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.webBaseUrl + "/api/intakes"))
                .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String id, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.webBaseUrl + "/api/intakes/" + id))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPatientsRealTokenSubmitsTheirOwnIntake_butNotAnotherPatients() throws Exception {
        String alex = passwordToken("alex");

        HttpResponse<String> own = post(intake("alex"), alex);
        HttpResponse<String> other = post(intake("casey"), alex);

        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(other.statusCode()).isEqualTo(403);
    }

    @Test
    void anotherPatientsSubmissionIsNotFound_aCliniciansRealTokenReadsIt() throws Exception {
        JsonNode created = JSON.readTree(post(intake("alex"), passwordToken("alex")).body());
        String id = created.get("id").asText();

        assertThat(get(id, passwordToken("casey")).statusCode()).isEqualTo(404);
        assertThat(get(id, passwordToken("dr-sam")).statusCode()).isEqualTo(200);
        assertThat(get(id, passwordToken("alex")).statusCode()).isEqualTo(200);
    }

    @Test
    void aCliniciansRealTokenCannotSubmit() throws Exception {
        assertThat(post(intake("alex"), passwordToken("dr-sam")).statusCode()).isEqualTo(403);
    }

    @Test
    void theEhrClientsTokenIsForAnotherAudienceAndIsRefused() throws Exception {
        String ehrToken = token(Map.of("grant_type", "client_credentials", "client_id", DemoRealm.EHR_CLIENT,
                "client_secret", DemoRealm.EHR_CLIENT_SECRET));

        assertThat(post(intake("alex"), ehrToken).statusCode()).isEqualTo(401);
    }

    @Test
    void aTamperedRealTokenIsRefused() throws Exception {
        String alex = passwordToken("alex");
        String[] parts = alex.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        assertThat(post(intake("alex"), tampered).statusCode()).isEqualTo(401);
        assertThat(post(intake("alex"), alex).statusCode()).isEqualTo(201);
    }
}
