package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.answers.QuestionnaireVersion;
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
            "v1.1.0-self-care.json,       SELF_CARE, ''",
            "v1.0.0-self-care.json,       URGENT,    FORM-INCOMPLETE",
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

        assertThat(result.lines().get(0)).contains("\"level\":\"URGENT\",\"rules\":[\"INF-FEVER\"],\"ruleSet\":\"1.2.0\"");
    }

    @Test
    void everyExampleButTheOldOnesAnswersQuestionnaire1_2_0_andNoneAnswersARetiredQuestion() throws IOException {
        try (var files = Files.list(EXAMPLES)) {
            List<Path> examples = files.filter(path -> path.toString().endsWith(".json")).sorted().toList();

            assertThat(examples).hasSize(7).allSatisfy(path -> assertThat(JSON.readTree(path.toFile())
                    .get("questionnaire").asText()).endsWith(path.getFileName().toString().startsWith("v1.0.0-")
                            ? "|1.0.0" : path.getFileName().toString().startsWith("v1.1.0-") ? "|1.1.0" : "|1.2.0"));
            assertThat(examples).filteredOn(path -> !path.getFileName().toString().startsWith("v1."))
                    .hasSize(5)
                    .allSatisfy(path -> assertThat(Files.readString(path)).contains("\"linkId\": \"standing\"")
                            .contains("\"linkId\": \"pregnant\"")
                            .doesNotContain("\"both-legs\"", "\"can-bear-weight\""));
        }
    }

    @Test
    void theOld1_0_0ExampleIsAcceptedAsUrgent_andItsAdviceNamesTheWarningSigns1_0_0DidNotAskAbout() throws IOException {
        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", EXAMPLES.resolve("v1.0.0-self-care.json").toString());

        JsonNode line = JSON.readTree(result.lines().get(0));
        List<String> advice = texts(line.get("advice"));
        assertThat(line.get("ruleSet").asText()).isEqualTo("1.2.0");
        assertThat(line.get("level").asText()).isEqualTo("URGENT");
        assertThat(advice).contains(Advice.NOT_ASKED_EMERGENCY.text(), Advice.NOT_ASKED_COLLAPSE.text(),
                Advice.NOT_ASKED_NUMBNESS_WORSE.text());
        assertThat(advice.indexOf(Advice.NOT_ASKED_EMERGENCY.text()))
                .as("the signs 1.0.0 did not ask about come right after what to do now, before the safety-net")
                .isLessThan(advice.indexOf(Advice.NET_CALL_999.text()));
    }

    @Test
    void theOld1_1_0ExampleIsAcceptedAsSelfCare_andItsAdviceNamesOnlyTheSigns1_1_0DidNotAskAbout() throws IOException {
        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", EXAMPLES.resolve("v1.1.0-self-care.json").toString());

        JsonNode line = JSON.readTree(result.lines().get(0));
        List<String> advice = texts(line.get("advice"));
        assertThat(line.get("ruleSet").asText()).isEqualTo("1.2.0");
        assertThat(line.get("level").asText()).isEqualTo("SELF_CARE");
        assertThat(advice).contains(Advice.NOT_ASKED_EMERGENCY.text(), Advice.NOT_ASKED_NUMBNESS_WORSE.text(),
                Advice.NOT_ASKED_PREGNANT.text()).doesNotContain(Advice.NOT_ASKED_COLLAPSE.text());
        assertThat(advice.indexOf(Advice.NOT_ASKED_EMERGENCY.text())).isLessThan(advice.indexOf(Advice.NET_CALL_999.text()));
    }

    /**
     * The examples as they were in 1.0.0 (kept under test resources): still accepted, triaged by rule set 1.2.0,
     * every one at least URGENT (FORM-INCOMPLETE: 1.0.0 never asked ten warning questions).
     */
    @ParameterizedTest(name = "1.0.0 {0} is now {1} {2}")
    @CsvSource({
            "emergency-cauda-equina.json, EMERGENCY, CES-SADDLE CES-SPHINCTER CES-BILATERAL-DEFICIT CES-BILATERAL-SCIATICA"
                    + " NEURO-PROGRESSIVE BILATERAL-NUMBNESS NEURO-WEAKNESS PAIN-SEVERE-NEW FORM-INCOMPLETE"
                    + " PERSIST-WORSENING PERSIST-RECUR-UNEXPLAINED NEURO-SENSORY SCIATICA-BELOW-KNEE FUNCTION-ADL",
            "urgent-fever.json,           URGENT,    INF-FEVER FORM-INCOMPLETE",
            "soon-worsening.json,         URGENT,    FORM-INCOMPLETE PERSIST-WORSENING",
            "self-care.json,              URGENT,    FORM-INCOMPLETE",
    })
    void everyFormer1_0_0ExampleIsStillAcceptedWithItsRuleSet1_2_0Verdict(String file, String level, String rules)
            throws IOException {
        assertOldExampleVerdict("v1.0.0", file, level, rules);
    }

    /** The examples as they were in 1.1.0 (kept under test resources): still accepted, triaged by rule set 1.2.0. */
    @ParameterizedTest(name = "1.1.0 {0} is now {1} {2}")
    @CsvSource({
            "emergency-cauda-equina.json, EMERGENCY, CES-SADDLE CES-SPHINCTER CES-BILATERAL-DEFICIT CES-BILATERAL-SCIATICA"
                    + " NEURO-PROGRESSIVE BILATERAL-NUMBNESS NEURO-WEAKNESS PAIN-SEVERE-NEW PERSIST-WORSENING"
                    + " PERSIST-RECUR-UNEXPLAINED NEURO-SENSORY SCIATICA-BELOW-KNEE FUNCTION-ADL",
            "urgent-fever.json,           URGENT,    INF-FEVER",
            "soon-worsening.json,         SOON,      PERSIST-WORSENING",
            "self-care.json,              SELF_CARE, ''",
    })
    void everyFormer1_1_0ExampleIsStillAcceptedWithItsRuleSet1_2_0Verdict(String file, String level, String rules)
            throws IOException {
        assertOldExampleVerdict("v1.1.0", file, level, rules);
    }

    /** Each old example and its 1.2.0 rewrite in {@code examples/} get the same verdict, but 1.0.0's FORM-INCOMPLETE. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"emergency-cauda-equina.json", "urgent-fever.json", "soon-worsening.json", "self-care.json"})
    void eachExampleRewrittenFor1_2_0_keepsItsVerdict(String file) throws IOException {
        List<String> current = rules(EXAMPLES.resolve(file).toString());
        List<String> asIn1_1_0 = rules(Path.of("src", "test", "resources", "v1.1.0", file).toString());
        List<String> asIn1_0_0 = rules(Path.of("src", "test", "resources", "v1.0.0", file).toString());

        assertThat(current).isEqualTo(asIn1_1_0);
        assertThat(asIn1_0_0).contains("FORM-INCOMPLETE");
        assertThat(asIn1_0_0.stream().filter(rule -> !rule.equals("FORM-INCOMPLETE")).toList()).isEqualTo(current);
    }

    private static void assertOldExampleVerdict(String version, String file, String level, String rules)
            throws IOException {
        String path = Path.of("src", "test", "resources", version, file).toString();

        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", path);

        assertThat(result.status()).isZero();
        JsonNode line = JSON.readTree(result.lines().get(0));
        assertThat(line.get("level").asText()).isEqualTo(level);
        assertThat(line.get("rules")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(rules.isEmpty() ? List.of() : List.of(rules.split(" ")));
        assertThat(line.get("ruleSet").asText()).isEqualTo("1.2.0");
    }

    private static List<String> rules(String path) throws IOException {
        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", path);
        assertThat(result.status()).as(path).isZero();
        return texts(JSON.readTree(result.lines().get(0)).get("rules"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @ParameterizedTest(name = "the former {0} invalid example")
    @CsvSource({"v1.0.0", "v1.1.0"})
    void theFormerInvalidExamplesAreStillRefusedForTheSameMissingAnswers(String version) throws IOException {
        String path = Path.of("src", "test", "resources", version, "invalid-missing-answers.json").toString();

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
                "soon-worsening.json", "urgent-fever.json", "v1.0.0-self-care.json", "v1.1.0-self-care.json");
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
            "v1.1.0-self-care.json,        0",
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
    void generatedResponsesTo1_0_0AreAllStillAcceptedAndTriagedByRuleSet1_2_0AtLeastUrgent(@TempDir Path dir)
            throws IOException {
        StringWriter ndjson = new StringWriter();
        SampleIntakes.writeNdjson(ndjson, 300, 7, QuestionnaireVersion.V1_0_0);
        Path file = Files.writeString(dir.resolve("old.ndjson"), ndjson.toString());

        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", file.toString());

        assertThat(ndjson.toString()).contains("buttock-cramp-intake|1.0.0").doesNotContain("can-bear-weight",
                "\"standing\"");
        assertThat(result.status()).isZero();
        assertThat(result.lines()).hasSize(300).allSatisfy(line -> assertThat(line).contains("\"ruleSet\":\"1.2.0\"")
                .contains("FORM-INCOMPLETE").containsAnyOf("\"level\":\"URGENT\"", "\"level\":\"EMERGENCY\""));
        assertThat(result.lines()).filteredOn(line -> !line.contains("\"level\":\"EMERGENCY\""))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(JsonText.quote(Advice.NOT_ASKED_EMERGENCY.text())));
    }

    @Test
    void generatedResponsesTo1_1_0AreAllStillAcceptedAndTriagedByRuleSet1_2_0(@TempDir Path dir) throws IOException {
        StringWriter ndjson = new StringWriter();
        SampleIntakes.writeNdjson(ndjson, 300, 11, QuestionnaireVersion.V1_1_0);
        Path file = Files.writeString(dir.resolve("old.ndjson"), ndjson.toString());

        IntakeCommandIntegrationTests.Result result = IntakeCommandIntegrationTests.run(new IntakeCommand(2), "",
                "triage", file.toString());

        assertThat(ndjson.toString()).contains("buttock-cramp-intake|1.1.0", "can-bear-weight", "both-legs")
                .doesNotContain("\"standing\"", "\"pregnant\"");
        assertThat(result.status()).isZero();
        assertThat(result.lines()).hasSize(300).allSatisfy(line -> assertThat(line).contains("\"ruleSet\":\"1.2.0\"")
                .doesNotContain("FORM-INCOMPLETE"));
        assertThat(result.lines()).extracting(line -> JSON.readTree(line).get("level").asText())
                .contains("EMERGENCY", "URGENT", "SOON", "SELF_CARE");
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
