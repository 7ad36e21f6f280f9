package org.example.intake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.triage.TriageOutcome;
import org.example.intake.fhir.IntakeReading;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks measure what they claim: the sample is the intake the HAPI oracle tests in
 * fhir-adapter accept, our reader accepts it with the hand-built answers, and each of our
 * benchmarks returns the real result. HAPI's own benchmark is not run here (its setup alone
 * takes seconds); its oracle is tested in fhir-adapter on the same intake.
 */
class IntakeBenchmarksTests {

    private final IntakeBenchmarks benchmarks = new IntakeBenchmarks();
    private final IntakeBenchmarks.Sample sample = new IntakeBenchmarks.Sample();
    private final IntakeBenchmarks.Reader reader = new IntakeBenchmarks.Reader();

    @BeforeEach
    void setUpLikeJmh() {
        sample.load();
        reader.build();
    }

    @Test
    void the_sample_is_the_3079_bytes_of_compact_json_the_oracle_tests_check_with_hapi() throws IOException {
        ObjectMapper json = new ObjectMapper();

        assertThat(SampleIntake.RESOURCE).isEqualTo("/oracle/complete-intake.json");
        assertThat(sample.json.getBytes(StandardCharsets.UTF_8)).hasSize(SampleIntake.SIZE_BYTES);
        assertThat(json.writeValueAsString(json.readTree(sample.json))).isEqualTo(sample.json);
    }

    @Test
    void hapi_parse_only_returns_the_whole_response() {
        assertThat(benchmarks.hapiParseOnly(sample).getItem()).hasSize(5);
    }

    @Test
    void parse_and_validate_returns_an_acceptance_with_the_hand_built_answers() {
        IntakeReading reading = benchmarks.parseAndValidate(sample, reader);

        assertThat(reading).isInstanceOfSatisfying(IntakeReading.Accepted.class,
                accepted -> assertThat(accepted.answers()).isEqualTo(SampleIntake.answers()));
    }

    @Test
    void parse_validate_triage_and_engine_only_give_the_same_expected_outcome() {
        TriageOutcome endToEnd = benchmarks.parseValidateTriage(sample, reader);
        TriageOutcome engineOnly = benchmarks.engineOnly(sample);
        TriageOutcome throughHapisParser = benchmarks.hapiParseValidateTriage(sample, reader);

        assertThat(endToEnd.level()).isEqualTo(SampleIntake.EXPECTED_LEVEL);
        assertThat(endToEnd.ruleIds()).isEqualTo(SampleIntake.EXPECTED_RULES);
        assertThat(engineOnly).isEqualTo(endToEnd);
        assertThat(throughHapisParser).isEqualTo(endToEnd);
    }
}
