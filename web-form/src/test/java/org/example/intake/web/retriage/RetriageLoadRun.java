package org.example.intake.web.retriage;

import static org.awaitility.Awaitility.await;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.example.host.TestHostApplication;
import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.testsupport.db.PostgresSchema;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The re-triage's load run (not a timed test: surefire's patterns leave it out, and it runs only
 * with {@code -Dretriage.rows=N}; {@code bench/retriage-load.sh} runs it). On PostgreSQL
 * (127.0.0.1:5432/test, a throwaway schema): stores N submissions triaged under rule set 1.1.0
 * by COPY (a handful of distinct QuestionnaireResponses: a 1.0.0 self-care one that 1.2.0 raises
 * to URGENT, a 1.1.0 lone past cancer that 1.2.0 says SOON, two that stay as they were), then
 * measures, in the same JVM, after a warm-up of each:
 * <ol>
 * <li>the baseline: reading the waiting rows (by id, in batches, as the re-triage does) and parsing
 * their JSON (a Jackson tree), nothing else; then the same parsing them with HAPI's parser;</li>
 * <li>the same plus fhir-adapter's reader (parse and validate) and the triage, still without writing;</li>
 * <li>the re-triage itself, as a start runs it: the application started with it on, the time the
 * start took (readiness does not wait), and the re-triage's own time and rate (locks, verdicts
 * written, audit records, delivery jobs of the raised ones).</li>
 * </ol>
 * Prints submissions per second for each and their ratio; writes them to target/retriage-load.txt.
 */
@EnabledIfSystemProperty(named = "retriage.rows", matches = "\\d+")
class RetriageLoadRun {

