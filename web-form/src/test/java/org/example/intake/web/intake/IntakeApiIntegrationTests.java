package org.example.intake.web.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.advice.Advice;
import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.RuleSet;
import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The intake API over real HTTP, through the plugin's real security chain with
 * signed tokens: every status code, each security rule both ways.
 */
class IntakeApiIntegrationTests extends WebFormTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String alexsIntake() {
        return Responses.benign().json();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Nested
    class Submitting {

        @Test
        void aPatientsValidIntakeIsCreatedWithItsOutcomeAndAPendingDelivery() {
            HttpResponse<String> response = postIntake(Responses.benign().set(Question.FEVER, true).json(),
                    TestTokens.patient("alex"));

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode body = json(response);
            List<String> keys = new ArrayList<>();
            body.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("id", "level", "rules", "ruleSet", "advice", "delivery");
            assertThat(body.get("level").asText()).isEqualTo("URGENT");
            assertThat(body.get("rules")).extracting(JsonNode::asText).containsExactly("INF-FEVER");
            assertThat(body.get("ruleSet").asText()).isEqualTo(RuleSet.VERSION);
            assertThat(body.get("advice").get(0).asText()).startsWith("Speak to a doctor today");
            assertThat(body.get("delivery").asText()).isEqualTo("PENDING");
            assertThat(response.headers().firstValue("Location")).hasValue("/api/intakes/" + body.get("id").asText());
        }

        @Test
        void theAdviceIsAFlatArrayOfOneStringAPieceListItemsIncludedEndingWithTheDefaultWhatHappensNext() {
            JsonNode body = json(postIntake(Responses.benign().set(Question.FEVER, true).json(),
                    TestTokens.patient("alex")));

            List<String> advice = new ArrayList<>();
            body.get("advice").forEach(piece -> advice.add(piece.asText()));
            List<Advice> told = store.find(body.get("id").asText()).orElseThrow().outcome().advice();
            assertThat(advice).containsExactlyElementsOf(told.stream().map(Advice::text).toList());
            assertThat(advice.indexOf(Advice.SIGN_SADDLE_NUMBNESS.text()))
                    .isEqualTo(advice.indexOf(Advice.NET_CALL_999.text()) + 1);
            assertThat(advice).last().isEqualTo(Advice.WHAT_HAPPENS_NEXT.text());
        }

        @Test
        void theSubmissionCanBeReadBackByItsPatient() {
            String id = json(postIntake(alexsIntake(), TestTokens.patient("alex"))).get("id").asText();

            HttpResponse<String> response = getIntake(id, TestTokens.patient("alex"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("id").asText()).isEqualTo(id);
            assertThat(json(response).get("level").asText()).isEqualTo("SELF_CARE");
        }

        @Test
        void anIntakeWithoutSubjectIsTakenAsTheSendersOwn() {
            String body = alexsIntake().replace("\"subject\":{\"reference\":\"Patient/alex\"},", "");

            HttpResponse<String> response = postIntake(body, TestTokens.patient("alex"));

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(store.find(json(response).get("id").asText()).orElseThrow().responseJson())
                    .contains("\"reference\":\"Patient/alex\"");
        }

        @Test
        void anIntakeWithoutAuthoredIsStampedWithTheTimeItWasReceived() {
            String body = alexsIntake().replaceAll(",\"authored\":\"[^\"]+\"", "");
            assertThat(body).doesNotContain("authored");

            HttpResponse<String> response = postIntake(body, TestTokens.patient("alex"));

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(store.find(json(response).get("id").asText()).orElseThrow().responseJson())
                    .contains("\"authored\":\"");
        }
    }

    @Nested
    class Refusals {

        @Test
        void anInvalidIntakeIsRefusedWith422AndAnOperationOutcome() {
            long before = store.count();

            HttpResponse<String> response = postIntake(Responses.benign().remove(Question.AGE).json(),
                    TestTokens.patient("alex"));

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/fhir+json"));
            assertThat(json(response).get("resourceType").asText()).isEqualTo("OperationOutcome");
            assertThat(response.body()).contains("missing-answer");
            assertThat(store.count()).isEqualTo(before);
        }

        @Test
        void unparseableJsonIsRefusedWith400() {
            HttpResponse<String> response = postIntake("{\"resourceType\": \"QuestionnaireResponse\",",
                    TestTokens.patient("alex"));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("malformed-json");
        }

