package org.example.loadtest;

import static org.awaitility.Awaitility.await;
import static org.example.intake.testsupport.Settled.awaitSettled;
import static org.example.loadtest.LoadMeasures.awaitDeliveries;
import static org.example.loadtest.LoadMeasures.cpuTicks;
import static org.example.loadtest.LoadMeasures.loadAverage;
import static org.example.loadtest.LoadMeasures.percentile;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.example.demo.process.EhrWarmUp;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.SampleIntakes;
import org.example.intake.keycloak.DemoRealm;
import org.example.intake.keycloak.KeycloakServer;
import org.example.intake.testsupport.AppProcess;
import org.example.intake.testsupport.EhrSandboxProcess;
import org.example.intake.testsupport.PatientTokens;
import org.example.intake.testsupport.TestStack;
import org.example.intake.testsupport.db.PostgresSchema;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clinicians' queue load run (issue 8; run it with {@code bench/queue-load.sh}): the same stack as
 * {@link ApiLoadRun} (Keycloak, the EHR sandbox and {@link LoadTestHostApplication}, each a process of its own on
 * loopback, the store in a throwaway PostgreSQL schema), then:
 *
 * <ol>
 * <li><b>A store of 100,000 submissions.</b> {@code load.seeds} real intakes go through {@code POST /api/intakes} (varied
 * {@link SampleIntakes}, chosen so that every level is there) and are delivered to the sandbox; then one SQL
 * statement copies them, under new ids, into {@code load.rows} rows: levels spread as 30% EMERGENCY, 20% URGENT,
 * 20% SOON, 30% SELF_CARE, received over 8 weeks, 20,000 patients, a clinic that keeps up with its queue (a row is
 * still unreviewed when it is younger than 30 minutes for EMERGENCY, 12 hours URGENT, 7 days SOON, 28 days
 * SELF_CARE), 1 in 40 reviewed rows overridden one level up, 0.5% parked as FAILED, the rest DELIVERED; then
 * VACUUM ANALYZE, as autovacuum would have done over those weeks. Prints the EXPLAIN ANALYZE of the queue's queries.</li>
 * <li><b>A: the queue's pages.</b> One clinician ({@code dr-sam}), one request at a time: {@code GET /api/queue} with
 * a bearer token from Keycloak's password grant, and {@code GET /clinician} with the session of a real Keycloak
 * login (java.net.http through the login form), each for the first page, page {@code load.deep-page}, level
 * URGENT and delivery FAILED, and the rows fragment the page fetches on each event; after a warm-up, in
 * interleaved rounds so every endpoint sees the same machine. Prints median, p90, p99 per endpoint.</li>
 * <li><b>B: an EMERGENCY reaching an open page.</b> Headless Chromium logged in as {@code dr-sam} on Keycloak's own
 * page keeps {@code /clinician} open; a MutationObserver records {@code Date.now()} when a row with a new
 * {@code data-submission-id} appears, and a wrapper of EventSource when the {@code intake} event reaches the page.
 * {@code load.emergencies} EMERGENCY intakes go through the API with alex's token, one every 200 to 500 ms, then a
 * burst of {@code load.burst} from 4 clients at once; latency is the page's time of the row minus the submit's start
 * ({@code System.currentTimeMillis()}, same clock). The clinician works the queue: {@code load.review-after-ms}
 * after a new EMERGENCY appears it is marked reviewed through the API, so it leaves page 1 (which shows 50 rows,
 * unreviewed EMERGENCY first, oldest first) and makes room for the next.</li>
 * </ol>
 *
 * <p>Settings (system properties): {@code load.rows} (100000), {@code load.seeds} (120), {@code load.warmup} (20
 * requests per endpoint), {@code load.requests} (200 per endpoint), {@code load.deep-page} (1000),
 * {@code load.emergencies} (100), {@code load.burst} (30), {@code load.review-after-ms} (1500), {@code load.schema},
 * {@code load.work} (target/queue-load), {@code load.pids-file}, {@code load.app-jvm} ({@code -Xms512m -Xmx512m}),
 * {@code load.ehr-validate} (false).
 */
public final class QueueLoadRun {

