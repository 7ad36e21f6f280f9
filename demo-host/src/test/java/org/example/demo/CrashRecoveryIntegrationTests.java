package org.example.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.example.intake.testsupport.Settled.awaitSettled;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.demo.process.EhrWarmUp;
import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.Responses;
import org.example.intake.fhir.extract.Submission;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.example.intake.keycloak.DemoRealm;
import org.example.intake.keycloak.KeycloakServer;
import org.example.intake.testsupport.AppProcess;
import org.example.intake.testsupport.PatientTokens;
import org.example.intake.testsupport.TestStack;
import org.example.intake.testsupport.db.PostgresSchema;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crash safety (issue 7) on PostgreSQL with the real EHR sandbox and real Keycloak tokens: the
 * demo host runs as a process of its own, takes 60 intakes (each answered 201), and is killed with
 * SIGKILL ({@code kill -9}) as soon as the first has reached the EHR, while the others are being
 * delivered; restarted on the same database, it revives the dead node's picked jobs after missed
 * heartbeats and delivers the rest. Every accepted submission then is in the EHR exactly once: its
 * QuestionnaireResponse, its Provenance, its Observations (and Flag and ServiceRequest when
 * referred), none missing, none doubled. The figures (in flight at the kill, recovery time) are
 * printed and written to {@code target/crash-recovery/report.txt}.
 */
class CrashRecoveryIntegrationTests {

    private static final int SUBMISSIONS = 60;
    private static final int CLIENTS = 6;
    private static final Path WORK = Path.of("target", "crash-recovery");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeycloakServer keycloak;
    private static String ehrBaseUrl;

    private final List<AppProcess> apps = new ArrayList<>();
    private PostgresSchema schema;

    @BeforeAll
    static void theRealKeycloakAndEhrSandbox() {
        TestStack.start();
        keycloak = TestStack.keycloak();
        ehrBaseUrl = TestStack.ehrSandbox().baseUrl();
        // A fresh sandbox would hold the first concurrent deliveries for 30 s (see EhrWarmUp), not the app.
        EhrWarmUp.warmUp(ehrBaseUrl);
    }

    @BeforeEach
    void aThrowawaySchema() {
        schema = PostgresSchema.create("crash_it");
    }

    @AfterEach
    void killTheAppsAndDropTheSchema() {
        try {
            apps.stream().filter(AppProcess::isAlive).forEach(AppProcess::kill);
        } finally {
            schema.close();
        }
    }

    @Test
    void everySubmissionAnswered201EndsInTheEhrExactlyOnce_whenTheAppIsKilledMidDeliveryAndRestarted()
            throws Exception {
        String token = PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.ALEX);
        AppProcess first = startApp("app-1");

