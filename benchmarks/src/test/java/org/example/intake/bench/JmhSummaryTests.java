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
