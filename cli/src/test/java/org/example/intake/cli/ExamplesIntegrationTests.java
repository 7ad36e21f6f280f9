package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.example.intake.fhir.SampleIntakes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The files in {@code examples/} and the load-run generator, through the real reader and rules. */
class ExamplesIntegrationTests {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} is triaged {1}")
    @CsvSource({
            "emergency-cauda-equina.json, EMERGENCY, CES-SADDLE",
            "urgent-fever.json,           URGENT,    INF-FEVER",
            "soon-worsening.json,         SOON,      PERSIST-WORSENING",
            "self-care.json,              SELF_CARE, ''",
            "v1.0.0-self-care.json,       SELF_CARE, ''",
    })
    void eachValidExampleIsTriagedAtItsLevel(String file, String level, String firstRule) throws IOException {
        String path = EXAMPLES.resolve(file).toString();

        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", path);

        assertThat(result.status()).isZero();
        JsonNode line = JSON.readTree(result.lines().get(0));
        assertThat(line.get("source").asText()).isEqualTo(path + "#1");
        assertThat(line.get("id").asText()).isEqualTo("example-" + file.replace(".json", ""));
        assertThat(line.get("level").asText()).isEqualTo(level);
        if (firstRule.isEmpty()) {
            assertThat(line.get("rules")).isEmpty();
        } else {
            assertThat(line.get("rules").get(0).asText()).isEqualTo(firstRule);
        }
    }

    @Test
    void theUrgentExampleFiresOnlyTheFeverRuleAsInTheContractExample() throws IOException {
        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", EXAMPLES.resolve("urgent-fever.json").toString());

        assertThat(result.lines().get(0)).contains("\"level\":\"URGENT\",\"rules\":[\"INF-FEVER\"],\"ruleSet\":\"1.1.0\"");
    }

    @Test
    void everyExampleButThe1_0_0OneAnswersQuestionnaire1_1_0() throws IOException {
        try (var files = Files.list(EXAMPLES)) {
            List<Path> examples = files.filter(path -> path.toString().endsWith(".json")).sorted().toList();

            assertThat(examples).hasSize(6).allSatisfy(path -> assertThat(JSON.readTree(path.toFile())
                    .get("questionnaire").asText()).endsWith(path.getFileName().toString().startsWith("v1.0.0-")
                            ? "|1.0.0" : "|1.1.0"));
        }
    }

    @Test
    void theOld1_0_0ExampleIsAcceptedAndItsAdviceNamesTheWarningSigns1_0_0DidNotAskAbout() throws IOException {
        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", EXAMPLES.resolve("v1.0.0-self-care.json").toString());

        JsonNode line = JSON.readTree(result.lines().get(0));
        assertThat(line.get("ruleSet").asText()).isEqualTo("1.1.0");
        assertThat(line.get("advice").get(1).asText()).startsWith("The form you filled in did not ask about some"
                + " warning signs.");
    }

    /** The examples as they were in 1.0.0 (kept under test resources): still accepted, triaged by rule set 1.1.0. */
    @ParameterizedTest(name = "1.0.0 {0} is now {1} {2}")
    @CsvSource({
            "emergency-cauda-equina.json, EMERGENCY, CES-SADDLE CES-SPHINCTER CES-BILATERAL-DEFICIT CES-BILATERAL-SCIATICA"
                    + " NEURO-PROGRESSIVE BILATERAL-NUMBNESS NEURO-WEAKNESS PAIN-SEVERE-NEW PERSIST-WORSENING"
                    + " PERSIST-RECUR-UNEXPLAINED NEURO-SENSORY SCIATICA-BELOW-KNEE FUNCTION-ADL",
            "urgent-fever.json,           URGENT,    INF-FEVER",
            "soon-worsening.json,         SOON,      PERSIST-WORSENING",
            "self-care.json,              SELF_CARE, ''",
    })
    void everyFormer1_0_0ExampleIsStillAcceptedWithItsRuleSet1_1_0Verdict(String file, String level, String rules)
            throws IOException {
        String path = Path.of("src", "test", "resources", "v1.0.0", file).toString();

        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", path);

        assertThat(result.status()).isZero();
        JsonNode line = JSON.readTree(result.lines().get(0));
        assertThat(line.get("level").asText()).isEqualTo(level);
        assertThat(line.get("rules")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(rules.isEmpty() ? List.of() : List.of(rules.split(" ")));
        assertThat(line.get("ruleSet").asText()).isEqualTo("1.1.0");
    }

    @Test
    void theFormer1_0_0InvalidExampleIsStillRefusedForTheSameMissingAnswers() throws IOException {
        String path = Path.of("src", "test", "resources", "v1.0.0", "invalid-missing-answers.json").toString();

        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", path);

        assertThat(result.status()).isEqualTo(1);
        assertThat(JSON.readTree(result.lines().get(0)).get("error").get("issue"))
                .filteredOn(issue -> issue.get("severity").asText().equals("error"))
                .extracting(issue -> issue.get("details").get("coding").get(0).get("code").asText())
                .containsOnly("missing-answer").hasSize(4);
    }

    @Test
    void theInvalidExampleGivesAnErrorLineNamingEachMissingAnswer() throws IOException {
        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", EXAMPLES.resolve("invalid-missing-answers.json").toString());

        assertThat(result.status()).isEqualTo(1);
        JsonNode error = JSON.readTree(result.lines().get(0)).get("error");
        assertThat(error.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(error.get("issue")).extracting(issue -> issue.get("diagnostics").asText())
                .anySatisfy(text -> assertThat(text).contains("pain-severity"))
                .anySatisfy(text -> assertThat(text).contains("pattern"))
                .anySatisfy(text -> assertThat(text).contains("bladder-change"))
                .anySatisfy(text -> assertThat(text).contains("age"));
    }

    @Test
    void allExamplesTogetherGiveOneLineEachInArgumentOrderAndExitOne() throws IOException {
        List<String> files = List.of("emergency-cauda-equina.json", "invalid-missing-answers.json", "self-care.json",
                "soon-worsening.json", "urgent-fever.json", "v1.0.0-self-care.json");
        String[] args = new String[files.size() + 1];
        args[0] = "triage";
        for (int i = 0; i < files.size(); i++) {
            args[i + 1] = EXAMPLES.resolve(files.get(i)).toString();
        }

        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "", args);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.sources()).containsExactlyElementsOf(
                files.stream().map(file -> EXAMPLES.resolve(file) + "#1").toList());
    }

    @ParameterizedTest(name = "validate {0} exits {1}")
    @CsvSource({
            "emergency-cauda-equina.json,  0",
            "urgent-fever.json,            0",
            "soon-worsening.json,          0",
            "self-care.json,               0",
            "v1.0.0-self-care.json,        0",
            "invalid-missing-answers.json, 1",
    })
    void validateAcceptsEachValidExampleAndRefusesTheInvalidOne(String file, int status) throws IOException {
        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "validate", EXAMPLES.resolve(file).toString());

        assertThat(result.status()).isEqualTo(status);
        assertThat(JSON.readTree(result.out()).get("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void everyGeneratedLoadIntakeIsValidAndAboutTheSizeOfARealOne(@TempDir Path dir) throws IOException {
        StringWriter ndjson = new StringWriter();
        SampleIntakes.writeNdjson(ndjson, 500, 42);
        Path file = Files.writeString(dir.resolve("load.ndjson"), ndjson.toString());

        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", file.toString());

        assertThat(result.status()).isZero();
        assertThat(result.lines()).hasSize(500).noneMatch(line -> line.contains("\"error\":"));
        assertThat(result.lines()).extracting(line -> JSON.readTree(line).get("level").asText())
                .contains("EMERGENCY", "URGENT", "SOON", "SELF_CARE");
        assertThat(ndjson.toString().length() / 500).isBetween(2_500, 3_500);
    }

    @Test
    void generatedResponsesTo1_0_0AreAllStillAcceptedAndTriagedByRuleSet1_1_0(@TempDir Path dir) throws IOException {
        StringWriter ndjson = new StringWriter();
        SampleIntakes.writeNdjson(ndjson, 300, 7, org.example.intake.core.answers.QuestionnaireVersion.V1_0_0);
        Path file = Files.writeString(dir.resolve("old.ndjson"), ndjson.toString());

        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", file.toString());

        assertThat(ndjson.toString()).contains("buttock-cramp-intake|1.0.0").doesNotContain("can-bear-weight");
        assertThat(result.status()).isZero();
        assertThat(result.lines()).hasSize(300).allSatisfy(line -> assertThat(line).contains("\"ruleSet\":\"1.1.0\""));
        assertThat(result.lines()).filteredOn(line -> !line.contains("\"level\":\"EMERGENCY\""))
                .allSatisfy(line -> assertThat(line).contains("The form you filled in did not ask about some warning"));
    }

    @Test
    void theGeneratorGivesTheSameFileForTheSameSeed() throws IOException {
        StringWriter first = new StringWriter();
        StringWriter second = new StringWriter();
        StringWriter other = new StringWriter();

        SampleIntakes.writeNdjson(first, 50, 9);
        SampleIntakes.writeNdjson(second, 50, 9);
        SampleIntakes.writeNdjson(other, 50, 10);

        assertThat(first).hasToString(second.toString());
        assertThat(first.toString()).isNotEqualTo(other.toString());
    }
}
