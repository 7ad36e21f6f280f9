package org.example.intake.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.core.triage.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/clinical-safety.md, the hazard log, honest: its risk matrix is complete and
 * ordered, every hazard is rated by that matrix before and after its controls, no residual
 * risk is above its initial risk or the acceptance limit, every control names the tests that
 * fail without it (or says why none), every rule of the rule set is named as a control and no
 * other rule id is, the log covers the rule set the code runs, and every test it names
 * ({@code ClassName#method}) is a test method in one of the repository's test source trees.
 * Reads files only: no Spring, no FHIR context.
 */
class ClinicalSafetyCaseTests {

    private static final Path ROOT = Path.of("..");
    private static final Pattern RULE_ID = Pattern.compile("`([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)`");
    private static final Pattern TEST_REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([A-Za-z0-9_]+)`");
    private static final Pattern HANDED_OVER_ID = Pattern.compile("\\bD\\d\\d\\b");
    private static final Pattern RISK_LINE = Pattern.compile("(?m)^- \\*\\*Risk\\*\\*: initial ([a-z]+(?: [a-z]+)?) × "
            + "([a-z]+(?: [a-z]+)?) = (\\d); residual ([a-z]+(?: [a-z]+)?) × ([a-z]+(?: [a-z]+)?) = (\\d)$");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** A residual rating at or above this is not acceptable for release (acceptance criteria). */
    private static final int NOT_ACCEPTABLE = 4;
    /** A residual rating at this level needs a written justification for the CSO. */
    private static final int NEEDS_JUSTIFICATION = 3;

    private static String document;
    private static Map<String, Hazard> hazards;
    private static Map<String, Map<String, Integer>> matrix;
    private static Map<String, String> ruleTable;
    private static Map<String, String> testSources;

    @BeforeAll
    static void readTheSafetyCaseAndEveryTestSource() throws IOException {
        document = Files.readString(ROOT.resolve("docs/clinical-safety.md"));
        hazards = new LinkedHashMap<>();
        Matcher heading = Pattern.compile("(?m)^### (H\\d+) (.+)$").matcher(document);
        List<Integer> starts = new ArrayList<>();
        List<String[]> headings = new ArrayList<>();
        while (heading.find()) {
            starts.add(heading.start());
            headings.add(new String[] { heading.group(1), heading.group(2).strip() });
        }
        for (int i = 0; i < headings.size(); i++) {
            int end = i + 1 < headings.size() ? starts.get(i + 1) : document.indexOf("\n## ", starts.get(i));
            String id = headings.get(i)[0];
            hazards.put(id, new Hazard(id, headings.get(i)[1],
                    document.substring(starts.get(i), end < 0 ? document.length() : end)));
        }
        matrix = readMatrix();
        ruleTable = readRuleTable();
        testSources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            for (Path file : files.filter(ClinicalSafetyCaseTests::isTestSource).toList()) {
                testSources.put(file.getFileName().toString().replace(".java", ""), read(file));
            }
        }
    }

    @Test
    void theSafetyCaseHasHazardsAndFindsTheTestSources() {
        assertThat(hazards).hasSizeGreaterThanOrEqualTo(37);
        assertThat(testSources).containsKeys("IntakeReaderUnitTests", "TriageEngineUnitTests", getClass().getSimpleName());
    }

    @Test
    void theRiskMatrixRatesAll25PairsFrom1To5RisingWithSeverityAndLikelihood() {
        List<String> severities = new ArrayList<>(matrix.keySet());
        List<String> likelihoods = new ArrayList<>(matrix.get(severities.get(0)).keySet());

        assertThat(severities).containsExactly("minor", "significant", "considerable", "major", "catastrophic");
        assertThat(likelihoods).containsExactlyInAnyOrder("very low", "low", "medium", "high", "very high");
        List<String> rising = List.of("very low", "low", "medium", "high", "very high");
        for (int s = 0; s < severities.size(); s++) {
            for (int l = 0; l < rising.size(); l++) {
                int rating = rating(severities.get(s), rising.get(l));
                assertThat(rating).as("%s × %s", severities.get(s), rising.get(l)).isBetween(1, 5);
                if (s > 0) {
                    assertThat(rating).as("%s × %s", severities.get(s), rising.get(l))
                            .isGreaterThanOrEqualTo(rating(severities.get(s - 1), rising.get(l)));
                }
                if (l > 0) {
                    assertThat(rating).as("%s × %s", severities.get(s), rising.get(l))
                            .isGreaterThanOrEqualTo(rating(severities.get(s), rising.get(l - 1)));
                }
            }
        }
        assertThat(rating("minor", "very low")).isEqualTo(1);
        assertThat(rating("catastrophic", "very high")).isEqualTo(5);
    }

    @Test
    void everySeverityAndLikelihoodHasAWrittenDefinition() {
        Set<String> severities = firstCellsOfTheTableUnder("### Severity");
        Set<String> likelihoods = firstCellsOfTheTableUnder("### Likelihood");

        assertThat(severities).containsAll(matrix.keySet());
        assertThat(likelihoods).containsAll(matrix.get("minor").keySet());
    }

    @Test
    void everyHazardHasItsCausesEffectControlsAndOneRiskLine() {
        List<String> wrong = new ArrayList<>();
        for (Hazard hazard : hazards.values()) {
            for (String field : List.of("- **Causes**:", "- **Effect**:", "- **Controls**:")) {
                if (!hazard.text().contains(field)) {
                    wrong.add(hazard.id() + " has no " + field);
                }
            }
            Matcher risk = RISK_LINE.matcher(hazard.text());
            if (!risk.find()) {
                wrong.add(hazard.id() + " has no Risk line in the fixed format");
            } else if (risk.find()) {
                wrong.add(hazard.id() + " has more than one Risk line");
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void everyHazardsRatingsAreTheMatrixRatingsOfItsSeverityAndLikelihood() {
        List<String> wrong = new ArrayList<>();
        for (Hazard hazard : hazards.values()) {
            Risk risk = hazard.risk();
            checkRating(hazard.id() + " initial", risk.initialSeverity(), risk.initialLikelihood(), risk.initial(), wrong);
            checkRating(hazard.id() + " residual", risk.residualSeverity(), risk.residualLikelihood(), risk.residual(), wrong);
        }

        assertThat(wrong).as("ratings that disagree with the risk matrix").isEmpty();
    }

    @Test
    void noResidualRiskExceedsItsInitialRiskOrTheAcceptanceLimit() {
        List<String> wrong = new ArrayList<>();
        for (Hazard hazard : hazards.values()) {
            Risk risk = hazard.risk();
            if (risk.residual() > risk.initial()) {
                wrong.add(hazard.id() + ": residual " + risk.residual() + " above initial " + risk.initial());
            }
            if (risk.residual() >= NOT_ACCEPTABLE) {
                wrong.add(hazard.id() + ": residual " + risk.residual() + " is not acceptable for release");
            }
            if (risk.residual() == NEEDS_JUSTIFICATION && !hazard.text().contains("- **Residual risk accepted because**:")) {
                wrong.add(hazard.id() + ": a residual 3 without \"Residual risk accepted because\"");
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void theSignOffNamesEveryHazardWithAResidualOf3() {
        String signOff = section("## Clinical Safety Officer sign-off");
        List<String> missing = hazards.values().stream()
                .filter(hazard -> hazard.risk().residual() == NEEDS_JUSTIFICATION)
                .map(Hazard::id)
                .filter(id -> !namesHazard(signOff, id))
                .toList();

        assertThat(missing).as("hazards with a residual 3 the sign-off does not name").isEmpty();
    }

    @Test
    void theHazardSummaryAgreesWithTheHazards() {
        Matcher row = Pattern.compile("(?m)^\\| (H\\d+) \\| (.+?) \\| (\\d) \\| (\\d) \\|$")
                .matcher(section("## Hazard summary"));
        Map<String, String> summary = new LinkedHashMap<>();
        while (row.find()) {
            summary.put(row.group(1), row.group(2) + " | " + row.group(3) + " | " + row.group(4));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        hazards.values().forEach(hazard -> expected.put(hazard.id(),
                hazard.title() + " | " + hazard.risk().initial() + " | " + hazard.risk().residual()));

        assertThat(summary).containsExactlyEntriesOf(expected);
    }

    @Test
    void everyControlNamesTheTestsThatFailWithoutItOrSaysWhyNone() {
        List<String> bare = new ArrayList<>();
        for (Hazard hazard : hazards.values()) {
            List<String> controls = hazard.controls();
            assertThat(controls).as("%s lists its controls as numbered items", hazard.id()).isNotEmpty();
            assertThat(TEST_REFERENCE.matcher(String.join("\n", controls)).find())
                    .as("%s names at least one test", hazard.id()).isTrue();
            for (int i = 0; i < controls.size(); i++) {
                String control = controls.get(i);
                if (!TEST_REFERENCE.matcher(control).find() && !control.contains("*Not automated*")
                        && !control.contains("*Handed over*")) {
                    bare.add(hazard.id() + " control " + (i + 1));
                }
            }
        }

        assertThat(bare).as("controls with neither a test nor *Not automated* nor *Handed over*").isEmpty();
    }

    @Test
    void everyRiskAHazardHandsOverIsInTheDeployingOrganisationsTable() {
        Set<String> table = new LinkedHashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (D\\d\\d) \\|").matcher(section("## Risks handed to the deploying organisation"));
        while (row.find()) {
            table.add(row.group(1));
        }
        Set<String> named = new LinkedHashSet<>();
        for (Hazard hazard : hazards.values()) {
            Matcher id = HANDED_OVER_ID.matcher(hazard.text());
            while (id.find()) {
                named.add(id.group());
            }
        }

        assertThat(table).isNotEmpty();
        assertThat(table).containsAll(named);
    }

    @Test
    void everyRuleOfTheRuleSetIsNamedAsAControl() {
        List<String> code = Arrays.stream(RedFlagRule.values()).map(RedFlagRule::id).toList();
        String controls = hazards.values().stream().map(hazard -> String.join("\n", hazard.controls()))
                .collect(Collectors.joining("\n"));

        assertThat(ruleTable.keySet()).as("the rule table of the hazard log").containsAll(code);
        assertThat(ruleIdsIn(controls)).as("rules named in the hazards' controls").containsAll(code)
                .containsAll(ruleTable.keySet());
    }

    @Test
    void everyRuleIdTheSafetyCaseNamesIsInTheRuleSetItCovers() {
        assertThat(ruleIdsIn(document)).allSatisfy(id -> assertThat(ruleTable).as("rule id %s", id).containsKey(id));
    }

    @Test
    void everyRuleIsAControlOfTheHazardsTheRuleTableGivesForIt() {
        List<String> wrong = new ArrayList<>();
        ruleTable.forEach((rule, row) -> {
            Matcher id = Pattern.compile("H\\d+").matcher(row.substring(row.indexOf('|') + 1));
            int count = 0;
            while (id.find()) {
                count++;
                Hazard hazard = hazards.get(id.group());
                if (hazard == null || !String.join("\n", hazard.controls()).contains("`" + rule + "`")) {
                    wrong.add(rule + " -> " + id.group());
                }
            }
            if (count == 0) {
                wrong.add(rule + " -> no hazard");
            }
        });

        assertThat(wrong).as("rule table rows whose hazards do not name the rule in their controls").isEmpty();
    }

    /**
     * The log says which rule set it covers. It may be ahead of the code while the code of
     * that rule set is being written (every rule of the code must still be in it); once the
     * code runs that version, the log's rules and levels must be exactly the code's; a log
     * older than the code fails.
     */
    @Test
    void theHazardLogCoversTheRuleSetTheCodeRuns() {
        String covered = documentControl("Rule set");
        int order = compareVersions(covered, RuleSet.VERSION);

        assertThat(order).as("hazard log rule set %s against the code's %s", covered, RuleSet.VERSION)
                .isGreaterThanOrEqualTo(0);
        assertThat(documentControl("Questionnaire")).startsWith(covered.split(" ")[0]);
        assertThat(ruleTable.keySet()).containsAll(Arrays.stream(RedFlagRule.values()).map(RedFlagRule::id).toList());
        assertThat(Integer.parseInt(covered.replaceAll(".*\\((\\d+) rules\\).*", "$1")))
                .as("the rule count in the document control").isEqualTo(ruleTable.size());
        if (order == 0) {
            Map<String, String> code = new LinkedHashMap<>();
            for (RedFlagRule rule : RedFlagRule.values()) {
                code.put(rule.id(), rule.level().name());
            }
            Map<String, String> log = new LinkedHashMap<>();
            ruleTable.forEach((rule, row) -> log.put(rule, row.substring(0, row.indexOf('|')).strip()));

            assertThat(log).as("the hazard log's rules and levels against RedFlagRule").containsExactlyInAnyOrderEntriesOf(code);
        }
    }

    @Test
    void everyTestTheSafetyCaseNamesIsATestMethodInTheRepository() {
        Matcher reference = TEST_REFERENCE.matcher(document);
        Set<String> missing = new LinkedHashSet<>();
        int count = 0;
        while (reference.find()) {
            count++;
            if (!isTestMethod(testSources.get(reference.group(1)), reference.group(2))) {
                missing.add(reference.group(1) + "#" + reference.group(2));
            }
        }

        assertThat(count).isGreaterThan(40);
        assertThat(missing).as("tests named in docs/clinical-safety.md that do not exist").isEmpty();
    }

    private static void checkRating(String what, String severity, String likelihood, int rating, List<String> wrong) {
        Map<String, Integer> row = matrix.get(severity);
        if (row == null || !row.containsKey(likelihood)) {
            wrong.add(what + ": " + severity + " × " + likelihood + " is not in the matrix");
        } else if (row.get(likelihood) != rating) {
            wrong.add(what + ": " + severity + " × " + likelihood + " = " + rating + ", the matrix says "
                    + row.get(likelihood));
        }
    }

    private static int rating(String severity, String likelihood) {
        return matrix.get(severity).get(likelihood);
    }

    /** severity -> likelihood -> rating, from the table whose header starts "| likelihood \ severity |". */
    private static Map<String, Map<String, Integer>> readMatrix() {
        List<String> lines = document.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| likelihood \\ severity |")) {
                header = i;
            }
        }
        if (header < 0) {
            fail("docs/clinical-safety.md has no risk matrix (a table headed | likelihood \\ severity |)");
        }
        List<String> severities = cells(lines.get(header)).subList(1, cells(lines.get(header)).size());
        Map<String, Map<String, Integer>> ratings = new LinkedHashMap<>();
        severities.forEach(severity -> ratings.put(severity, new LinkedHashMap<>()));
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> row = cells(lines.get(i));
            for (int s = 0; s < severities.size(); s++) {
                ratings.get(severities.get(s)).put(row.get(0), Integer.parseInt(row.get(s + 1)));
            }
        }
        return ratings;
    }

    /** rule id -> "LEVEL | hazards", from the rows "| `RULE-ID` | LEVEL | H01, H02 |". */
    private static Map<String, String> readRuleTable() {
        Map<String, String> rules = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z0-9-]+)` \\| ([A-Z_]+) \\| (.*) \\|$").matcher(document);
        while (row.find()) {
            String previous = rules.put(row.group(1), row.group(2) + " | " + row.group(3));
            assertThat(previous).as("rule %s appears twice in the rule table", row.group(1)).isNull();
        }
        return rules;
    }

    private static Set<String> firstCellsOfTheTableUnder(String heading) {
        int start = document.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = document.indexOf("\n#", start + heading.length() + 2);
        Set<String> cells = new LinkedHashSet<>();
        for (String line : document.substring(start, end < 0 ? document.length() : end).lines().toList()) {
            if (line.startsWith("| ") && !line.startsWith("|---")) {
                cells.add(cells(line).get(0));
            }
        }
        return cells;
    }

    /** The text of a "## " section, from its heading (which starts with the given text) to the next. */
    private static String section(String headingStart) {
        int start = document.indexOf("\n" + headingStart);
        assertThat(start).as("section %s", headingStart).isNotNegative();
        int end = document.indexOf("\n## ", start + 1);
        return document.substring(start, end < 0 ? document.length() : end);
    }

    /** The value of a "- **Name**: value" line in the document control. */
    private static String documentControl(String name) {
        Matcher line = Pattern.compile("(?m)^- \\*\\*" + Pattern.quote(name) + "\\*\\*: (.+)$")
                .matcher(section("## Document control"));
        assertThat(line.find()).as("document control names its %s", name).isTrue();
        return line.group(1).strip();
    }

    /** Whether a text names the hazard, alone or inside a range such as "H23 to H27". */
    private static boolean namesHazard(String text, String id) {
        if (Pattern.compile("\\b" + id + "\\b").matcher(text).find()) {
            return true;
        }
        int number = Integer.parseInt(id.substring(1));
        Matcher range = Pattern.compile("\\bH(\\d+)\\s+to\\s+H(\\d+)\\b").matcher(text);
        while (range.find()) {
            if (Integer.parseInt(range.group(1)) <= number && number <= Integer.parseInt(range.group(2))) {
                return true;
            }
        }
        return false;
    }

    private static int compareVersions(String left, String right) {
        Matcher a = VERSION.matcher(left);
        Matcher b = VERSION.matcher(right);
        assertThat(a.find()).as("a version in %s", left).isTrue();
        assertThat(b.find()).as("a version in %s", right).isTrue();
        for (int i = 1; i <= 3; i++) {
            int order = Integer.compare(Integer.parseInt(a.group(i)), Integer.parseInt(b.group(i)));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }

    /** Whether the source declares this method with @Test or @ParameterizedTest among the annotations just above it. */
    private static boolean isTestMethod(String source, String method) {
        if (source == null) {
            return false;
        }
        int declaration = source.indexOf(" void " + method + "(");
        if (declaration < 0) {
            return false;
        }
        Matcher previousEnd = Pattern.compile("(?m)^\\s*[};]\\s*$").matcher(source.substring(0, declaration));
        int start = 0;
        while (previousEnd.find()) {
            start = previousEnd.end();
        }
        String annotations = source.substring(start, declaration);
        return annotations.contains("@Test") || annotations.contains("@ParameterizedTest");
    }

    private static Set<String> ruleIdsIn(String text) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher matcher = RULE_ID.matcher(text);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static boolean isTestSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.contains("/src/test/java/") && path.endsWith(".java") && !path.contains("/target/")
                && !path.contains("/.git/");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One "### Hnn title" section of the hazard log. */
    private record Hazard(String id, String title, String text) {

        Risk risk() {
            Matcher line = RISK_LINE.matcher(text);
            assertThat(line.find()).as("%s has a Risk line in the fixed format", id).isTrue();
            return new Risk(line.group(1), line.group(2), Integer.parseInt(line.group(3)), line.group(4),
                    line.group(5), Integer.parseInt(line.group(6)));
        }

        /** The numbered items under "- **Controls**:", each with its continuation lines. */
        List<String> controls() {
            int start = text.indexOf("- **Controls**:");
            if (start < 0) {
                return List.of();
            }
            int end = text.indexOf("\n- **", start + 1);
            String block = text.substring(start, end < 0 ? text.length() : end);
            List<String> items = new ArrayList<>();
            Matcher item = Pattern.compile("(?m)^  \\d+\\. ").matcher(block);
            List<Integer> starts = new ArrayList<>();
            while (item.find()) {
                starts.add(item.start());
            }
            for (int i = 0; i < starts.size(); i++) {
                items.add(block.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : block.length()));
            }
            return items;
        }
    }

    private record Risk(String initialSeverity, String initialLikelihood, int initial, String residualSeverity,
            String residualLikelihood, int residual) {
    }
}