    @Test
    void retriageOfStoredSubmissions() throws Exception {
        int rows = Integer.parseInt(System.getProperty("retriage.rows"));
        int batch = Integer.parseInt(System.getProperty("retriage.batch", "200"));
        List<String> out = new ArrayList<>();
        try (PostgresSchema schema = PostgresSchema.create("retriage_load")) {
            String url = schema.jdbcUrl();
            start(url, "schema", false, batch).close(); // makes the tables
            long copyStart = System.nanoTime();
            copy(url, rows);
            double copySeconds = (System.nanoTime() - copyStart) / 1e9;
            out.add(String.format(Locale.ROOT, "stored %,d submissions under rule set 1.1.0 by COPY in %.1f s", rows,
                    copySeconds));
            schema.execute("ANALYZE intake_submission");

            Map<Work, Double> rates = new java.util.EnumMap<>(Work.class);
            for (Work work : Work.values()) {
                readAndParse(url, Math.min(rows, 5_000), batch, work); // warm-up
                rates.put(work, readAndParse(url, rows, batch, work));
                out.add(String.format(Locale.ROOT, "%s: %,.0f/s", work.text, rates.get(work)));
            }
            double parse = rates.get(Work.JSON);
            double triage = rates.get(Work.READ_AND_TRIAGE);

            long t0 = System.nanoTime();
            ConfigurableApplicationContext node = start(url, "retriage", true, batch);
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            RetriageProgress progress = node.getBean(RetriageService.class).progress();
            Object stateAtStart = progress.details();
            await("the re-triage").atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> progress.state() != RetriageProgress.State.RUNNING
                            && progress.state() != RetriageProgress.State.PENDING);
            double doneSeconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> details = progress.details();
            node.close();
            assertThat(progress.state()).isEqualTo(RetriageProgress.State.DONE);
            long done = ((Number) details.get("done")).longValue();
            long millis = ((Number) details.get("millis")).longValue();
            double rate = done * 1000.0 / millis;
            out.add(String.format(Locale.ROOT, "start returned after %.1f s, the re-triage then at %s (readiness does not"
                    + " wait for it)", startSeconds, stateAtStart));
            out.add(String.format(Locale.ROOT, "re-triage: %,d re-triaged (%s raised, %s less urgent) in %.1f s: %,.0f/s;"
                    + " done %.1f s after the start began", done, details.get("raised"), details.get("lessUrgent"),
                    millis / 1000.0, rate, doneSeconds));
            out.add(String.format(Locale.ROOT, "ratio re-triage / baseline (read + JSON parse): %.2f; / read + HAPI parse:"
                    + " %.2f; / read + validate + triage: %.2f", rate / parse, rate / rates.get(Work.HAPI), rate / triage));
            assertThat(done).isEqualTo(rows);
        }
        out.forEach(line -> System.out.println("retriage-load: " + line));
        Files.write(Path.of("target/retriage-load.txt"), out);
    }

    /** What is done to each row read, without writing. */
    private enum Work {
        JSON("baseline, read the rows and parse their JSON (Jackson tree)"),
        HAPI("read the rows and parse their JSON as a QuestionnaireResponse (HAPI)"),
        READ_AND_TRIAGE("read the rows, read each response as the service does (IntakeReader: parse, validate), triage");

        private final String text;

        Work(String text) {
            this.text = text;
        }
    }

    /** Reads every waiting row by id in batches, as the re-triage does, and does this work on it. */
    private static double readAndParse(String url, int limit, int batch, Work work) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        IParser parser = FhirContext.forR4Cached().newJsonParser();
        IntakeReader reader = new IntakeReader();
        TriageEngine engine = new TriageEngine();
        long seen = 0;
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement select = connection.prepareStatement("select id, response_json from intake_submission"
                        + " where reviewed = false and coalesce(retriage_rule_set, rule_set) in ('1.1.0') and id > ?"
                        + " order by id fetch first ? rows only")) {
            String after = "";
            while (seen < limit) {
                select.setString(1, after);
                select.setInt(2, batch);
                int n = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getString(1);
                        String json = rs.getString(2);
                        switch (work) {
                            case JSON -> mapper.readTree(json);
                            case HAPI -> parser.parseResource(QuestionnaireResponse.class, json);
                            case READ_AND_TRIAGE -> engine.triage(((IntakeReading.Accepted) reader.read(json)).answers());
                        }
                        n++;
                    }
                }
                if (n == 0) {
                    break;
                }
                seen += n;
            }
        }
        return seen * 1e9 / (System.nanoTime() - started);
    }

    /** COPY of {@code rows} submissions, cycling through a handful of responses and their 1.1.0 verdicts. */
    private static void copy(String url, int rows) throws Exception {
        record Kind(String json, Level level, String rules, String advice) {
        }
        List<Kind> kinds = List.of(
                new Kind(StoredUnderOlderRules.selfCare100("load"), Level.SELF_CARE, "", Advice.ACT_SELF_CARE.name()),
                new Kind(StoredUnderOlderRules.lonePastCancerAfterAStrain("load"), Level.URGENT, "MAL-HISTORY",
                        Advice.ACT_URGENT.name()),
                new Kind(StoredUnderOlderRules.benign110("load"), Level.SELF_CARE, "", Advice.ACT_SELF_CARE.name()),
                new Kind(StoredUnderOlderRules.benign110("load").replace("\"qr-1\"", "\"qr-2\""), Level.SELF_CARE, "",
                        Advice.ACT_SELF_CARE.name()));
        Instant received = Instant.parse("2026-11-30T08:00:00Z");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            StringBuilder csv = new StringBuilder(rows * 1200);
            for (int i = 0; i < rows; i++) {
                Kind kind = kinds.get(i % kinds.size());
                String id = String.format(Locale.ROOT, "load-%08d", i);
                csv.append(id).append(',').append("load").append(',')
                        .append(received.plusSeconds(i)).append(',').append(quote(kind.json())).append(',')
                        .append(kind.level().name()).append(',').append(quote(kind.rules())).append(",1.1.0,")
                        .append(kind.advice()).append(",DELIVERED,1,").append(kind.level().ordinal()).append('\n');
            }
            ((PGConnection) connection.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                    "COPY intake_submission (id, patient_id, received_at, response_json, level, rules, rule_set, advice,"
                            + " delivery, attempts, priority) FROM STDIN WITH (FORMAT csv)",
                    new StringReader(csv.toString()));
        }
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static ConfigurableApplicationContext start(String url, String node, boolean retriage, int batch) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", PostgresSchema.USER);
        properties.put("spring.datasource.password", "");
        properties.put("intake.scheduler.name", node);
        // Deliveries are queued, not run: the EHR is not what is measured.
        properties.put("intake.scheduler.polling-interval", "1h");
        properties.put("intake.scheduler.immediate-execution-enabled", "false");
        properties.put("intake.retriage.on-start", String.valueOf(retriage));
        properties.put("intake.retriage.batch-size", String.valueOf(batch));
        properties.put("intake.security.jwk-set-uri", "http://127.0.0.1:9/certs");
        properties.put("intake.ehr.base-url", "http://127.0.0.1:9/fhir");
        properties.put("logging.level.org.example.intake", "WARN");
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TestHostApplication.class).run(arguments);
    }
}