        @Test
        void aBodyOver64KilobytesIsRefusedWith413BeforeItIsRead() {
            String huge = alexsIntake().replace("\"status\":\"completed\"",
                    "\"status\":\"completed\",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
                            + "x".repeat(70_000) + "</div>\"}");

            HttpResponse<String> response = postIntake(huge, TestTokens.patient("alex"));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(json(response).get("resourceType").asText()).isEqualTo("OperationOutcome");
        }

        @Test
        void aBodyOver64KilobytesSentWithoutItsLength_chunked_isRefusedWith413AsItIsRead() {
            byte[] huge = ("{\"resourceType\":\"QuestionnaireResponse\",\"id\":\"" + "x".repeat(70_000) + "\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);

            HttpResponse<String> response = send(request("/api/intakes").header("Content-Type", "application/fhir+json")
                    .header("Authorization", "Bearer " + TestTokens.patient("alex"))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(json(response).get("resourceType").asText()).isEqualTo("OperationOutcome");
            assertThat(json(response).at("/issue/0/code").asText()).isEqualTo("too-long");
        }

        @Test
        void anotherMediaTypeIsRefusedWith415() {
            HttpResponse<String> response = send(request("/api/intakes").header("Content-Type", "text/plain")
                    .header("Authorization", "Bearer " + TestTokens.patient("alex"))
                    .POST(HttpRequest.BodyPublishers.ofString(alexsIntake())));

            assertThat(response.statusCode()).isEqualTo(415);
            assertThat(json(response).get("resourceType").asText()).isEqualTo("OperationOutcome");
        }

        @Test
        void plainApplicationJsonIsAcceptedToo() {
            HttpResponse<String> response = send(request("/api/intakes").header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TestTokens.patient("alex"))
                    .POST(HttpRequest.BodyPublishers.ofString(alexsIntake())));

            assertThat(response.statusCode()).isEqualTo(201);
        }
    }

    @Nested
    class Idempotency {

        @Test
        void aRepeatWithTheSameIdempotencyKeyReturnsTheFirstResultAndStoresNothingNew() {
            HttpRequest.Builder first = request("/api/intakes").header("Content-Type", "application/fhir+json")
                    .header("Authorization", "Bearer " + TestTokens.patient("alex")).header("Idempotency-Key", "k-1")
                    .POST(HttpRequest.BodyPublishers.ofString(alexsIntake()));
            HttpResponse<String> created = send(first);
            long after = store.count();

            HttpResponse<String> repeated = send(first);

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(repeated.statusCode()).isEqualTo(200);
            assertThat(json(repeated).get("id")).isEqualTo(json(created).get("id"));
            assertThat(store.count()).isEqualTo(after);
        }

        @Test
        void theSameKeyFromAnotherPatientIsAnotherSubmission() {
            String key = "shared-key";
            HttpResponse<String> alex = send(request("/api/intakes").header("Content-Type", "application/fhir+json")
                    .header("Authorization", "Bearer " + TestTokens.patient("alex")).header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(alexsIntake())));
            HttpResponse<String> casey = send(request("/api/intakes").header("Content-Type", "application/fhir+json")
                    .header("Authorization", "Bearer " + TestTokens.patient("casey")).header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(alexsIntake().replace("Patient/alex", "Patient/casey"))));

            assertThat(alex.statusCode()).isEqualTo(201);
            assertThat(casey.statusCode()).isEqualTo(201);
            assertThat(json(casey).get("id")).isNotEqualTo(json(alex).get("id"));
        }

        @Test
        void aRepeatOfAResponseWithTheSameIdentifierReturnsTheFirstResult() {
            String body = alexsIntake().replaceFirst("\\{", "{\"identifier\":{\"system\":\"urn:app\",\"value\":\"form-77\"},");
            HttpResponse<String> created = postIntake(body, TestTokens.patient("alex"));

            HttpResponse<String> repeated = postIntake(body, TestTokens.patient("alex"));

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(repeated.statusCode()).isEqualTo(200);
            assertThat(json(repeated).get("id")).isEqualTo(json(created).get("id"));
        }