    static {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern LOGIN_FORM = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");
    private static final IntakeReader READER = new IntakeReader();
    private static final TriageEngine ENGINE = new TriageEngine();
    private static final String QUEUE_COLUMNS = "id, patient_id, received_at, level, override_level, overridden_at,"
            + " override_replaced, rules, delivery, reviewed, attempts, last_error";
    private static volatile boolean stopping;
    private static final List<AutoCloseable> RUNNING = Collections.synchronizedList(new ArrayList<>());

    private final int rows = Integer.getInteger("load.rows", 100_000);
    private final int seeds = Integer.getInteger("load.seeds", 120);
    private final int warmup = Integer.getInteger("load.warmup", 20);
    private final int requests = Integer.getInteger("load.requests", 200);
    private final int deepPage = Integer.getInteger("load.deep-page", 1000);
    private final int emergencies = Integer.getInteger("load.emergencies", 100);
    private final int burst = Integer.getInteger("load.burst", 30);
    private final long reviewAfterMs = Long.getLong("load.review-after-ms", 1500);
    private final boolean ehrValidates = Boolean.getBoolean("load.ehr-validate");
    private final Path work = Path.of(System.getProperty("load.work", "target/queue-load"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private Path pids;
    private KeycloakServer keycloak;
    private AppProcess app;
    private PostgresSchema schema;

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            closeAll();
        }, "queue-load-cleanup"));
        int status = 0;
        try {
            new QueueLoadRun().run();
        } catch (Throwable e) {
            if (stopping) {
                System.err.println("queue-load: stopped; the app, the sandbox and Keycloak are stopped, the schema dropped");
                return;
            }
            System.err.println("queue-load: FAILED: " + e);
            e.printStackTrace();
            status = 1;
        } finally {
            closeAll();
        }
        System.exit(status);
    }

    private void run() throws Exception {
        Files.createDirectories(work);
        pids = Path.of(System.getProperty("load.pids-file", work.resolve("pids").toString()));
        out("Queue load run, %s: %d cores, load average before the stack started: %s", Instant.now(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        long runBegan = System.nanoTime();
        startStack();

        Map<Level, List<String>> pool = intakesByLevel(1500);
        out("intakes: %s varied valid intakes by level (SampleIntakes, triaged here as the API will)", pool.entrySet()
                .stream().map(e -> e.getKey() + " " + e.getValue().size()).collect(Collectors.joining(", ")));
        seed(pool);
        fill();
        explainQueries();

        pages();
        emergencies(pool.get(Level.EMERGENCY));
        out("load average at the end: %s; the run took %.1f min from the start of the stack", loadAverage(),
                (System.nanoTime() - runBegan) / 6e10);
    }

    // ---------------------------------------------------------------------------------------------------- the stack

    private void startStack() throws Exception {
        EhrSandboxProcess ehr = EhrSandboxProcess.launch(List.of(),
                Map.of("ehr.validate-requests", Boolean.toString(ehrValidates)), work.resolve("ehr-sandbox.log"));
        RUNNING.add(0, ehr);
        Files.writeString(pids, ehr.pid() + "\n");
        keycloak = TestStack.keycloak();
        ehr.awaitReady(TestStack.EHR_START_PATIENCE);
        Files.writeString(pids, ehr.pid() + "\n", StandardOpenOption.APPEND);
        EhrWarmUp.warmUp(ehr.baseUrl());
        String schemaName = System.getProperty("load.schema");
        schema = schemaName == null || schemaName.isBlank() ? PostgresSchema.create("queueload")
                : PostgresSchema.createNamed(schemaName);
        RUNNING.add(0, schema);
        app = AppProcess.mainClass("queue-load-host", LoadTestHostApplication.class.getName())
                .jvmOptions(List.of(System.getProperty("load.app-jvm", "-Xms512m -Xmx512m").split(" ")))
                .arguments(List.of("--spring.profiles.active=postgres,demo",
                        "--spring.datasource.url=" + schema.jdbcUrl(),
                        "--intake.security.issuer-uri=" + keycloak.issuerUri(),
                        "--intake.security.browser-client-secret=" + DemoRealm.WEB_CLIENT_SECRET,
                        "--intake.ehr.base-url=" + ehr.baseUrl(),
                        "--intake.ehr.token-uri=" + keycloak.tokenUri(),
                        "--intake.scheduler.name=queue-load-host",
                        // Tomcat's access log, to tell the server's time for the rows the page fetches from the browser's
                        "--server.tomcat.accesslog.enabled=true",
                        "--server.tomcat.accesslog.directory=" + work.toAbsolutePath(),
                        "--server.tomcat.accesslog.prefix=app-access", "--server.tomcat.accesslog.suffix=.log",
                        "--server.tomcat.accesslog.file-date-format=", "--server.tomcat.accesslog.buffered=false",
                        "--server.tomcat.accesslog.pattern=%{begin:msec}t %{ms}T %s %b %m %U"))
                .log(work.resolve("app.log"))
                .start(Duration.ofMinutes(2));
        RUNNING.add(0, app);
        Files.writeString(pids, app.pid() + "\n", StandardOpenOption.APPEND);
        out("stack: Keycloak %s, EHR sandbox %s (pid %d, validating requests: %s), app %s (pid %d, PostgreSQL schema"
                + " %s); load average now %s", keycloak.baseUrl(), ehr.baseUrl(), ehr.pid(), ehrValidates, app.baseUrl(),
                app.pid(), schema.name(), loadAverage());
    }

    // -------------------------------------------------------------------------------------------------- the store

    /** Varied valid intakes (subject Patient/alex) as JSON, by the level the triage gives them. */
    private static Map<Level, List<String>> intakesByLevel(int count) throws IOException {
        StringWriter ndjson = new StringWriter();
        SampleIntakes.writeNdjson(ndjson, count, 8);
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        Map<Level, List<String>> byLevel = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            byLevel.put(level, new ArrayList<>());
        }
        for (String line : ndjson.toString().split("\n")) {
            QuestionnaireResponse response = parser.parseResource(QuestionnaireResponse.class, line);
            response.setSubject(new Reference("Patient/" + DemoRealm.ALEX.fhirPatientId()));
            String json = parser.encodeResourceToString(response);
            IntakeReading.Accepted reading = (IntakeReading.Accepted) READER.read(json);
            byLevel.get(ENGINE.triage(reading.answers()).level()).add(json);
        }
        return byLevel;
    }

    /** Real submissions through the API, an equal share of each level, each delivered to the sandbox. */
    private void seed(Map<Level, List<String>> pool) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (Level level : Level.values()) {
            List<String> ofLevel = pool.get(level);
            bodies.addAll(ofLevel.subList(0, Math.min(ofLevel.size(), seeds / Level.values().length)));
            pool.put(level, new ArrayList<>(ofLevel.subList(Math.min(ofLevel.size(), seeds / Level.values().length),
                    ofLevel.size())));
        }
        String token = PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.ALEX);
        long began = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Submitted>> done = new ArrayList<>();
            for (String body : bodies) {
                done.add(clients.submit(() -> submit(body, token)));
            }
            for (Future<Submitted> future : done) {
                future.get();
            }
        } finally {
            clients.shutdown();
        }
        out("seed: %d real intakes through POST /api/intakes in %.1f s; waiting for their delivery to the sandbox...",
                bodies.size(), (System.nanoTime() - began) / 1e9);
        awaitDeliveries(schema, Duration.ofMinutes(4), "queue-load");
        out("seed: %s", schema.strings("select level || ' ' || count(*) || ' ' || string_agg(distinct delivery, '/')"
                + " from intake_submission group by level order by min(priority)"));
    }

    /** The 100,000 rows: one statement copying the seeds under new ids, then VACUUM ANALYZE. */
    private void fill() throws Exception {
        long began = System.nanoTime();
        try (Connection connection = schema.connect(); Statement sql = connection.createStatement()) {
            sql.execute("create temporary table queue_seed as select row_number() over (partition by level order by id)"
                    + " - 1 as k, count(*) over (partition by level) as n, level, priority, rules, rule_set, advice,"
                    + " response_json, ehr_resources from intake_submission where delivery = 'DELIVERED'");
            int inserted = sql.executeUpdate("""
                    insert into intake_submission (id, patient_id, received_at, response_json, level, rules, rule_set,
                        advice, delivery, attempts, last_error, delivered_at, priority, reviewed, reviewed_at, reviewed_by,
                        review_note, override_level, override_reason, overridden_at, overridden_by, revision,
                        delivered_revision, ehr_resources)
                    select gen_random_uuid()::text, x.patient, x.at,
                        replace(s.response_json, '"Patient/alex"', '"Patient/' || x.patient || '"'),
                        s.level, s.rules, s.rule_set, s.advice,
                        case when x.failed then 'FAILED' else 'DELIVERED' end,
                        case when x.failed then 12 else 1 end,
                        case when x.failed then (case when x.h3 % 2 = 0 then 'HTTP 422: the EHR refused the Bundle'
                            else 'HTTP 503: Service Unavailable' end) end,
                        case when x.failed then null else x.at + interval '3 seconds' end,
                        coalesce(o.priority, s.priority),
                        r.reviewed,
                        case when r.reviewed then x.at + interval '1 minute' * (5 + x.h3 % 20) end,
                        case when r.reviewed then 'dr-sam' end,
                        null,
                        case when o.priority is not null then (array['EMERGENCY','URGENT','SOON','SELF_CARE'])[o.priority + 1] end,
                        case when o.priority is not null then 'Seen in clinic: more urgent than the answers say' end,
                        case when o.priority is not null then x.at + interval '1 minute' * (5 + x.h3 % 20) end,
                        case when o.priority is not null then 'dr-sam' end,
                        case when r.reviewed then (case when o.priority is not null then 2 else 1 end) else 0 end,
                        case when x.failed then null
                            when r.reviewed then (case when o.priority is not null then 2 else 1 end) else 0 end,
                        case when x.failed then null else s.ehr_resources end
                    from (
                        select g,
                            now() - interval '2 minutes' - interval '56 days' * (1 - g / :rows::float8) as at,
                            case when (hashint4(g) & 2147483647) % 100 < 30 then 'EMERGENCY'
                                 when (hashint4(g) & 2147483647) % 100 < 50 then 'URGENT'
                                 when (hashint4(g) & 2147483647) % 100 < 70 then 'SOON'
                                 else 'SELF_CARE' end as lvl,
                            (hashint4(g + 1000003) & 2147483647) as h2,
                            (hashint4(g + 2000003) & 2147483647) % 1000 as h3,
                            (hashint4(g + 2000003) & 2147483647) % 1000 between 500 and 504 as failed,
                            'p-' || lpad(((hashint4(g + 3000017) & 2147483647) % 20000)::text, 5, '0') as patient
                        from generate_series(1, :rows) g) x
                    join (select distinct level, n from queue_seed) c on c.level = x.lvl
                    join queue_seed s on s.level = x.lvl and s.k = x.h2 % c.n
                    cross join lateral (select now() - x.at > case s.priority when 0 then interval '30 minutes'
                        when 1 then interval '12 hours' when 2 then interval '7 days' else interval '28 days' end
                        as reviewed) r
                    cross join lateral (select case when r.reviewed and s.priority > 0 and x.h3 % 40 = 0
                        then s.priority - 1 end as priority) o
                    """.replace(":rows", Integer.toString(rows)));
            // The seeds themselves, the newest rows, would otherwise be 200 unreviewed submissions, 50 of them
            // EMERGENCY: a backlog a clinic that keeps up does not have. They count as reviewed, as the rows of their age.
            int seedsReviewed = sql.executeUpdate("update intake_submission set reviewed = true, reviewed_at = received_at"
                    + " + interval '5 minutes', reviewed_by = 'dr-sam', revision = 1, delivered_revision = 1"
                    + " where patient_id = '" + DemoRealm.ALEX.fhirPatientId() + "' and not reviewed");
            double insertSeconds = (System.nanoTime() - began) / 1e9;
            long vacuumBegan = System.nanoTime();
            sql.execute("vacuum (analyze) intake_submission");
            out("store: %d rows inserted by SQL (and the %d seeds marked reviewed) in %.1f s, VACUUM ANALYZE in %.1f s;"
                            + " intake_submission now %d rows, %s with its indexes", inserted, seedsReviewed, insertSeconds, (System.nanoTime() - vacuumBegan) / 1e9,
                    schema.count("select count(*) from intake_submission"),
                    schema.strings("select pg_size_pretty(pg_total_relation_size('intake_submission'))").get(0));
        }
        out("store by level that counts (priority): %s", String.join("; ", schema.strings(
                "select (array['EMERGENCY','URGENT','SOON','SELF_CARE'])[priority + 1] || ' ' || count(*) || ' ('"
                        + " || round(100.0 * count(*) / sum(count(*)) over (), 1) || '%), unreviewed '"
                        + " || count(*) filter (where not reviewed) from intake_submission group by priority"
                        + " order by priority")));
        out("store: %s", String.join(", ", schema.strings("select delivery || ' ' || count(*) from intake_submission"
                + " group by delivery order by delivery")) + "; overridden " + schema.count(
                "select count(*) from intake_submission where override_level is not null") + "; received from "
                + schema.strings("select min(received_at)::date || ' to ' || max(received_at) from intake_submission")
                        .get(0));
    }

    /** EXPLAIN ANALYZE of the queue's queries as SubmissionStore sends them, on the filled store. */
    private void explainQueries() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        String order = " order by reviewed, priority, received_at, id offset %d rows fetch next 51 rows only";
        queries.put("first page (SubmissionStore.queue, no filter, page 1)",
                "select " + QUEUE_COLUMNS + " from intake_submission" + order.formatted(0));
        queries.put("count (SubmissionStore.waiting)",
                "select priority, count(*) as n from intake_submission where reviewed = false group by priority");
        queries.put("page " + deepPage + " (offset " + (deepPage - 1) * 50 + ")",
                "select " + QUEUE_COLUMNS + " from intake_submission" + order.formatted((deepPage - 1) * 50));
        queries.put("level URGENT, page 1", "select " + QUEUE_COLUMNS + " from intake_submission where priority = 1"
                + order.formatted(0));
        queries.put("delivery FAILED, page 1", "select " + QUEUE_COLUMNS + " from intake_submission where delivery ="
                + " 'FAILED'" + order.formatted(0));
        StringBuilder all = new StringBuilder();
        try (Connection connection = schema.connect(); Statement sql = connection.createStatement()) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                for (int i = 0; i < 3; i++) { // warm: the plans below are of a warm cache, as the app's are
                    sql.executeQuery(query.getValue()).close();
                }
                long[] nanos = new long[7];
                for (int i = 0; i < nanos.length; i++) { // without EXPLAIN's per-row timing, which costs more than the rows
                    long began = System.nanoTime();
                    try (ResultSet rows = sql.executeQuery(query.getValue())) {
                        while (rows.next()) {
                            rows.getString(1);
                        }
                    }
                    nanos[i] = System.nanoTime() - began;
                }
                java.util.Arrays.sort(nanos);
                all.append("\n-- ").append(query.getKey()).append(String.format(": %.1f ms (median of %d runs from JDBC,"
                        + " rows read)", percentile(nanos, 0.5) / 1e6, nanos.length)).append(":\n-- ")
                        .append(query.getValue()).append('\n');
                try (ResultSet plan = sql.executeQuery("explain (analyze, buffers) " + query.getValue())) {
                    while (plan.next()) {
                        all.append(plan.getString(1)).append('\n');
                    }
                }
            }
            // The app sends one prepared statement for every page ("offset ? rows fetch next ? rows only"): PostgreSQL
            // plans it for the values of each run (a custom plan, as above) or, once it judges that cheaper on average
            // after five runs, once for any values (a generic plan, below).
            sql.execute("prepare queue_page(int, int) as select " + QUEUE_COLUMNS + " from intake_submission order by"
                    + " reviewed, priority, received_at, id offset $1 rows fetch next $2 rows only");
            sql.execute("set plan_cache_mode = force_generic_plan");
            for (int offset : new int[] { 0, (deepPage - 1) * 50 }) {
                String execute = "execute queue_page(" + offset + ", 51)";
                long[] nanos = new long[7];
                for (int i = 0; i < nanos.length; i++) {
                    long began = System.nanoTime();
                    try (ResultSet rows = sql.executeQuery(execute)) {
                        while (rows.next()) {
                            rows.getString(1);
                        }
                    }
                    nanos[i] = System.nanoTime() - began;
                }
                java.util.Arrays.sort(nanos);
                all.append(String.format("%n-- the same query as a prepared statement, generic plan (plan_cache_mode ="
                        + " force_generic_plan), offset %d: %.1f ms (median of %d runs from JDBC, rows read):%n-- %s%n",
                        offset, percentile(nanos, 0.5) / 1e6, nanos.length, execute));
                try (ResultSet plan = sql.executeQuery("explain (analyze, buffers) " + execute)) {
                    while (plan.next()) {
                        all.append(plan.getString(1)).append('\n');
                    }
                }
            }
            sql.execute("reset plan_cache_mode");
            sql.execute("deallocate queue_page");
            // Not what the app does: the same page found by its predecessor's key (keyset pagination), for comparison.
            try (ResultSet key = sql.executeQuery("select reviewed, priority, received_at, id from intake_submission"
                    + " order by reviewed, priority, received_at, id offset " + ((deepPage - 1) * 50 - 1) + " rows fetch"
                    + " next 1 rows only")) {
                key.next();
                String keyset = "select " + QUEUE_COLUMNS + " from intake_submission where (reviewed, priority,"
                        + " received_at, id) > (" + key.getBoolean(1) + ", " + key.getInt(2) + ", '"
                        + key.getObject(3, java.time.OffsetDateTime.class) + "', '" + key.getString(4) + "') order by"
                        + " reviewed, priority, received_at, id fetch next 51 rows only";
                all.append(String.format("%n-- NOT the app's query: page %d by keyset (after the key of the row before it),"
                        + " for comparison:%n-- %s%n", deepPage, keyset));
                try (ResultSet plan = sql.executeQuery("explain (analyze, buffers) " + keyset)) {
                    while (plan.next()) {
                        all.append(plan.getString(1)).append('\n');
                    }
                }
            }
        }
        Files.writeString(work.resolve("plans.txt"), all.toString());
        out("EXPLAIN (ANALYZE, BUFFERS) on the filled store (also in %s):%s", work.resolve("plans.txt"), all);
    }

    // ------------------------------------------------------------------------------------------- A: the queue pages

    private record Endpoint(String name, String path, boolean html) {
    }

    /** The cursor of the row just before page {@code deepPage}: what its "next" link carries. */
    private String deepCursor() throws Exception {
        try (Connection connection = schema.connect(); Statement sql = connection.createStatement();
                ResultSet key = sql.executeQuery("select reviewed, priority, received_at, id from intake_submission"
                        + " order by reviewed, priority, received_at, id offset " + ((deepPage - 1) * 50 - 1)
                        + " rows fetch next 1 rows only")) {
            key.next();
            return new org.example.intake.web.queue.QueueKey(key.getBoolean(1),
                    org.example.intake.core.triage.Level.values()[key.getInt(2)], key.getTimestamp(3).toInstant(),
                    key.getString(4)).cursor();
        }
    }

    private void pages() throws Exception {
        String cursor = deepCursor();
        List<Endpoint> endpoints = List.of(
                new Endpoint("API  /api/queue", "/api/queue", false),
                new Endpoint("API  /api/queue?page=" + deepPage, "/api/queue?page=" + deepPage, false),
                new Endpoint("API  page " + deepPage + " by its next link (after=)",
                        "/api/queue?page=" + deepPage + "&after=" + cursor, false),
                new Endpoint("HTML page " + deepPage + " by its next link (after=)",
                        "/clinician?page=" + deepPage + "&after=" + cursor, true),
                new Endpoint("API  /api/queue?level=URGENT", "/api/queue?level=URGENT", false),
                new Endpoint("API  /api/queue?delivery=FAILED", "/api/queue?delivery=FAILED", false),
                new Endpoint("HTML /clinician", "/clinician", true),
                new Endpoint("HTML /clinician?page=" + deepPage, "/clinician?page=" + deepPage, true),
                new Endpoint("HTML /clinician?level=URGENT", "/clinician?level=URGENT", true),
                new Endpoint("HTML /clinician?delivery=FAILED", "/clinician?delivery=FAILED", true),
                new Endpoint("HTML /clinician/queue-rows", "/clinician/queue-rows?page=1", true));
        String cookie = logInOverHttp(app.baseUrl(), DemoRealm.DR_SAM);
        String token = PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.DR_SAM);
        out("A: dr-sam logged in through Keycloak's form (session cookie) and has a bearer token (password grant of"
                + " %s); %d endpoints, one request at a time, a warm-up of %d each, then %d each in interleaved rounds;"
                + " load average now %s", DemoRealm.CLI_CLIENT, endpoints.size(), warmup, requests, loadAverage());
        Map<Endpoint, List<Long>> timings = new LinkedHashMap<>();
        Map<Endpoint, Long> bytes = new HashMap<>();
        for (Endpoint endpoint : endpoints) {
            timings.put(endpoint, new ArrayList<>());
        }
        for (int round = 0; round < warmup; round++) {
            for (Endpoint endpoint : endpoints) {
                get(endpoint, token, cookie);
            }
        }
        long cpuBefore = cpuTicks(app.pid());
        long began = System.nanoTime();
        Instant tokenAt = Instant.now();
        for (int round = 0; round < requests; round++) {
            if (Duration.between(tokenAt, Instant.now()).toSeconds() > 120) { // Keycloak's tokens last 5 minutes
                token = PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.DR_SAM);
                tokenAt = Instant.now();
            }
            for (int i = 0; i < endpoints.size(); i++) {
                Endpoint endpoint = endpoints.get((round + i) % endpoints.size());
                long sent = System.nanoTime();
                int size = get(endpoint, token, cookie);
                timings.get(endpoint).add(System.nanoTime() - sent);
                bytes.put(endpoint, (long) size);
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        double cpu = (cpuTicks(app.pid()) - cpuBefore) / 100.0;
        int total = requests * endpoints.size();
        out("A: %d requests in %.1f s; app CPU %.1f ms per request on average; load average now %s", total, seconds,
                cpu * 1000 / total, loadAverage());
        out("   %-44s %8s %8s %8s %8s %9s", "endpoint", "median", "p90", "p99", "max", "bytes");
        for (Map.Entry<Endpoint, List<Long>> entry : timings.entrySet()) {
            long[] sorted = entry.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            out("   %-44s %5.1f ms %5.1f ms %5.1f ms %5.1f ms %9d", entry.getKey().name(), percentile(sorted, 0.5) / 1e6,
                    percentile(sorted, 0.9) / 1e6, percentile(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6,
                    bytes.get(entry.getKey()));
        }
        long[] firstApi = timings.get(endpoints.get(0)).stream().mapToLong(Long::longValue).sorted().toArray();
        long[] firstHtml = timings.get(endpoints.stream().filter(e -> e.path().equals("/clinician")).findFirst()
                .orElseThrow()).stream().mapToLong(Long::longValue).sorted().toArray();
        out("A: first page median %.1f ms (API) and %.1f ms (HTML) with %d rows stored (goal: under 200 ms)",
                percentile(firstApi, 0.5) / 1e6, percentile(firstHtml, 0.5) / 1e6,
                schema.count("select count(*) from intake_submission"));
    }

    /** One GET; fails unless it is a 200 with the queue in it. Returns the body's length. */
    private int get(Endpoint endpoint, String token, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + endpoint.path()))
                .timeout(Duration.ofSeconds(30));
        if (endpoint.html()) {
            request.header("Cookie", cookie).header("Accept", "text/html");
        } else {
            request.header("Authorization", "Bearer " + token).header("Accept", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String marker = endpoint.html() ? "queue-content" : "\"items\"";
        if (response.statusCode() != 200 || !response.body().contains(marker)) {
            throw new IllegalStateException(endpoint.name() + ": HTTP " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return response.body().length();
    }

    /**
     * Logs in as a browser does, over plain HTTP: the page sends it to Keycloak, the login form's action takes the
     * password, Keycloak sends it back with a code, the app makes its session. Cookies by hand, per host
     * (java.net.CookieManager never sends back those of a dotless host such as localhost). Returns the app's
     * cookies as a {@code Cookie} header.
     */
    private String logInOverHttp(String appBase, DemoRealm.User user) throws Exception {
        Map<String, Map<String, String>> jar = new HashMap<>();
        URI uri = URI.create(appBase + "/clinician");
        String form = null;
        for (int hop = 0; hop < 20; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
            Map<String, String> cookies = jar.getOrDefault(uri.getHost(), Map.of());
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")));
            }
            if (form != null) {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> hostCookies = jar.computeIfAbsent(uri.getHost(), host -> new LinkedHashMap<>());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int equals = pair.indexOf('=');
                String name = pair.substring(0, equals).strip();
                String value = pair.substring(equals + 1).strip();
                if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                    hostCookies.remove(name);
                } else {
                    hostCookies.put(name, value);
                }
            }
            form = null;
            Matcher action = LOGIN_FORM.matcher(response.body());
            if (response.statusCode() / 100 == 3) {
                uri = uri.resolve(response.headers().firstValue("Location").orElseThrow());
            } else if (response.statusCode() == 200 && action.find()) {
                uri = URI.create(action.group(1).replace("&amp;", "&"));
                form = "username=" + URLEncoder.encode(user.username(), StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(user.password(), StandardCharsets.UTF_8) + "&credentialId=";
            } else if (response.statusCode() == 200 && response.body().contains("queue-content")) {
                return jar.get(URI.create(appBase).getHost()).entrySet().stream()
                        .map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
            } else {
                throw new IllegalStateException("login as " + user.username() + ": HTTP " + response.statusCode()
                        + " at " + uri);
            }
        }
        throw new IllegalStateException("login as " + user.username() + ": too many redirects");
    }

    // ---------------------------------------------------------------------------- B: an EMERGENCY reaching the page

    /** Records when the page's event stream delivers each {@code intake} event; runs before the page's scripts. */
    private static final String EVENT_TIMES = """
            (function () {
              var Original = window.EventSource;
              if (!Original) { return; }
              window.__queueEvents = {};
              window.__queueEventCounts = { intake: 0, changed: 0 };
              var Wrapped = function (url, init) {
                var source = new Original(url, init);
                source.addEventListener('ready', function () { window.__queueStreamReady = true; });
                source.addEventListener('changed', function () { window.__queueEventCounts.changed++; });
                source.addEventListener('intake', function (event) {
                  window.__queueEventCounts.intake++;
                  try {
                    var id = JSON.parse(event.data).id;
                    if (!(id in window.__queueEvents)) { window.__queueEvents[id] = Date.now(); }
                  } catch (e) { /* not ours */ }
                });
                return source;
              };
              Wrapped.prototype = Original.prototype;
              Wrapped.CONNECTING = 0; Wrapped.OPEN = 1; Wrapped.CLOSED = 2;
              window.EventSource = Wrapped;
            }());
            """;

    /** Records when a row with a new submission id first appears, and the page's fetches of its rows. */
    private static final String ROW_TIMES = """
            var seen = {}, before = {};
            document.querySelectorAll('[data-submission-id]').forEach(function (row) {
              before[row.getAttribute('data-submission-id')] = true;
            });
            function scan() {
              var now = Date.now();
              var rows = document.querySelectorAll('[data-submission-id]');
              for (var i = 0; i < rows.length; i++) {
                var id = rows[i].getAttribute('data-submission-id');
                if (!before[id] && !(id in seen)) { seen[id] = now; }
              }
            }
            new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
            window.__queueSeen = seen;
            var fetches = [];
            var original = window.fetch;
            window.fetch = function () {
              var began = Date.now();
              var answer = original.apply(this, arguments);
              answer.then(function (response) {
                return response.clone().text().then(function () { fetches.push(Date.now() - began); });
              }, function () { fetches.push(-1); });
              return answer;
            };
            window.__queueFetches = fetches;
            var longTasks = [];
            new PerformanceObserver(function (list) {
              list.getEntries().forEach(function (task) { longTasks.push(task.duration); });
            }).observe({ entryTypes: ['longtask'] });
            window.__queueLongTasks = longTasks;
            return Object.keys(before).length;
            """;

    private record Submitted(String id, long startMillis, long httpMillis) {
    }

    private void emergencies(List<String> pool) throws Exception {
        int needed = emergencies + burst + 5;
        if (pool.size() < needed) {
            throw new IllegalStateException("only " + pool.size() + " EMERGENCY intakes to submit, " + needed + " needed");
        }
        WebDriver driver = chrome();
        recordBrowserPids();
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", EVENT_TIMES));
        driver.get(app.baseUrl() + "/clinician");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(DemoRealm.DR_SAM.username());
        driver.findElement(By.id("password")).sendKeys(DemoRealm.DR_SAM.password());
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-content")));
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return window.__queueStreamReady")));
        Number shown = (Number) ((JavascriptExecutor) driver).executeScript(ROW_TIMES);
        out("B: Chromium %s open at %s/clinician as dr-sam (Keycloak's login page), %d rows on page 1, %d unreviewed"
                        + " EMERGENCY in the store; a new EMERGENCY is reviewed through the API %d ms after it appears,"
                        + " as a clinician working the queue would (page 1 shows 50, unreviewed EMERGENCY first, oldest"
                        + " first); load average now %s", ((ChromeDriver) driver).getCapabilities().getBrowserVersion(),
                app.baseUrl(), shown.intValue(), schema.count("select count(*) from intake_submission where priority = 0"
                        + " and not reviewed"), reviewAfterMs, loadAverage());

        String patientToken = PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.ALEX);
        String clinicianToken = PatientTokens.accessToken(keycloak.tokenUri(), DemoRealm.DR_SAM);
        Map<String, Long> reviewed = new ConcurrentHashMap<>();
        // a few first, unmeasured: the page's first refreshes, the JIT of the submit path
        phase("B0 warm-up", driver, pool.subList(0, 5), 1, 300, 300, patientToken, clinicianToken, reviewed, false);
        phase("B1 paced", driver, pool.subList(5, 5 + emergencies), 1, 200, 500, patientToken, clinicianToken,
                reviewed, true);
        awaitSettled("B1's last reviews on the page: its row fetches", () -> ((JavascriptExecutor) driver)
                .executeScript("return window.__queueFetches.length"), Duration.ofSeconds(2), Duration.ofMinutes(1));
        phase("B2 burst", driver, pool.subList(5 + emergencies, 5 + emergencies + burst), 4, 0, 0, patientToken,
                clinicianToken, reviewed, true);
    }

    /**
     * Submits these EMERGENCY intakes ({@code clients} at a time, each waiting between {@code minGap} and
     * {@code maxGap} ms between its own), marks each reviewed once it has been on the page for the review delay,
     * and prints how long each took to appear.
     */
    private void phase(String name, WebDriver driver, List<String> bodies, int clients, long minGap, long maxGap,
            String patientToken, String clinicianToken, Map<String, Long> reviewed, boolean print) throws Exception {
        ConcurrentLinkedQueue<Submitted> submitted = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService submitters = Executors.newFixedThreadPool(clients);
        ExecutorService reviewer = Executors.newSingleThreadExecutor();
        List<Future<?>> done = new ArrayList<>();
        // Unreviewed EMERGENCYs already in the queue come first on page 1: what is left of its 50 rows is the room
        // the new ones have until the clinician's reviews take them off it.
        long unreviewedBefore = schema.count("select count(*) from intake_submission where priority = 0 and not reviewed");
        int fetchesBefore = ((Number) ((JavascriptExecutor) driver).executeScript("return window.__queueFetches.length"))
                .intValue();
        Map<String, Long> eventsBefore = times(driver, "__queueEventCounts");
        int longTasksBefore = ((Number) ((JavascriptExecutor) driver).executeScript(
                "return window.__queueLongTasks.length")).intValue();
        long cpuBefore = cpuTicks(app.pid());
        long browserBefore = browserTicks();
        long began = System.currentTimeMillis();
        for (int c = 0; c < clients; c++) {
            long seed = c;
            done.add(submitters.submit(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    submitted.add(submit(bodies.get(i), patientToken));
                    if (maxGap > 0) {
                        Thread.sleep(minGap + random.nextLong(maxGap - minGap + 1));
                    }
                }
                return null;
            }));
        }
        submitters.shutdown();
        // While the clients submit, and up to 30 s after: read what the page shows, and review each new row once it
        // has been on the page for the review delay (as a clinician working the queue would); done when every
        // submission has been shown and reviewed, so that the next phase finds page 1 as this one did. What is not
        // shown within the 30 s is counted as missing below.
        AtomicReference<Map<String, Long>> seenNow = new AtomicReference<>(Map.of());
        Callable<Boolean> allShownAndReviewed = () -> {
            Map<String, Long> seen = times(driver, "__queueSeen");
            seenNow.set(seen);
            long now = System.currentTimeMillis();
            for (Submitted s : submitted) {
                Long at = seen.get(s.id());
                if (at != null && now - at >= reviewAfterMs && reviewed.putIfAbsent(s.id(), now) == null) {
                    reviewer.submit(() -> review(s.id(), clinicianToken));
                }
            }
            return submitted.stream().allMatch(s -> seen.containsKey(s.id()) && reviewed.containsKey(s.id()));
        };
        await(name + ": the clients' submissions").atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    allShownAndReviewed.call();
                    return done.stream().allMatch(Future::isDone);
                });
        long submitEnd = System.currentTimeMillis();
        try {
            await(name + ": every submission on the page and reviewed").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(allShownAndReviewed);
        } catch (ConditionTimeoutException e) {
            // counted as missing below
        }
        Map<String, Long> seen = seenNow.get();
        for (Future<?> future : done) {
            future.get(); // a failed submission fails the run
        }
        reviewer.shutdown();
        reviewer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS); // none left running into the next phase
        double cpu = (cpuTicks(app.pid()) - cpuBefore) / 100.0;
        double browserCpu = (browserTicks() - browserBefore) / 100.0;
        if (!print) {
            return;
        }
        Map<String, Long> events = times(driver, "__queueEvents");
        Map<String, Long> eventCounts = times(driver, "__queueEventCounts");
        long[] server = serverMillis("/clinician/queue-rows", began, System.currentTimeMillis());
        long olderEmergencies = unreviewedBefore;
        @SuppressWarnings("unchecked")
        List<Number> fetches = (List<Number>) ((JavascriptExecutor) driver).executeScript("return window.__queueFetches");
        long[] fetchMillis = fetches.subList(fetchesBefore, fetches.size()).stream().mapToLong(Number::longValue)
                .filter(ms -> ms >= 0).sorted().toArray();
        @SuppressWarnings("unchecked")
        List<Number> longTasks = (List<Number>) ((JavascriptExecutor) driver).executeScript(
                "return window.__queueLongTasks");
        long[] longTaskMillis = longTasks.subList(longTasksBefore, longTasks.size()).stream()
                .mapToLong(Number::longValue).sorted().toArray();
        List<Long> latencies = new ArrayList<>();
        List<Long> toEvent = new ArrayList<>();
        List<Long> eventToRow = new ArrayList<>();
        List<Long> httpTimes = new ArrayList<>();
        int missing = 0;
        for (Submitted s : submitted) {
            httpTimes.add(s.httpMillis());
            Long row = seen.get(s.id());
            Long event = events.get(s.id());
            if (row == null) {
                missing++;
                continue;
            }
            latencies.add(row - s.startMillis());
            if (event != null) {
                toEvent.add(event - s.startMillis());
                eventToRow.add(row - event);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        out("%s: %d EMERGENCY intakes from %d client(s)%s in %.1f s; %d on the page, %d not within 30 s;"
                        + " the page fetched its rows %d times (median %.0f ms, max %.0f ms); CPU: app %.1f s,"
                        + " Chromium %.1f s; load average %s", name, submitted.size(), clients, maxGap > 0 ? ", " + minGap + " to " + maxGap
                        + " ms apart" : ", back to back", (submitEnd - began) / 1000.0, latencies.size(), missing,
                fetchMillis.length, percentile(fetchMillis, 0.5), fetchMillis.length == 0 ? Double.NaN
                        : (double) fetchMillis[fetchMillis.length - 1], cpu, browserCpu, loadAverage());
        out("%s:   page 1 (50 rows) held %d unreviewed EMERGENCY before: room for %d new ones before reviews must"
                + " make more%s", name, olderEmergencies, Math.max(0, 50 - olderEmergencies), bodies.size() > 50
                - olderEmergencies && clients > 1 ? "; this burst is larger, so its last rows wait for reviews" : "");
        out("%s:   the page got %d intake and %d changed events; the server answered its %d row fetches in median %.0f ms,"
                        + " p90 %.0f ms, max %.0f ms (Tomcat's access log); the rest of a fetch's time is the browser's",
                name, eventCounts.getOrDefault("intake", 0L) - eventsBefore.getOrDefault("intake", 0L),
                eventCounts.getOrDefault("changed", 0L) - eventsBefore.getOrDefault("changed", 0L), server.length,
                percentile(server, 0.5), percentile(server, 0.9),
                server.length == 0 ? Double.NaN : (double) server[server.length - 1]);
        out("%s:   the page's main thread had %d long tasks (over 50 ms: parsing and laying out the fetched rows, among"
                + " others), %d ms in all, median %.0f ms, max %.0f ms", name, longTaskMillis.length,
                java.util.Arrays.stream(longTaskMillis).sum(), percentile(longTaskMillis, 0.5),
                longTaskMillis.length == 0 ? Double.NaN : (double) longTaskMillis[longTaskMillis.length - 1]);
        out("%s:   submit to row on the page: median %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (goal: p99 under"
                + " 5,000 ms)%s", name, percentile(sorted, 0.5), percentile(sorted, 0.9), percentile(sorted, 0.99),
                sorted.length == 0 ? Double.NaN : (double) sorted[sorted.length - 1],
                missing > 0 ? "; " + missing + " never appeared, so p99 is at least 30,000 ms" : "");
        out("%s:   of which: POST /api/intakes answered in median %.0f ms (p99 %.0f); submit to the page's intake"
                        + " event median %.0f ms (p99 %.0f); event to row median %.0f ms (p99 %.0f)", name,
                pct(httpTimes, 0.5), pct(httpTimes, 0.99), pct(toEvent, 0.5), pct(toEvent, 0.99), pct(eventToRow, 0.5),
                pct(eventToRow, 0.99));
        Files.writeString(work.resolve(name.replace(' ', '-') + "-latencies.txt"), latencies.stream()
                .map(String::valueOf).collect(Collectors.joining("\n")) + "\n");
    }

    /** The server's times (ms, sorted) for requests to this path that began in this window, from the access log. */
    private long[] serverMillis(String path, long from, long to) throws IOException {
        Path log = work.resolve("app-access.log");
        if (!Files.isRegularFile(log)) {
            return new long[0];
        }
        List<Long> millis = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] fields = line.split(" ");
            if (fields.length >= 6 && fields[5].equals(path)) {
                long began = Long.parseLong(fields[0]);
                if (began >= from && began <= to) {
                    millis.add(Long.parseLong(fields[1]));
                }
            }
        }
        return millis.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static Map<String, Long> times(WebDriver driver, String variable) {
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) ((JavascriptExecutor) driver)
                .executeScript("return window." + variable + " || {}");
        Map<String, Long> times = new HashMap<>();
        raw.forEach((id, at) -> times.put(id, ((Number) at).longValue()));
        return times;
    }

    private Submitted submit(String body, String token) throws Exception {
        long start = System.currentTimeMillis();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/intakes"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        long end = System.currentTimeMillis();
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("submission: HTTP " + response.statusCode() + " " + response.body());
        }
        return new Submitted(id.group(1), start, end - start);
    }

    private void review(String id, String token) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/intakes/"
                    + id + "/review")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println("queue-load: review of " + id + ": HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("queue-load: review of " + id + ": " + e);
        }
    }

    /** Debian's headless Chromium through its chromedriver, as demo-host's browser tests start it. */
    private WebDriver chrome() throws IOException {
        for (String executable : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
            if (!Files.isExecutable(Path.of(executable))) {
                throw new IllegalStateException(executable + " is missing: apt-get install -y chromium chromium-driver");
            }
        }
        Path profile = Files.createTempDirectory("queue-load-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-gpu", "--window-size=1280,1000", "--lang=en-GB",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        RUNNING.add(0, () -> {
            driver.quit();
            deleteTree(profile);
        });
        return driver;
    }

    /** The browser's processes, for the script's cleanup should this JVM die without quitting it. */
    private void recordBrowserPids() throws IOException {
        String browserPids = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                .map(p -> p.pid() + "\n").collect(Collectors.joining());
        Files.writeString(pids, browserPids, StandardOpenOption.APPEND);
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it eventually
        }
    }

    private static double pct(List<Long> values, double fraction) {
        return percentile(values.stream().mapToLong(Long::longValue).sorted().toArray(), fraction);
    }

    /** CPU of the browser's processes (chromedriver, Chromium and its children), in clock ticks. */
    private static long browserTicks() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                .mapToLong(p -> cpuTicks(p.pid())).sum();
    }

    private static final long STARTED = System.nanoTime();

    private static void out(String format, Object... arguments) {
        System.out.println(String.format("[%4d s] ", (System.nanoTime() - STARTED) / 1_000_000_000L)
                + String.format(format, arguments));
        System.out.flush();
    }

    private static void closeAll() {
        synchronized (RUNNING) {
            for (AutoCloseable running : RUNNING) {
                try {
                    running.close();
                } catch (Exception e) {
                    System.err.println("queue-load: cleanup of " + running + ": " + e);
                }
            }
            RUNNING.clear();
        }
    }
}
