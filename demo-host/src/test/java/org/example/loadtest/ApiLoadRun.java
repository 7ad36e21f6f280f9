package org.example.loadtest;

import static org.example.loadtest.LoadMeasures.awaitDeliveries;
import static org.example.loadtest.LoadMeasures.cpuTicks;
import static org.example.loadtest.LoadMeasures.loadAverage;
import static org.example.loadtest.LoadMeasures.percentile;
import static org.example.loadtest.LoadMeasures.sleep;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.example.demo.process.EhrWarmUp;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.SampleIntakes;
import org.example.intake.fhir.extract.Submission;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.example.intake.keycloak.DemoRealm;
import org.example.intake.keycloak.KeycloakServer;
import org.example.intake.testsupport.AppProcess;
import org.example.intake.testsupport.EhrSandboxProcess;
import org.example.intake.testsupport.PatientTokens;
import org.example.intake.testsupport.TestStack;
import org.example.intake.testsupport.db.PostgresSchema;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;

/**
 * The API load run (issue 7; run it with {@code bench/api-load.sh}): real Keycloak, the EHR
 * sandbox and the application under test ({@link LoadTestHostApplication}: the plugin plus a bare
 * endpoint) each in a process of its own, on loopback, the store in a throwaway PostgreSQL
 * schema. This process is the load generator: N clients (java.net.http, one connection each)
 * with real tokens fetched beforehand (one per client, reused), varied valid intakes
 * ({@link SampleIntakes}, subject Patient/alex), a warm-up of each endpoint, then the measurement
 * in alternating rounds, {@code /bench/bare} (JWT check and one insert) then {@code /api/intakes},
 * each bounded by count and time, so both see the same machine. Then it waits until every
 * submission is DELIVERED, takes submit-to-delivered times and the delivery rate from the store
 * ({@code received_at}, {@code delivered_at}), measures submit-to-delivered once more without a
 * queue (a few intakes, one every half second), and compares the app's delivery rate after the load
 * with HAPI's generic client posting the same intakes' Bundles (under fresh submission ids) to the
 * sandbox at the same concurrency as the app's delivery threads, half before the load and half
 * after the deliveries. Prints the figures; fails only when a request or a delivery fails.
 *
 * <p>Settings (system properties): {@code load.clients} (8), {@code load.warmup} (200 requests per
 * endpoint), {@code load.requests} (800 per endpoint), {@code load.rounds} (4), {@code load.half-load-requests}
 * (400: then sent to the API paced at half the rate it reached, for its latency below saturation, once while the
 * full-speed rounds' backlog drains and once more after it has), {@code load.seconds} (60,
 * the longest measurement per endpoint), {@code load.delivery-threads} (10: db-scheduler's default, and
 * the HAPI side's threads), {@code load.hapi-bundles} (200), {@code load.drain-seconds} (300),
 * {@code load.schema} (the throwaway schema's name; default a random one), {@code load.work}
 * (target/api-load: logs), {@code load.pids-file} (written with the child processes' pids),
 * {@code load.app-jvm} (the app's JVM options), {@code load.ehr-validate} (false: the sandbox skips its
 * R4 validation of every resource, which would otherwise take most of its time on both sides).
 */
public final class ApiLoadRun {

