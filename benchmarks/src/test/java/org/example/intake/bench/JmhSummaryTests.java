package org.example.intake.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JmhSummaryTests {

    private final JmhSummary summary = JmhSummary.parse(fixture());

    @Test
    void benchmarks_are_keyed_by_method_name_with_score_error_median_and_sample_count() {
        assertThat(summary.score("hapiParseOnly")).hasValueSatisfying(s -> {
            assertThat(s.score()).isEqualTo(41.0);
            assertThat(s.error()).isEqualTo(2.0);
            assertThat(s.median()).isEqualTo(40.0);
            assertThat(s.samples()).isEqualTo(5);
        });
    }

    @Test
    void the_cost_added_on_top_of_parsing_is_computed_from_medians() {
        // (60 - 40) / 40
        assertThat(summary.addedOnTopOfParse()).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.5, within(1e-9)));
    }

    @Test
    void the_hapi_factor_is_hapi_over_our_whole_path_from_medians() {
        // 60000 / 60
        assertThat(summary.hapiFactor()).hasValueSatisfying(f -> assertThat(f).isCloseTo(1000.0, within(1e-9)));
    }

    @Test
    void the_rendered_summary_shows_each_target_with_its_verdict() {
        String text = summary.render();

        assertThat(text).containsPattern("added on top of parse.*50\\.0 %.*MET");
        assertThat(text).containsPattern("engineOnly +0\\.850 us.*MET");
        assertThat(text).containsPattern("hapiInstanceValidator / parseValidateTriage +1000x.*MET");
    }

    @Test
    void a_benchmark_missing_from_the_results_is_named_and_its_ratios_are_not_guessed() {
        assertThat(summary.score("parseAndValidate")).isEmpty();
        assertThat(summary.render()).containsPattern("parseAndValidate +no result");

        JmhSummary withoutParse = JmhSummary.parse(without("hapiParseOnly"));
        assertThat(withoutParse.addedOnTopOfParse()).isEmpty();
        assertThat(withoutParse.render()).containsPattern("added on top of parse.* - .*n/a");
    }

    @Test
    void every_score_is_shown_as_a_multiple_of_hapis_parse_and_of_jacksons_tree_from_the_same_run() {
        String withTree = withCopy("engineOnly", "jacksonTree", 20.0);
        JmhSummary summary = JmhSummary.parse(withTree);

        // parseValidateTriage 60 against hapiParseOnly 40 and jacksonTree 20
        assertThat(summary.ratio("parseValidateTriage", "jacksonTree")).hasValueSatisfying(
                r -> assertThat(r).isCloseTo(3.0, within(1e-9)));
        assertThat(summary.render()).containsPattern("parseValidateTriage .* 1\\.50x +3\\.00x");
        assertThat(this.summary.render()).containsPattern("parseValidateTriage .* 1\\.50x +-");
    }

    @Test
    void a_missed_target_is_reported_as_missed() {
        String slowEngine = fixture().replace("\"50.0\": 0.85", "\"50.0\": 7.5");

        assertThat(JmhSummary.parse(slowEngine).render()).containsPattern("engineOnly +7\\.50 us.*MISSED");
    }

    @Test
    void results_in_another_unit_are_refused() {
        String millis = fixture().replace("us/op", "ms/op");

        assertThatThrownBy(() -> JmhSummary.parse(millis)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ms/op");
    }

    /** The fixture with one more benchmark: a copy of {@code from} named {@code name}, with this median. */
    private static String withCopy(String from, String name, double median) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode runs = (ArrayNode) mapper.readTree(fixture());
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(i).path("benchmark").asText().endsWith("." + from)) {
                    ObjectNode copy = runs.get(i).deepCopy();
                    copy.put("benchmark", "org.example.intake.bench.IntakeBenchmarks." + name);
                    ((ObjectNode) copy.path("primaryMetric").path("scorePercentiles")).put("50.0", median);
                    runs.add(copy);
                    return mapper.writeValueAsString(runs);
                }
            }
            throw new IllegalArgumentException(from + " is not in the fixture");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String without(String benchmark) {
        try {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode runs = (ArrayNode) mapper.readTree(fixture());
            for (int i = runs.size() - 1; i >= 0; i--) {
                if (runs.get(i).path("benchmark").asText().endsWith("." + benchmark)) {
                    runs.remove(i);
                }
            }
            return mapper.writeValueAsString(runs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fixture() {
        try (InputStream in = JmhSummaryTests.class.getResourceAsStream("/jmh-sample.json")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
