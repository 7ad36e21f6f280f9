package org.example.intake.web.retriage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.Level;
import org.example.intake.testsupport.db.PostgresSchema;
import org.example.intake.web.PostgresNodes;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The re-triage on PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth), in a schema of
 * its own that is dropped afterwards: submissions stored under rule set 1.1.0, then two nodes
 * started at the same moment, each re-triaging on start. Every submission is re-triaged once
 * (one audit record, one new revision, one delivery), whichever node took it.
 */
class RetriagePostgresIntegrationTests {

    private static final String EHR_PATH = "/pg-retriage-fhir";
    private static final int EACH = 40;

    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private static PostgresSchema schema;

    @BeforeAll
    static void createTheSchema() throws Exception {
        schema = PostgresSchema.create("retriage_it");
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(get(urlEqualTo(WebFormTestSupport.JWKS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(TestTokens.jwkSet())));
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(post(urlEqualTo(EHR_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/fhir+json").withBody(WebFormTestSupport.TRANSACTION_RESPONSE)));
    }

    @AfterAll
    static void stopTheNodesAndDropTheSchema() throws Exception {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (schema != null) {
            schema.close();
        }
    }

    private static ConfigurableApplicationContext start(String node) {
        ConfigurableApplicationContext context = PostgresNodes.start(schema, node, EHR_PATH, Map.of(
                "intake.scheduler.polling-strategy", "lock-and-fetch",
                "intake.scheduler.polling-strategy-upper-limit-fraction-of-threads", "1.0",
                "intake.retriage.batch-size", "7")); // many small batches, so the nodes meet
        synchronized (nodes) {
            nodes.add(context);
        }
        return context;
    }

    @Test
    void twoNodesStartingAtOnceRetriageEachWaitingSubmissionOnce() throws Exception {
        start("node-schema"); // makes the tables; nothing to re-triage yet
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(schema.jdbcUrl(), PostgresSchema.USER, ""));
        List<String> raised = new ArrayList<>();
        List<String> lower = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            raised.add(StoredUnderOlderRules.insert(jdbc, "pg-r" + i, StoredUnderOlderRules.selfCare100("pg-r" + i),
                    Level.SELF_CARE, List.of(), List.of(Advice.ACT_SELF_CARE.name()), false));
            lower.add(StoredUnderOlderRules.insert(jdbc, "pg-l" + i,
                    StoredUnderOlderRules.lonePastCancerAfterAStrain("pg-l" + i), Level.URGENT, List.of("MAL-HISTORY"),
                    List.of(Advice.ACT_URGENT.name()), false));
        }
        String reviewed = StoredUnderOlderRules.insert(jdbc, "pg-rev", StoredUnderOlderRules.selfCare100("pg-rev"),
                Level.SELF_CARE, List.of(), List.of(Advice.ACT_SELF_CARE.name()), true);

        CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture.supplyAsync(() -> start("node-b"));
        CompletableFuture<ConfigurableApplicationContext> c = CompletableFuture.supplyAsync(() -> start("node-c"));
        List<RetriageProgress> progress = List.of(b.get().getBean(RetriageService.class).progress(),
                c.get().getBean(RetriageService.class).progress());
        await().atMost(Duration.ofSeconds(60)).until(() -> progress.stream()
                .allMatch(p -> p.state() == RetriageProgress.State.DONE));

        long done = progress.stream().mapToLong(p -> ((Number) p.details().get("done")).longValue()).sum();
        assertThat(done).as("re-triaged by either node").isEqualTo(2L * EACH);
        assertThat(count(jdbc, "select count(*) from intake_audit where action = 'RETRIAGED'")).isEqualTo(2L * EACH);
        assertThat(count(jdbc, "select count(*) from intake_audit where action = 'RETRIAGED' and actor = 'system:retriage'"
                + " and actor_name = '" + RetriageService.ACTOR.name() + "'")).as("V11's actor_name on PostgreSQL")
                .isEqualTo(2L * EACH);
        assertThat(count(jdbc, "select count(distinct submission_id) from intake_audit where action = 'RETRIAGED'"))
                .isEqualTo(2L * EACH);
        assertThat(count(jdbc, "select count(*) from intake_submission where retriage_rule_set = '1.2.0'"
                + " and retriage_level = 'URGENT' and priority = 1 and revision = 1 and level = 'SELF_CARE'"))
                .isEqualTo(EACH);
        assertThat(count(jdbc, "select count(*) from intake_submission where retriage_rule_set = '1.2.0'"
                + " and retriage_level = 'SOON' and priority = 1 and revision = 0 and level = 'URGENT'"))
                .isEqualTo(EACH);
        assertThat(count(jdbc, "select count(*) from intake_submission where id = '" + reviewed + "'"
                + " and retriage_level is null")).isEqualTo(1);

        String raisedIds = String.join("','", raised);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(jdbc, "select count(*) from intake_submission"
                + " where delivery = 'DELIVERED' and delivered_revision = 1 and id in ('" + raisedIds + "')") == EACH);
        Map<String, Integer> deliveries = new HashMap<>();
        WebFormTestSupport.EHR_AND_ISSUER.findAll(postRequestedFor(urlEqualTo(EHR_PATH))).forEach(request -> {
            for (String id : raised) {
                if (request.getBodyAsString().contains("intake-submission\",\"value\":\"" + id + "\"")
                        && request.getBodyAsString().contains("\"resourceType\":\"QuestionnaireResponse\"")) {
                    deliveries.merge(id, 1, Integer::sum);
                    assertThat(request.getBodyAsString()).contains("\"priority\":\"urgent\"", "raised by rule set 1.2.0");
                }
            }
        });
        assertThat(deliveries).hasSize(EACH).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
        String lowerIds = String.join("','", lower);
        assertThat(count(jdbc, "select count(*) from intake_scheduled_tasks where task_instance in ('" + lowerIds + "')"))
                .as("nothing new for the EHR when less urgent").isZero();
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