    static {
        // Only this run's figures on standard output: the libraries' own logging (logback, Boot's default) at WARN,
        // set before the fields below make HAPI's first objects.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    /** Intakes submitted one at a time after the load, for submit-to-delivered without a queue. */
    private static final int PACED = 30;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final IntakeReader READER = new IntakeReader();
    private static final TriageEngine ENGINE = new TriageEngine();
    private static final SubmissionBundleBuilder BUILDER = new SubmissionBundleBuilder();
    private static volatile boolean stopping;
    private static final List<AutoCloseable> RUNNING = Collections.synchronizedList(new ArrayList<>());

    private final int clients = Integer.getInteger("load.clients", 8);
    private final int warmup = Integer.getInteger("load.warmup", 200);
    private final int requests = Integer.getInteger("load.requests", 800);
    private final int rounds = Integer.getInteger("load.rounds", 4);
    private final int halfLoadRequests = Integer.getInteger("load.half-load-requests", 400);
    private final Duration maxMeasure = Duration.ofSeconds(Integer.getInteger("load.seconds", 60));
    private final int deliveryThreads = Integer.getInteger("load.delivery-threads", 10);
    private final int hapiBundles = Integer.getInteger("load.hapi-bundles", 200);
    private final Duration drainPatience = Duration.ofSeconds(Integer.getInteger("load.drain-seconds", 300));
    private final boolean ehrValidates = Boolean.getBoolean("load.ehr-validate");
    private final Path work = Path.of(System.getProperty("load.work", "target/api-load"));

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            closeAll();
        }, "api-load-cleanup"));
        int status = 0;
        try {
            new ApiLoadRun().run();
        } catch (Throwable e) {
            if (stopping) {
                System.err.println("api-load: stopped; the app, the sandbox and Keycloak are stopped, the schema dropped");
                return;
            }
            System.err.println("api-load: FAILED: " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            closeAll();
        }
        System.exit(status);
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        Path pids = Path.of(System.getProperty("load.pids-file", work.resolve("pids").toString()));
        String loadBefore = loadAverage();
        out("API load run, %s: %d cores, load average before the stack started: %s", Instant.now(),
                Runtime.getRuntime().availableProcessors(), loadBefore);

        EhrSandboxProcess ehr = EhrSandboxProcess.launch(List.of(),
                Map.of("ehr.validate-requests", Boolean.toString(ehrValidates)), work.resolve("ehr-sandbox.log"));
        RUNNING.add(0, ehr);
        Files.writeString(pids, ehr.pid() + "\n");
        KeycloakServer keycloak = TestStack.keycloak();
        ehr.awaitReady(TestStack.EHR_START_PATIENCE);
        Files.writeString(pids, ehr.pid() + "\n", StandardOpenOption.APPEND); // if it had to start again
        EhrWarmUp.warmUp(ehr.baseUrl()); // before anything posts to it concurrently: see EhrWarmUp
        String schemaName = System.getProperty("load.schema");
        PostgresSchema schema = schemaName == null || schemaName.isBlank() ? PostgresSchema.create("apiload")
                : PostgresSchema.createNamed(schemaName);
        RUNNING.add(0, schema);
        AppProcess app = AppProcess.mainClass("load-test-host", LoadTestHostApplication.class.getName())
                .jvmOptions(List.of(System.getProperty("load.app-jvm", "-Xms512m -Xmx512m").split(" ")))
                .arguments(List.of("--spring.profiles.active=postgres,demo",
                        "--spring.datasource.url=" + schema.jdbcUrl(),
                        "--intake.security.issuer-uri=" + keycloak.issuerUri(),
                        "--intake.ehr.base-url=" + ehr.baseUrl(),
                        "--intake.ehr.token-uri=" + keycloak.tokenUri(),
                        "--intake.scheduler.threads=" + deliveryThreads,
                        "--intake.scheduler.name=load-test-host"))
                .log(work.resolve("app.log"))
                .start(Duration.ofMinutes(2));
        RUNNING.add(0, app);
        Files.writeString(pids, app.pid() + "\n", StandardOpenOption.APPEND);
        out("stack: Keycloak %s, EHR sandbox %s (pid %d, validating requests: %s), app %s (pid %d, PostgreSQL"
                        + " schema %s)", keycloak.baseUrl(), ehr.baseUrl(), ehr.pid(), ehrValidates, app.baseUrl(),
                app.pid(), schema.name());
        out("load: %d clients; per endpoint a warm-up of %d requests, then %d requests in %d alternating rounds (at"
                + " most %d s in all); load average now %s", clients, warmup, requests, rounds, maxMeasure.toSeconds(),
                loadAverage());

        List<String> bodies = intakes(warmup + requests + 2 * halfLoadRequests + PACED);
        URI bareUri = URI.create(app.baseUrl() + "/bench/bare");
        URI apiUri = URI.create(app.baseUrl() + "/api/intakes");

        // HAPI's client, first half: Bundles of the intakes the API will take, before the load (the second half
        // follows the app's deliveries, so the two bracket them in time and in the size of the EHR's database).
        IGenericClient hapi = hapiClient(ehr.baseUrl(), deliveryThreads);
        List<Bundle> hapiBefore = new ArrayList<>();
        for (String body : bodies.subList(warmup, warmup + deliveryThreads + hapiBundles / 2)) {
            hapiBefore.add(bundle("hapi-" + UUID.randomUUID(), body, Instant.now()));
        }
        post(hapi, hapiBefore.subList(0, deliveryThreads)); // the client's own warm-up
        Rate hapiFirst = rate(hapi, hapiBefore.subList(deliveryThreads, hapiBefore.size()));
        out("HAPI's generic client before the load, %d threads: %d bundles at %.2f/s (the sandbox's rate for the app's"
                + " drain to be compared with)", deliveryThreads, hapiFirst.bundles(), hapiFirst.perSecond());

        List<String> tokens = tokens(keycloak);
        for (URI uri : List.of(bareUri, apiUri)) {
            Phase warm = load(uri.getPath(), uri, bodies.subList(0, warmup), tokens, Duration.ofMinutes(2), 0, app);
            if (warm.accepted() < warm.requests()) {
                throw new IllegalStateException("warm-up: " + warm.line());
            }
        }
        // Alternating rounds, so both endpoints see the same machine: other builds come and go, and the API's
        // deliveries run in the background from its first round on.
        Phase bare = Phase.empty("/bench/bare");
        Phase api = Phase.empty("/api/intakes");
        int perRound = requests / rounds;
        for (int round = 0; round < rounds; round++) {
            List<String> slice = bodies.subList(warmup + round * perRound, warmup + (round + 1) * perRound);
            tokens = tokens(keycloak);
            bare = bare.plus(load(bare.name(), bareUri, slice, tokens, maxMeasure.dividedBy(rounds), 0, app));
            api = api.plus(load(api.name(), apiUri, slice, tokens, maxMeasure.dividedBy(rounds), 0, app));
        }
        out("%s", bare.line());
        out("%s", api.line());
        out("  the API at %.0f%% of the bare endpoint's accepted/s (goal: at least 80%%)",
                100 * api.acceptedPerSecond() / bare.acceptedPerSecond());
        // Then the API at half the rate it just reached, paced (one request every 1/rate s, whatever the answers):
        // its latency when it is not saturated.
        double halfRate = api.acceptedPerSecond() / 2;
        Phase half = load("/api/intakes", apiUri, bodies.subList(warmup + requests, warmup + requests + halfLoadRequests),
                tokens, maxMeasure, (long) (1e9 / halfRate), app);
        Instant loadEnd = Instant.now();
        out("%s", half.line());
        out("  the API paced at %.1f requests/s, half its accepted/s above: p99 %.1f ms (goal: at most 100 ms)",
                halfRate, half.p99Millis());
        if (bare.accepted() < bare.requests() || api.accepted() < api.requests() || half.accepted() < half.requests()) {
            throw new IllegalStateException("requests were refused or failed (statuses above)");
        }

        long backlog = schema.count("select count(*) from intake_submission where delivery <> 'DELIVERED'");
        out("delivery: %d submissions stored, %d not yet delivered when the load ended; waiting (up to %d s)...",
                schema.count("select count(*) from intake_submission"), backlog, drainPatience.toSeconds());
        drain(schema, backlog, hapiFirst);
        double appRate = deliveryFigures(schema, api.ids(), loadEnd);
        // The same half rate again once the backlog is delivered: the machine then carries this load and its own
        // deliveries only (above, it also carried the drain of the full-speed rounds' backlog).
        int settledFrom = warmup + requests + halfLoadRequests;
        Phase settled = load("/api/intakes", apiUri, bodies.subList(settledFrom, settledFrom + halfLoadRequests),
                tokens(keycloak), maxMeasure, (long) (1e9 / halfRate), app);
        out("%s", settled.line());
        out("  the API paced at %.1f requests/s with the backlog delivered (only this load and its own deliveries on "
                + "the machine): p99 %.1f ms (goal: at most 100 ms)", halfRate, settled.p99Millis());
        if (settled.accepted() < settled.requests()) {
            throw new IllegalStateException("requests were refused or failed (statuses above)");
        }
        awaitDeliveries(schema, drainPatience, "api-load");
        paced(schema, apiUri, bodies.subList(settledFrom + halfLoadRequests, bodies.size()), keycloak);
        hapiComparison(schema, api.ids(), hapi, hapiFirst, appRate);
        out("load average after: %s", loadAverage());
    }

    private static IGenericClient hapiClient(String ehrBaseUrl, int threads) {
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        context.getRestfulClientFactory().setSocketTimeout(120_000);
        context.getRestfulClientFactory().setPoolMaxTotal(Math.max(20, threads * 2));
        context.getRestfulClientFactory().setPoolMaxPerRoute(Math.max(20, threads * 2));
        return context.newRestfulGenericClient(ehrBaseUrl);
    }

    private List<String> tokens(KeycloakServer keycloak) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            tokens.add(PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.ALEX));
        }
        return tokens;
    }

    /**
     * Sends the bodies from {@link #clients} clients: each as soon as a client is free when {@code intervalNanos} is
     * 0 (closed loop), else the i-th at i intervals from the start (paced).
     */
    private Phase load(String name, URI uri, List<String> bodies, List<String> tokens, Duration maxTime,
            long intervalNanos, AppProcess app) throws Exception {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Sample>>> results = new ArrayList<>();
        long[] deadline = new long[1];
        long[] start0 = new long[1];
        for (int c = 0; c < clients; c++) {
            String token = tokens.get(c);
            results.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                List<Sample> samples = new ArrayList<>();
                start.await();
                for (int i = next.getAndIncrement(); i < bodies.size() && System.nanoTime() < deadline[0];
                        i = next.getAndIncrement()) {
                    if (intervalNanos > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(start0[0] + i * intervalNanos - System.nanoTime());
                    }
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build();
                    long sent = System.nanoTime();
                    int status;
                    String id = null;
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        status = response.statusCode();
                        if (status == 201) {
                            Matcher matcher = ID.matcher(response.body());
                            id = matcher.find() ? matcher.group(1) : null;
                        }
                    } catch (IOException e) {
                        status = -1;
                    }
                    samples.add(new Sample(System.nanoTime() - sent, status, id));
                }
                return samples;
            }));
        }
        long cpuBefore = cpuTicks(app.pid());
        long began = System.nanoTime();
        start0[0] = began;
        deadline[0] = began + maxTime.toNanos();
        start.countDown();
        List<Sample> all = new ArrayList<>();
        for (Future<List<Sample>> result : results) {
            all.addAll(result.get());
        }
        long ended = System.nanoTime();
        long cpuAfter = cpuTicks(app.pid());
        pool.shutdown();
        return new Phase(name, all, (ended - began) / 1e9, (cpuAfter - cpuBefore) / 100.0);
    }

    private record Sample(long nanos, int status, String id) {
    }

    private record Phase(String name, List<Sample> samples, double seconds, double appCpuSeconds) {

        static Phase empty(String name) {
            return new Phase(name, List.of(), 0, 0);
        }

        Phase plus(Phase more) {
            List<Sample> all = new ArrayList<>(samples);
            all.addAll(more.samples());
            return new Phase(name, all, seconds + more.seconds(), appCpuSeconds + more.appCpuSeconds());
        }

        int requests() {
            return samples.size();
        }

        int accepted() {
            return (int) samples.stream().filter(s -> s.status() == 201).count();
        }

        double acceptedPerSecond() {
            return accepted() / seconds;
        }

        double p99Millis() {
            return percentile(samples.stream().filter(s -> s.status() == 201).mapToLong(Sample::nanos).sorted()
                    .toArray(), 0.99) / 1e6;
        }

        List<String> ids() {
            return samples.stream().map(Sample::id).filter(id -> id != null).toList();
        }

        String line() {
            long[] nanos = samples.stream().filter(s -> s.status() == 201).mapToLong(Sample::nanos).sorted().toArray();
            Map<Integer, Integer> statuses = new TreeMap<>();
            samples.forEach(s -> statuses.merge(s.status(), 1, Integer::sum));
            return String.format("%-13s requests %d, accepted %d (statuses %s) in %.1f s: %.1f accepted/s, p50 %.1f ms,"
                            + " p99 %.1f ms; app CPU %.2f ms per request", name, requests(), accepted(), statuses,
                    seconds, acceptedPerSecond(), percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6,
                    requests() == 0 ? 0 : appCpuSeconds * 1000 / requests());
        }
    }

    /**
     * Waits for the backlog to drain, printing every 30 s how many are left and the app's delivery rate so far; when
     * it does not drain in time, prints that rate beside HAPI's client's (before the load) before failing, so a slow
     * drain says whether the app or the sandbox was slow.
     */
    private void drain(PostgresSchema schema, long backlog, Rate hapiBefore) throws Exception {
        String undelivered = "select count(*) from intake_submission where delivery not in ('DELIVERED', 'FAILED')";
        long began = System.nanoTime();
        long deadline = began + drainPatience.toNanos();
        long nextReport = began + Duration.ofSeconds(30).toNanos();
        long left = backlog;
        while (left > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            left = schema.count(undelivered);
            if (System.nanoTime() >= nextReport) {
                nextReport += Duration.ofSeconds(30).toNanos();
                System.err.printf("api-load: %d submissions still to deliver; %.2f deliveries/s since the load ended%n",
                        left, (backlog - left) / ((System.nanoTime() - began) / 1e9));
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        double rate = (backlog - left) / seconds;
        out("  drain: %d of %d delivered in %.1f s: %.2f deliveries/s, %.0f%% of HAPI's client before the load (%.2f"
                        + " bundles/s); load average %s", backlog - left, backlog, seconds, rate,
                100 * rate / hapiBefore.perSecond(), hapiBefore.perSecond(), loadAverage());
        if (left > 0) {
            throw new IllegalStateException(left + " submissions still not delivered after " + drainPatience);
        }
    }

    /** Prints what the store says about the deliveries of the load; returns the app's deliveries/s after the load. */
    private double deliveryFigures(PostgresSchema schema, List<String> measuredIds, Instant loadEnd) throws Exception {
        Map<String, Stored> stored = stored(schema);
        long failed = stored.values().stream().filter(s -> "FAILED".equals(s.delivery())).count();
        long retried = stored.values().stream().filter(s -> s.attempts() > 1).count();
        long[] submitToDelivered = submitToDelivered(measuredIds, stored);
        List<Instant> afterLoad = stored.values().stream().map(Stored::deliveredAt)
                .filter(at -> at != null && at.isAfter(loadEnd)).sorted().toList();
        Instant first = stored.values().stream().map(Stored::receivedAt).min(Instant::compareTo).orElseThrow();
        Instant last = stored.values().stream().map(Stored::deliveredAt).filter(at -> at != null)
                .max(Instant::compareTo).orElseThrow();
        double windowSeconds = afterLoad.isEmpty() ? 0 : Duration.between(loadEnd, afterLoad.get(afterLoad.size() - 1))
                .toMillis() / 1000.0;
        double appRate = afterLoad.size() / windowSeconds;
        out("delivery: %d DELIVERED, %d FAILED, %d needed more than one attempt; whole run: %.2f deliveries/s"
                        + " (%d from the first submission to the last delivery, %.1f s)", stored.size() - failed, failed,
                retried, stored.size() / (Duration.between(first, last).toMillis() / 1000.0), stored.size(),
                Duration.between(first, last).toMillis() / 1000.0);
        out("  app (db-scheduler, %d threads), after the load ended: %d deliveries in %.1f s: %.2f deliveries/s",
                deliveryThreads, afterLoad.size(), windowSeconds, appRate);
        out("  submit-to-delivered of the %d measured API submissions: p50 %.1f s, p99 %.1f s (a queue: the API"
                        + " takes them much faster than the EHR)", submitToDelivered.length,
                percentile(submitToDelivered, 0.50) / 1000.0, percentile(submitToDelivered, 0.99) / 1000.0);
        if (failed > 0) {
            throw new IllegalStateException(failed + " deliveries FAILED: see the app's log");
        }
        return appRate;
    }

    /** Submit-to-delivered without a queue: a few intakes, one every half second, well below the EHR's rate. */
    private void paced(PostgresSchema schema, URI apiUri, List<String> bodies, KeycloakServer keycloak)
            throws Exception {
        String token = PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.ALEX);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> ids = new ArrayList<>();
        for (String body : bodies) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(apiUri).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(response.body());
            if (response.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("paced submission: HTTP " + response.statusCode() + " " + response.body());
            }
            ids.add(id.group(1));
            sleep(Duration.ofMillis(500));
        }
        awaitDeliveries(schema, drainPatience, "api-load");
        long[] latencies = submitToDelivered(ids, stored(schema));
        out("  submit-to-delivered without a queue (%d intakes, one every 0.5 s): p50 %.0f ms, p99 %.0f ms",
                latencies.length, percentile(latencies, 0.50), percentile(latencies, 0.99));
    }

    /**
     * The same Bundles straight to the sandbox with HAPI's generic client, under fresh submission ids, at the app's
     * delivery concurrency: the second half, after the app's deliveries; together with the first, before the load.
     */
    private void hapiComparison(PostgresSchema schema, List<String> measuredIds, IGenericClient hapi, Rate first,
            double appRate) throws Exception {
        Map<String, Stored> stored = stored(schema);
        List<Bundle> bundles = new ArrayList<>();
        for (String id : measuredIds.subList(Math.max(0, measuredIds.size() - hapiBundles / 2), measuredIds.size())) {
            Stored submission = stored.get(id);
            bundles.add(bundle("hapi-" + submission.id(), submission.responseJson(), submission.receivedAt()));
        }
        Rate second = rate(hapi, bundles);
        double hapiRate = (first.bundles() + second.bundles()) / (first.seconds() + second.seconds());
        out("  HAPI's generic client, the same kind of Bundles (%d entries on average), %d threads: %d bundles before"
                        + " the load at %.2f/s, %d after the deliveries at %.2f/s: %.2f bundles/s", second.entries(),
                deliveryThreads, first.bundles(), first.perSecond(), second.bundles(), second.perSecond(), hapiRate);
        out("  the app's delivery rate at %.0f%% of HAPI's client (goal: at least 90%%)", 100 * appRate / hapiRate);
    }

    private record Rate(int bundles, double seconds, long entries) {

        double perSecond() {
            return bundles / seconds;
        }
    }

    private Rate rate(IGenericClient hapi, List<Bundle> bundles) throws Exception {
        long began = System.nanoTime();
        post(hapi, bundles);
        return new Rate(bundles.size(), (System.nanoTime() - began) / 1e9,
                Math.round(bundles.stream().mapToInt(b -> b.getEntry().size()).average().orElse(0)));
    }

    /** The transaction Bundle of this intake under this submission id, built as the plugin's delivery builds it. */
    private static Bundle bundle(String submissionId, String json, Instant receivedAt) {
        IntakeReading.Accepted reading = (IntakeReading.Accepted) READER.read(json);
        return BUILDER.build(new Submission(submissionId, reading.response(), reading.answers(),
                ENGINE.triage(reading.answers()), receivedAt));
    }

    private static Map<String, Stored> stored(PostgresSchema schema) throws Exception {
        Map<String, Stored> stored = new HashMap<>();
        try (Connection connection = schema.connect(); PreparedStatement statement = connection.prepareStatement(
                "select id, received_at, delivered_at, delivery, attempts, response_json from intake_submission");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                java.sql.Timestamp delivered = rows.getTimestamp("delivered_at");
                stored.put(rows.getString("id"), new Stored(rows.getString("id"), rows.getTimestamp("received_at")
                        .toInstant(), delivered == null ? null : delivered.toInstant(), rows.getString("delivery"),
                        rows.getInt("attempts"), rows.getString("response_json")));
            }
        }
        return stored;
    }

    /** Milliseconds from received to delivered of these submissions, sorted. */
    private static long[] submitToDelivered(List<String> ids, Map<String, Stored> stored) {
        return ids.stream().map(stored::get).filter(s -> s != null && s.deliveredAt() != null)
                .mapToLong(s -> Duration.between(s.receivedAt(), s.deliveredAt()).toMillis()).sorted().toArray();
    }

    private record Stored(String id, Instant receivedAt, Instant deliveredAt, String delivery, int attempts,
            String responseJson) {
    }

    private void post(IGenericClient hapi, List<Bundle> bundles) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(deliveryThreads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < deliveryThreads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bundles.size(); i = next.getAndIncrement()) {
                        hapi.transaction().withBundle(bundles.get(i)).execute();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code count} varied valid intakes to questionnaire 1.1.0, subject Patient/alex, as JSON. */
    private static List<String> intakes(int count) throws IOException {
        StringWriter ndjson = new StringWriter();
        SampleIntakes.writeNdjson(ndjson, count, 42);
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        List<String> bodies = new ArrayList<>(count);
        for (String line : ndjson.toString().split("\n")) {
            QuestionnaireResponse response = parser.parseResource(QuestionnaireResponse.class, line);
            response.setSubject(new Reference("Patient/" + DemoRealm.ALEX.fhirPatientId()));
            bodies.add(parser.encodeResourceToString(response));
        }
        return bodies;
    }

    private static void out(String format, Object... arguments) {
        System.out.println(String.format(format, arguments));
        System.out.flush();
    }

    private static void closeAll() {
        synchronized (RUNNING) {
            for (AutoCloseable running : RUNNING) {
                try {
                    running.close();
                } catch (Exception e) {
                    System.err.println("api-load: cleanup of " + running + ": " + e);
                }
            }
            RUNNING.clear();
        }
    }
}
