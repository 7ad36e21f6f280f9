package org.example.intake.safety;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/clinical-safety.md, the hazard log, honest: every rule of the rule set is named
 * as a control, every rule id it names exists, every hazard names the tests that fail when its
 * controls are removed, and every test it names ({@code ClassName#method}) is a test method
 * in one of the repository's test source trees.
 */
class ClinicalSafetyCaseTests {

    private static final Path ROOT = Path.of("..");
    private static final Pattern RULE_ID = Pattern.compile("`([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)`");
    private static final Pattern TEST_REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([A-Za-z0-9_]+)`");

    private static String document;
    private static Map<String, String> hazards;
    private static Map<String, String> testSources;

    @BeforeAll
    static void readTheSafetyCaseAndEveryTestSource() throws IOException {
        document = Files.readString(ROOT.resolve("docs/clinical-safety.md"));
        hazards = new LinkedHashMap<>();
        Matcher heading = Pattern.compile("(?m)^### (H\\d+) ").matcher(document);
        List<int[]> starts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (heading.find()) {
            starts.add(new int[] { heading.start() });
            ids.add(heading.group(1));
        }
        for (int i = 0; i < ids.size(); i++) {
            int end = i + 1 < ids.size() ? starts.get(i + 1)[0] : document.indexOf("\n## ", starts.get(i)[0]);
            hazards.put(ids.get(i), document.substring(starts.get(i)[0], end < 0 ? document.length() : end));
        }
        testSources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            for (Path file : files.filter(ClinicalSafetyCaseTests::isTestSource).toList()) {
                testSources.put(file.getFileName().toString().replace(".java", ""), read(file));
            }
        }
    }

    @Test
    void theSafetyCaseHasHazardsAndFindsTheTestSources() {
        assertThat(hazards).hasSizeGreaterThanOrEqualTo(15);
        assertThat(testSources).containsKeys("RuleSet110UnitTests", "IntakeReaderUnitTests", getClass().getSimpleName());
    }

    @Test
    void everyRuleOfTheRuleSetIsNamedAsAControl() {
        Set<String> named = ruleIdsIn(document);

        assertThat(named).containsAll(Arrays.stream(RedFlagRule.values()).map(RedFlagRule::id).toList());
    }

    @Test
    void everyRuleIdTheSafetyCaseNamesExists() {
        Set<String> known = Arrays.stream(RedFlagRule.values()).map(RedFlagRule::id).collect(Collectors.toSet());

        assertThat(ruleIdsIn(document)).allSatisfy(id -> assertThat(known).as("rule id %s", id).contains(id));
    }

    @Test
    void everyHazardNamesItsCausesControlsAndAtLeastOneTest() {
        assertThat(hazards).allSatisfy((id, text) -> {
            assertThat(text).as(id).contains("- **Causes**:", "- **Controls**:", "- **Tests**:", "- **Risk**:");
            assertThat(TEST_REFERENCE.matcher(text.substring(text.indexOf("- **Tests**:"))).find()).as(id).isTrue();
        });
    }

    @Test
    void everyTestTheSafetyCaseNamesIsATestMethodInTheRepository() {
        Matcher reference = TEST_REFERENCE.matcher(document);
        List<String> missing = new ArrayList<>();
        int count = 0;
        while (reference.find()) {
            count++;
            boolean found = isTestMethod(testSources.get(reference.group(1)), reference.group(2));
            if (!found) {
                missing.add(reference.group(1) + "#" + reference.group(2));
            }
        }

        assertThat(count).isGreaterThan(40);
        assertThat(missing).as("tests named in docs/clinical-safety.md that do not exist").isEmpty();
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
}