        @Test
        void aMalformedIdempotencyKeyIsRefusedWith400() {
            HttpResponse<String> response = send(request("/api/intakes").header("Content-Type", "application/fhir+json")
                    .header("Authorization", "Bearer " + TestTokens.patient("alex"))
                    .header("Idempotency-Key", "x".repeat(201))
                    .POST(HttpRequest.BodyPublishers.ofString(alexsIntake())));

            assertThat(response.statusCode()).isEqualTo(400);
        }
    }

    @Nested
    class Security {

        @Test
        void noTokenIs401_withTheBearerChallengeAndAnOperationOutcome() {
            HttpResponse<String> post = postIntake(alexsIntake(), null);

            assertThat(post.statusCode()).isEqualTo(401);
            assertThat(post.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertThat(json(post).get("resourceType").asText()).isEqualTo("OperationOutcome");
            assertThat(getIntake("any", null).statusCode()).isEqualTo(401);
        }

        @Test
        void anExpiredTokenIs401() {
            String expired = TestTokens.builder().roles("patient").claim("fhir_patient_id", "alex").expiredMinutesAgo(5)
                    .sign();

            assertThat(postIntake(alexsIntake(), expired).statusCode()).isEqualTo(401);
        }

        @Test
        void aTokenFromAnotherIssuerIs401() {
            String foreign = TestTokens.builder().roles("patient").claim("fhir_patient_id", "alex")
                    .issuer("http://elsewhere.test/realms/intake").sign();

            assertThat(postIntake(alexsIntake(), foreign).statusCode()).isEqualTo(401);
        }

        @Test
        void aTokenForAnotherAudienceIs401() {
            String otherAudience = TestTokens.builder().roles("patient").claim("fhir_patient_id", "alex")
                    .audience("account").sign();

            assertThat(postIntake(alexsIntake(), otherAudience).statusCode()).isEqualTo(401);
        }

        @Test
        void aTokenSignedByAnUnknownKeyIs401() {
            String forged = TestTokens.builder().roles("patient").claim("fhir_patient_id", "alex").signedByAStranger()
                    .sign();

            assertThat(postIntake(alexsIntake(), forged).statusCode()).isEqualTo(401);
        }

        @Test
        void aPatientSubmittingForAnotherPatientIs403() {
            HttpResponse<String> response = postIntake(alexsIntake(), TestTokens.patient("casey"));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response).get("resourceType").asText()).isEqualTo("OperationOutcome");
        }

        @Test
        void aClinicianCannotSubmitAnIntake() {
            HttpResponse<String> response = postIntake(alexsIntake(), TestTokens.clinician());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response).get("resourceType").asText()).isEqualTo("OperationOutcome");
        }

        @Test
        void aPatientTokenWithoutAPatientIdCannotSubmit() {
            String noId = TestTokens.builder().roles("patient").sign();

            assertThat(postIntake(alexsIntake(), noId).statusCode()).isEqualTo(403);
        }

        @Test
        void anotherPatientsSubmissionIs404_theOwnerAndAClinicianCanReadIt() {
            String id = json(postIntake(alexsIntake(), TestTokens.patient("alex"))).get("id").asText();

            assertThat(getIntake(id, TestTokens.patient("casey")).statusCode()).isEqualTo(404);
            assertThat(getIntake(id, TestTokens.patient("alex")).statusCode()).isEqualTo(200);
            assertThat(getIntake(id, TestTokens.clinician()).statusCode()).isEqualTo(200);
        }

        @Test
        void anUnknownSubmissionIs404() {
            assertThat(getIntake("no-such-intake", TestTokens.patient("alex")).statusCode()).isEqualTo(404);
        }

        @Test
        void theHostsOwnEndpointKeepsTheHostsOwnSecurity() {
            HttpResponse<String> anonymous = send(request("/host/hello").GET());
            HttpResponse<String> withIntakeToken = send(request("/host/hello")
                    .header("Authorization", "Bearer " + TestTokens.patient("alex")).GET());
            HttpResponse<String> withHostLogin = send(request("/host/hello").header("Authorization", "Basic "
                    + java.util.Base64.getEncoder().encodeToString("reception:reception-secret".getBytes())).GET());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(withIntakeToken.statusCode()).isEqualTo(401);
            assertThat(withHostLogin.statusCode()).isEqualTo(200);
            assertThat(withHostLogin.body()).isEqualTo("hello from the host");
        }
    }
}
