package org.example.intake.web.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.example.intake.fhir.Responses;
import org.example.intake.testsupport.db.PostgresSchema;
import org.example.intake.web.PostgresNodes;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The plugin on PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth), in a schema of
 * its own that is dropped afterwards: two host instances share the database, db-scheduler
 * claims jobs with {@code SELECT ... FOR UPDATE SKIP LOCKED}, and every submission reaches the
 * EHR exactly once, whichever node took it, also when the EHR answered 503 for a while first.
 */
class PostgresTwoNodesIntegrationTests {

    private static PostgresSchema schema;
    private static final int SUBMISSIONS = 40;

    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void twoNodesOnOneDatabase() throws Exception {
        schema = PostgresSchema.create("webform_it");
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(get(urlEqualTo(WebFormTestSupport.JWKS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(TestTokens.jwkSet())));
        for (String node : List.of("node-a", "node-b")) {
            nodes.add(PostgresNodes.start(schema, node, "/pg-fhir", Map.of(
                    "intake.scheduler.polling-strategy", "lock-and-fetch",
                    "intake.scheduler.polling-strategy-upper-limit-fraction-of-threads", "1.0",
                    // an EHR that is down for a while is waited for
                    "intake.delivery.max-attempts", "1000")));
        }
    }

    @AfterAll
    static void stopTheNodesAndDropTheSchema() throws Exception {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void everySubmissionToEitherNodeIsDeliveredExactlyOnce() throws Exception {
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(post(urlEqualTo("/pg-fhir")).willReturn(aResponse()
                .withStatus(200).withFixedDelay(20).withHeader("Content-Type", "application/fhir+json")
                .withBody(WebFormTestSupport.TRANSACTION_RESPONSE)));
        List<String> ids = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < SUBMISSIONS; i++) {
            HttpResponse<String> response = submit(nodes.get(i % 2), Responses.benign().id("pg-" + i).json());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            ids.add(json.readTree(response.body()).get("id").asText());
        }

        String idList = String.join("','", ids);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> count(
                "select count(*) from intake_submission where delivery = 'DELIVERED' and id in ('" + idList + "')")
                == SUBMISSIONS);

        assertThat(count("select count(*) from intake_submission where id in ('" + idList + "')")).isEqualTo(SUBMISSIONS);
        assertThat(count("select count(*) from intake_scheduled_tasks where task_instance in ('" + idList + "')")).isZero();
        Map<String, Integer> deliveries = new HashMap<>();
        WebFormTestSupport.EHR_AND_ISSUER.findAll(postRequestedFor(urlEqualTo("/pg-fhir"))).forEach(request -> {
            for (String id : ids) {
                if (request.getBodyAsString().contains("intake-submission\",\"value\":\"" + id + "\"")
                        && request.getBodyAsString().contains("\"resourceType\":\"QuestionnaireResponse\"")) {
                    deliveries.merge(id, 1, Integer::sum);
                }
            }
        });
        assertThat(deliveries).hasSize(SUBMISSIONS).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    }

    private static HttpResponse<String> submit(ConfigurableApplicationContext node, String body) throws Exception {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/intakes"))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + TestTokens.patient("alex"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) {
        return schema.count(sql);
    }

