package org.example.intake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads JMH's JSON results ({@code -rf json}) for {@link IntakeBenchmarks} and states what they
 * mean for our three targets. Ratios use the medians of the measurement iterations, which a
 * single noisy iteration cannot drag the way it drags the mean.
 */
public final class JmhSummary {

    static final String PARSE = "hapiParseOnly";
    static final String TREE = "jacksonTree";
    static final String STREAMING = "streamingTriage";
    static final String VALIDATE = "parseAndValidate";
    static final String TRIAGE = "parseValidateTriage";
    static final String ENGINE = "engineOnly";
    static final String HAPI = "hapiInstanceValidator";

    /** The order the summary lists benchmarks in. */
    static final List<String> ORDER = List.of(PARSE, TREE, STREAMING, VALIDATE, TRIAGE, ENGINE, HAPI);

    static final double MAX_ADDED_ON_PARSE = 0.50;
    static final double MAX_ENGINE_MICROS = 5.0;
    static final double MIN_HAPI_FACTOR = 100.0;

    /** One benchmark's primary metric, in microseconds per operation. */
    public record Score(String benchmark, double score, double error, double median, int samples) {
    }

    private final Map<String, Score> byName;

    private JmhSummary(Map<String, Score> byName) {
        this.byName = byName;
    }

    /** Reads a JMH JSON result file. */
    public static JmhSummary read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JMH results " + file, e);
        }
    }

    /**
     * Parses JMH JSON results; benchmarks are keyed by method name. Scores in another unit
     * than microseconds per operation are refused rather than silently misread.
     */
    public static JmhSummary parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JMH JSON results: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("not JMH JSON results: expected an array of benchmark runs");
        }
        Map<String, Score> byName = new LinkedHashMap<>();
        for (JsonNode run : root) {
            String fullName = run.path("benchmark").asText();
            String name = fullName.substring(fullName.lastIndexOf('.') + 1);
            JsonNode metric = run.path("primaryMetric");
            String unit = metric.path("scoreUnit").asText();
            if (!unit.equals("us/op")) {
                throw new IllegalArgumentException(name + " is in " + unit + ", expected us/op");
            }
            JsonNode median = metric.path("scorePercentiles").path("50.0");
            double score = metric.path("score").asDouble();
            byName.put(name, new Score(name, score, metric.path("scoreError").asDouble(Double.NaN),
                    median.isMissingNode() ? score : median.asDouble(), samples(metric.path("rawData"))));
        }
        return new JmhSummary(byName);
    }

    private static int samples(JsonNode rawData) {
        int count = 0;
        for (JsonNode fork : rawData) {
            count += fork.size();
        }
        return count;
    }

    /** The benchmark's result, or empty when the run did not produce it (it failed or was excluded). */
    public Optional<Score> score(String benchmark) {
        return Optional.ofNullable(byName.get(benchmark));
    }

    /** (parseValidateTriage - hapiParseOnly) / hapiParseOnly, from medians; empty when either is missing. */
    public Optional<Double> addedOnTopOfParse() {
        return both(TRIAGE, PARSE).map(m -> (m[0] - m[1]) / m[1]);
    }

    /** hapiInstanceValidator / parseValidateTriage, from medians; empty when either is missing. */
    public Optional<Double> hapiFactor() {
        return both(HAPI, TRIAGE).map(m -> m[0] / m[1]);
    }

    private Optional<double[]> both(String a, String b) {
        return score(a).flatMap(x -> score(b).map(y -> new double[] {x.median(), y.median()}));
    }

    /** The benchmark's median over another's median, from the same run; empty when either is missing. */
    public Optional<Double> ratio(String benchmark, String to) {
        return both(benchmark, to).map(m -> m[0] / m[1]);
    }

    /**
     * The summary as printed: a table of scores, each with its median as a multiple of HAPI's parse
     * and of Jackson's tree in the same run, then each target with its verdict.
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-24s %14s %12s %14s %8s %12s %14s%n", "benchmark", "score (us/op)",
                "+- error", "median (us/op)", "samples", "x HAPI parse", "x Jackson tree"));
        for (String name : ORDER) {
            if (score(name).isPresent()) {
                out.append(row(score(name).get()));
            } else {
                out.append(String.format(Locale.ROOT, "%-24s %14s%n", name, "no result (failed or not run)"));
            }
        }
        for (Score extra : byName.values()) {
            if (!ORDER.contains(extra.benchmark())) {
                out.append(row(extra));
            }
        }

        out.append(String.format(Locale.ROOT, "%nTargets (from medians):%n"));
        out.append(line("added on top of parse: (" + TRIAGE + " - " + PARSE + ") / " + PARSE,
                addedOnTopOfParse().map(r -> String.format(Locale.ROOT, "%.1f %%", r * 100)),
                "<= 50 %", addedOnTopOfParse().map(r -> r <= MAX_ADDED_ON_PARSE)));
        Optional<Double> engine = score(ENGINE).map(Score::median);
        out.append(line(ENGINE, engine.map(m -> micros(m) + " us"), "< 5 us", engine.map(m -> m < MAX_ENGINE_MICROS)));
        out.append(line(HAPI + " / " + TRIAGE, hapiFactor().map(f -> String.format(Locale.ROOT, "%.0fx", f)),
                ">= 100x", hapiFactor().map(f -> f >= MIN_HAPI_FACTOR)));
        return out.toString();
    }

    private String row(Score s) {
        return String.format(Locale.ROOT, "%-24s %14s %12s %14s %8d %12s %14s%n", s.benchmark(), micros(s.score()),
                micros(s.error()), micros(s.median()), s.samples(), times(ratio(s.benchmark(), PARSE)),
                times(ratio(s.benchmark(), TREE)));
    }

    private static String times(Optional<Double> ratio) {
        return ratio.map(r -> String.format(Locale.ROOT, r >= 100 ? "%,.0fx" : "%.2fx", r)).orElse("-");
    }

    private static String line(String what, Optional<String> value, String target, Optional<Boolean> met) {
        String verdict = met.map(ok -> ok ? "MET" : "MISSED").orElse("n/a");
        return String.format(Locale.ROOT, "  %-77s %10s   target %-8s %s%n", what, value.orElse("-"), target, verdict);
    }

    private static String micros(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : value >= 1 ? "%.2f" : "%.3f", value);
    }
}
