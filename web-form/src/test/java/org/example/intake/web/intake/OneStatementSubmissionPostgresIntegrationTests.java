package org.example.intake.web.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.Responses;
import org.example.intake.testsupport.db.PostgresSchema;
import org.example.intake.web.PostgresNodes;
import org.example.intake.web.StatementLog;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.delivery.DeliveryQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On PostgreSQL a new submission and its first delivery job are one statement: one round trip where they were two
 * inserts and a commit, with what is written unchanged. The job row is the one the scheduler's own scheduling
 * writes, both are written or neither, the scheduler is woken for it as when it schedules one itself, and in a
 * caller's transaction both roll back with it.
 */
class OneStatementSubmissionPostgresIntegrationTests {

    private static final String EHR_PATH = "/one-statement-fhir";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PostgresSchema schema;
    private static ConfigurableApplicationContext node;

    /** Records what the node says to its database. */
    @Configuration(proxyBeanMethods = false)
    static class Recorded {

        @Bean
        static StatementLog statementLog() {
            return new StatementLog();
        }
    }

    @BeforeAll
    static void aNodeOnPostgres() {
        schema = PostgresSchema.create("onestatement");
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(get(urlEqualTo(WebFormTestSupport.JWKS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(TestTokens.jwkSet())));
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(post(urlEqualTo(EHR_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/fhir+json").withBody(WebFormTestSupport.TRANSACTION_RESPONSE)));
        // Polls far apart: a job delivered at once was found because its scheduler was woken for it.
        node = PostgresNodes.start(schema, "one-statement", EHR_PATH, Map.of("intake.scheduler.polling-interval", "60s"),
                Recorded.class);
    }

    @AfterAll
    static void stopTheNodeAndDropTheSchema() {
        if (node != null) {
            node.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void aSubmissionOverTheApiIsOneStatementOnTheRequestsThread_noTransactionAroundIt() throws Exception {
        StatementLog log = node.getBean(StatementLog.class);
        log.clear();

        HttpResponse<String> response = submit(Responses.benign().id("one-statement").json());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(log.ofThreadsNamed("http-nio")).singleElement().satisfies(entry -> assertThat(entry.sql())
                .startsWith("with submission as (insert into intake_submission")
                .contains("insert into intake_scheduled_tasks"));
        String id = new ObjectMapper().readTree(response.body()).get("id").asText();
        assertThat(schema.count("select count(*) from intake_submission where id = ?", id)).isOne();
    }

    @Test
    void theSchedulerIsWokenForTheJob_theSubmissionIsDeliveredLongBeforeItsNextPoll() throws Exception {
        HttpResponse<String> response = submit(Responses.benign().id("woken").json());
        String id = new ObjectMapper().readTree(response.body()).get("id").asText();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> schema.count(
                "select count(*) from intake_submission where id = ? and delivery = 'DELIVERED'", id) == 1);
    }

    @Test
    void theJobRowIsTheOneTheSchedulersOwnSchedulingWrites_andBothRollBackWithTheCallersTransaction() {
        SubmissionService service = node.getBean(SubmissionService.class);
        DeliveryQueue deliveries = node.getBean(DeliveryQueue.class);
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        String scheduledByItsClient = UUID.randomUUID().toString();
        String[] submitted = new String[1];
        String columns = "task_name, encode(task_data, 'escape') as data, picked, picked_by, last_success, last_failure,"
                + " consecutive_failures, last_heartbeat, version, priority";

        new TransactionTemplate(node.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
            Instant before = Instant.now();
            SubmitResult result = service.submit(Responses.benign().id("in-a-transaction").json(), "alex", null);
            deliveries.enqueueNew(scheduledByItsClient);
            submitted[0] = ((SubmitResult.Created) result).submission().id();

            Map<String, Object> ours = jdbc.queryForMap("select " + columns + " from intake_scheduled_tasks where"
                    + " task_instance = ?", submitted[0]);
            Map<String, Object> theirs = jdbc.queryForMap("select " + columns + " from intake_scheduled_tasks where"
                    + " task_instance = ?", scheduledByItsClient);
            assertThat(ours.get("data")).isEqualTo("\"" + submitted[0] + "\"");
            assertThat(theirs.get("data")).isEqualTo("\"" + scheduledByItsClient + "\"");
            ours.remove("data");
            theirs.remove("data");
            assertThat(ours).isEqualTo(theirs).containsEntry("task_name", "intake-delivery");
            assertThat(jdbc.queryForObject("select execution_time from intake_scheduled_tasks where task_instance = ?",
                    java.sql.Timestamp.class, submitted[0]).toInstant()).isBetween(before.minusSeconds(1), Instant.now());
            status.setRollbackOnly();
        });

        assertThat(schema.count("select count(*) from intake_submission where id = ?", submitted[0])).isZero();
        assertThat(schema.count("select count(*) from intake_scheduled_tasks where task_instance in (?, ?)",
                submitted[0], scheduledByItsClient)).isZero();
    }

    @Test
    void aKeyUsedBeforeWritesNeitherTheSubmissionNorItsJob() {
        SubmissionService service = node.getBean(SubmissionService.class);
        SubmissionStore store = node.getBean(SubmissionStore.class);
        DeliveryQueue deliveries = node.getBean(DeliveryQueue.class);
        String json = Responses.benign().id("keyed").json();
        String first = ((SubmitResult.Created) service.submit(json, "alex", "one-statement-key")).submission().id();
        IntakeReading.Accepted reading = (IntakeReading.Accepted) new IntakeReader().read(json);
        StoredSubmission again = new StoredSubmission(UUID.randomUUID().toString(), "alex", Instant.now(), json,
                new TriageEngine().triage(reading.answers()));

        assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> store.insert(again,
                "one-statement-key", deliveries.firstDelivery(again.id()).orElseThrow()));

        assertThat(schema.count("select count(*) from intake_submission where id = ?", again.id())).isZero();
        assertThat(schema.count("select count(*) from intake_scheduled_tasks where task_instance = ?", again.id()))
                .isZero();
        assertThat(((SubmitResult.Repeated) service.submit(json, "alex", "one-statement-key")).submission().id())
                .isEqualTo(first);
    }

    @Test
    void aRepeatedIdentifierIsAnsweredWithTheFirstSubmission_andLeavesNoJobBehind() throws Exception {
        String body = Responses.benign().id("identified").json().replaceFirst("\\{",
                "{\"identifier\":{\"system\":\"urn:app\",\"value\":\"one-statement-77\"},");
        long before = schema.count("select count(*) from intake_submission");

        HttpResponse<String> created = submit(body);
        HttpResponse<String> repeated = submit(body);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(repeated.statusCode()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(repeated.body()).get("id")).isEqualTo(json.readTree(created.body()).get("id"));
        assertThat(schema.count("select count(*) from intake_submission")).isEqualTo(before + 1);
        assertThat(schema.count("select count(*) from intake_scheduled_tasks where task_name = 'intake-delivery' and"
                + " task_instance not in (select id from intake_submission)")).isZero();
    }

    @Test
    void onlyPostgresInAutocommitWritesTheTwoAsOneStatement() {
        SingleConnectionDataSource postgres = new SingleConnectionDataSource(schema.jdbcUrl(), PostgresSchema.USER, "",
                true);
        SingleConnectionDataSource postgresNotAutocommitting = new SingleConnectionDataSource(schema.jdbcUrl(),
                PostgresSchema.USER, "", true);
        postgresNotAutocommitting.setAutoCommit(false);
        SingleConnectionDataSource h2 = new SingleConnectionDataSource("jdbc:h2:mem:one-statement", "sa", "", true);
        try {
            assertThat(SubmissionStore.writesOneStatement(postgres)).isTrue();
            assertThat(SubmissionStore.writesOneStatement(postgresNotAutocommitting)).isFalse();
            assertThat(SubmissionStore.writesOneStatement(h2)).isFalse();
        } finally {
            List.of(postgres, postgresNotAutocommitting, h2).forEach(SingleConnectionDataSource::destroy);
        }
    }

    private static HttpResponse<String> submit(String body) throws Exception {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/intakes"))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + TestTokens.patient("alex"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