    @Test
    void whileTheEhrAnswers503NothingIsLost_andWhenItRecoversEachSubmissionIsDeliveredOnce() throws Exception {
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(post(urlEqualTo("/pg-fhir")).willReturn(aResponse().withStatus(503)));
        List<String> ids = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = submit(nodes.get(i % 2), Responses.benign().id("down-" + i).json());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            ids.add(json.readTree(response.body()).get("id").asText());
        }
        String idList = String.join("','", ids);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> count(
                "select count(*) from intake_submission where delivery = 'RETRYING' and id in ('" + idList + "')") == 20);

        WebFormTestSupport.EHR_AND_ISSUER.stubFor(post(urlEqualTo("/pg-fhir")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/fhir+json")
                .withBody(WebFormTestSupport.TRANSACTION_RESPONSE)));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> count(
                "select count(*) from intake_submission where delivery = 'DELIVERED' and id in ('" + idList + "')") == 20);

        Map<String, Integer> accepted = new HashMap<>();
        for (ServeEvent event : WebFormTestSupport.EHR_AND_ISSUER.getAllServeEvents()) {
            if (!event.getRequest().getUrl().equals("/pg-fhir") || event.getResponse().getStatus() != 200) {
                continue;
            }
            for (String id : ids) {
                if (event.getRequest().getBodyAsString().contains("intake-submission\",\"value\":\"" + id + "\"")
                        && event.getRequest().getBodyAsString().contains("\"resourceType\":\"QuestionnaireResponse\"")) {
                    accepted.merge(id, 1, Integer::sum);
                }
            }
        }
        assertThat(accepted).hasSize(20).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        assertThat(count("select count(*) from intake_submission where delivery = 'FAILED'")).isZero();
    }

    @Test
    void decisionsOnEitherNodeWhileDeliveriesAreOnTheirWayEndInTheEhrAtTheirLatestRevision() throws Exception {
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(post(urlEqualTo("/pg-fhir")).willReturn(aResponse()
                .withStatus(200).withFixedDelay(300).withHeader("Content-Type", "application/fhir+json")
                .withBody(WebFormTestSupport.TRANSACTION_RESPONSE)));
        List<String> ids = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = submit(nodes.get(i % 2), Responses.benign()
                    .set(org.example.intake.core.answers.Question.SADDLE_NUMBNESS, true).id("decided-" + i).json());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String id = json.readTree(response.body()).get("id").asText();
            ids.add(id);
            if (i % 3 == 0) {
                Thread.sleep(150); // now and then, while its first delivery is on its way
            }
            assertThat(decide(nodes.get((i + 1) % 2), id, "review", "{}").statusCode()).isEqualTo(200);
            if (i % 2 == 0) {
                assertThat(decide(nodes.get(i % 2), id, "override", "{\"level\":\"URGENT\",\"reason\":\"pg\"}")
                        .statusCode()).isEqualTo(200);
            }
        }
        String idList = String.join("','", ids);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> count(
                "select count(*) from intake_submission where delivery = 'DELIVERED' and delivered_revision = revision"
                        + " and id in ('" + idList + "')") == ids.size());
        // The submissions' Bundles only: the audit export posts its AuditEvents to the same EHR now and then.
        IntSupplier submissionBundles = () -> (int) WebFormTestSupport.EHR_AND_ISSUER
                .findAll(postRequestedFor(urlEqualTo("/pg-fhir"))).stream()
                .filter(request -> request.getBodyAsString().contains("\"resourceType\":\"QuestionnaireResponse\""))
                .count();
        int posted = submissionBundles.getAsInt();
        await("nothing more follows").atMost(Duration.ofSeconds(5)).during(Duration.ofSeconds(1))
                .until(() -> submissionBundles.getAsInt() == posted);

        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            List<String> sent = WebFormTestSupport.EHR_AND_ISSUER.findAll(postRequestedFor(urlEqualTo("/pg-fhir"))).stream()
                    .map(request -> request.getBodyAsString())
                    .filter(body -> body.contains("intake-submission\",\"value\":\"" + id + "\"")
                            && body.contains("\"resourceType\":\"QuestionnaireResponse\"")).toList();
            String last = sent.get(sent.size() - 1);
            assertThat(last).as(id).contains("Flag?identifier=", "\"status\":\"inactive\"");
            if (i % 2 == 0) {
                assertThat(last).as(id).contains("\"priority\":\"urgent\"");
            }
        }
        assertThat(count("select count(*) from intake_scheduled_tasks where task_instance in ('" + idList + "')")).isZero();
        assertThat(count("select count(*) from intake_audit where action = 'REVIEWED' and submission_id in ('" + idList
                + "')")).isEqualTo(ids.size());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> schema.execute("update " + schema.name()
                + ".intake_audit set actor = 'someone else'")).hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> schema.execute("delete from " + schema.name() + ".intake_audit"))
                .hasMessageContaining("append-only");
    }

    private static HttpResponse<String> decide(ConfigurableApplicationContext node, String id, String action, String body)
            throws Exception {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/intakes/" + id + "/"
                        + action))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.clinician("dr-pg"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