        List<String> ids = submitAll(first, token);
        await("the first delivery").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> delivered() >= 1);
        first.kill();
        Instant killedAt = Instant.now();
        long deliveredAtKill = delivered();
        // In flight: picked jobs whose submission is not recorded as delivered (a picked job of a delivered one
        // was between recording and removal: its next run removes it without sending).
        List<String> inFlight = schema.strings("select t.task_instance from intake_scheduled_tasks t join intake_submission s"
                + " on s.id = t.task_instance where t.picked and s.delivery <> 'DELIVERED'");
        long pickedButRecorded = schema.count("select count(*) from intake_scheduled_tasks t join intake_submission s"
                + " on s.id = t.task_instance where t.picked and s.delivery = 'DELIVERED'");
        long notPicked = schema.count("select count(*) from intake_scheduled_tasks where task_name = 'intake-delivery'"
                + " and not picked");
        int exitStatus = first.exitValue();
        // The EHR finishes what it had been sent (nothing more arrives for 2 s); which of the in-flight ones it holds
        // will be sent again.
        IGenericClient ehr = ehrClient();
        awaitSettled("the EHR's QuestionnaireResponses", () -> responsesInEhr(ehr), Duration.ofSeconds(2),
                Duration.ofSeconds(60));
        long inFlightAlreadyInEhr = inFlight.stream().filter(id -> responsesInEhr(ehr, id).size() == 1).count();
        Instant restartAt = Instant.now();
        startApp("app-2");
        Instant restartedAt = Instant.now();
        await("every submission DELIVERED after the restart").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    assertThat(schema.count("select count(*) from intake_submission where delivery = 'FAILED'"))
                            .as("FAILED deliveries").isZero();
                    return delivered() == SUBMISSIONS;
                });
        Instant recoveredAt = Instant.now();

        assertThat(exitStatus).as("killed by SIGKILL").isEqualTo(137);
        assertThat(deliveredAtKill).as("delivered when killed: some, not all").isBetween(1L, SUBMISSIONS - 1L);
        assertThat(schema.count("select count(*) from intake_submission")).isEqualTo(SUBMISSIONS);
        // (besides the recurring export of the audit trail, whose row stays for its next run)
        assertThat(schema.count("select count(*) from intake_scheduled_tasks where task_name <> 'intake-audit-export'"))
                .as("jobs left").isZero();
        assertThat(schema.strings("select id from intake_submission")).containsExactlyInAnyOrderElementsOf(ids);
        List<Expected> expected = expectedResources();
        for (Expected submission : expected) {
            assertExactlyOnceInTheEhr(ehr, submission);
        }
        // What a repeat did to the resources it found in place: conditional creates leave them alone, the
        // Provenance's PUT of the same content may or may not make a new version.
        Map<String, Long> versions = new TreeMap<>();
        for (String id : inFlight) {
            versions.merge("QuestionnaireResponse v" + responsesInEhr(ehr, id).get(0).getResource().getMeta()
                    .getVersionId(), 1L, Long::sum);
            versions.merge("Provenance v" + ehr.read().resource(Provenance.class)
                    .withId(SubmissionBundleBuilder.provenanceId(id)).execute().getMeta().getVersionId(), 1L, Long::sum);
        }
        report(String.format("crash recovery: %d submissions answered 201; app killed (SIGKILL, exit %d) with %d"
                        + " delivered (%d of them with their job not yet removed), %d in flight (picked, not"
                        + " recorded as delivered), %d of those already in the EHR (sent again after the restart;"
                        + " versions afterwards: %s), %d not yet picked; restarted app took %.1f s to start; all %d"
                        + " DELIVERED %.1f s after the kill (%.1f s after the restart); each exactly once in the EHR"
                        + " (QuestionnaireResponse, Provenance, %d Observations in all, %d Flags, %d ServiceRequests)",
                SUBMISSIONS, exitStatus, deliveredAtKill, pickedButRecorded, inFlight.size(), inFlightAlreadyInEhr,
                versions, notPicked, seconds(restartAt, restartedAt),
                SUBMISSIONS, seconds(killedAt, recoveredAt), seconds(restartedAt, recoveredAt),
                expected.stream().mapToInt(Expected::observations).sum(),
                expected.stream().filter(Expected::referred).count(),
                expected.stream().filter(Expected::referred).count()));
    }

    private AppProcess startApp(String name) {
        AppProcess app = AppProcess.mainClass(name, DemoHostApplication.class.getName())
                .jvmOptions("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .property("spring.profiles.active", "postgres,demo")
                .property("spring.datasource.url", schema.jdbcUrl())
                .property("intake.security.issuer-uri", keycloak.issuerUri())
                .property("intake.ehr.base-url", ehrBaseUrl)
                .property("intake.ehr.token-uri", keycloak.tokenUri())
                .property("intake.scheduler.name", "crash-" + name)
                .property("intake.scheduler.heartbeat-interval", "2s")
                .property("intake.scheduler.missed-heartbeats-limit", 4)
                .log(WORK.resolve(name + ".log"))
                .start(Duration.ofSeconds(120));
        apps.add(app);
        return app;
    }

    /** Posts every intake from a few clients at once; each must be answered 201. Every third is URGENT (fever). */
    private static List<String> submitAll(AppProcess app, String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < SUBMISSIONS; i++) {
                Responses intake = Responses.benign().id("crash-" + i);
                String body = (i % 3 == 0 ? intake.set(Question.FEVER, true) : intake).json();
                answers.add(clients.submit(() -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(app.baseUrl() + "/api/intakes"))
                            .header("Content-Type", "application/fhir+json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    return JSON.readTree(response.body()).get("id").asText();
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            return ids;
        } finally {
            clients.shutdownNow();
        }
    }

    private long delivered() {
        return schema.count("select count(*) from intake_submission where delivery = 'DELIVERED'");
    }

    /** What each stored submission's Bundle holds, built as delivery builds it. */
    private List<Expected> expectedResources() throws Exception {
        IntakeReader reader = new IntakeReader();
        TriageEngine engine = new TriageEngine();
        SubmissionBundleBuilder builder = new SubmissionBundleBuilder();
        List<Expected> expected = new ArrayList<>();
        try (Connection connection = schema.connect(); PreparedStatement statement = connection.prepareStatement(
                "select id, response_json, received_at from intake_submission order by received_at");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                IntakeReading.Accepted reading = (IntakeReading.Accepted) reader.read(rows.getString("response_json"));
                Bundle bundle = builder.build(new Submission(rows.getString("id"), reading.response(), reading.answers(),
                        engine.triage(reading.answers()), rows.getTimestamp("received_at").toInstant()));
                int observations = (int) bundle.getEntry().stream()
                        .filter(entry -> entry.getResource() instanceof Observation).count();
                boolean referred = bundle.getEntry().stream().anyMatch(entry -> entry.getResource() instanceof Flag);
                expected.add(new Expected(rows.getString("id"), observations, referred));
            }
        }
        return expected;
    }

    private record Expected(String submissionId, int observations, boolean referred) {
    }

    private static void assertExactlyOnceInTheEhr(IGenericClient ehr, Expected submission) {
        String id = submission.submissionId();
        List<Bundle.BundleEntryComponent> responses = responsesInEhr(ehr, id);
        assertThat(responses).as("QuestionnaireResponses of submission %s", id).hasSize(1);
        String response = "QuestionnaireResponse/" + responses.get(0).getResource().getIdElement().getIdPart();

        List<Bundle.BundleEntryComponent> provenances = ehr.search().forResource(Provenance.class)
                .where(Provenance.TARGET.hasId(response)).count(10).returnBundle(Bundle.class).execute().getEntry();
        assertThat(provenances).as("Provenances of submission %s", id).hasSize(1);
        assertThat(provenances.get(0).getResource().getIdElement().getIdPart())
                .isEqualTo(SubmissionBundleBuilder.provenanceId(id));

        List<Bundle.BundleEntryComponent> observations = ehr.search().forResource(Observation.class)
                .where(Observation.DERIVED_FROM.hasId(response)).count(200).returnBundle(Bundle.class).execute()
                .getEntry();
        Set<String> identifiers = new HashSet<>();
        observations.forEach(entry -> identifiers.add(((Observation) entry.getResource()).getIdentifierFirstRep()
                .getValue()));
        assertThat(observations).as("Observations of submission %s", id).hasSize(submission.observations());
        assertThat(identifiers).as("distinct Observations of submission %s", id).hasSize(submission.observations());

        int referrals = submission.referred() ? 1 : 0;
        assertThat(ehr.search().forResource(Flag.class)
                .where(Flag.IDENTIFIER.exactly().systemAndIdentifier(SubmissionBundleBuilder.RESOURCE_SYSTEM, id + "/flag"))
                .returnBundle(Bundle.class).execute().getEntry()).as("Flags of submission %s", id).hasSize(referrals);
        assertThat(ehr.search().forResource(ServiceRequest.class)
                .where(ServiceRequest.IDENTIFIER.exactly().systemAndIdentifier(SubmissionBundleBuilder.RESOURCE_SYSTEM,
                        id + "/referral"))
                .returnBundle(Bundle.class).execute().getEntry()).as("ServiceRequests of submission %s", id)
                .hasSize(referrals);
    }

    private static List<Bundle.BundleEntryComponent> responsesInEhr(IGenericClient ehr, String submissionId) {
        return ehr.search().forResource(QuestionnaireResponse.class)
                .where(QuestionnaireResponse.IDENTIFIER.exactly()
                        .systemAndIdentifier(SubmissionBundleBuilder.SUBMISSION_SYSTEM, submissionId))
                .count(10).returnBundle(Bundle.class).execute().getEntry();
    }

    /** How many QuestionnaireResponses the EHR holds in all. */
    private static long responsesInEhr(IGenericClient ehr) {
        return ehr.search().forResource(QuestionnaireResponse.class).summaryMode(SummaryEnum.COUNT)
                .returnBundle(Bundle.class).execute().getTotal();
    }

    /** A generic client on a context of its own: changing the shared context would change every client in the JVM. */
    private static IGenericClient ehrClient() {
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        return context.newRestfulGenericClient(ehrBaseUrl);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static void report(String line) throws Exception {
        System.out.println(line);
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("report.txt"), line + System.lineSeparator());
    }
}
