package org.example.intake.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The README's rule table is rendered from {@link RedFlagRule}; this test fails when the two
 * disagree. Maven runs it in the intake-core directory; an IDE may run it in the repository
 * root, so the README is looked for in the working directory and each parent.
 */
class ReadmeRuleTableTests {

    private static final String BEGIN = "<!-- rules:begin -->";
    private static final String END = "<!-- rules:end -->";
    private static final String REGENERATE = "Regenerate it from the repository root with"
            + " `./mvnw -q -pl intake-core compile && java -cp intake-core/target/classes"
            + " org.example.intake.core.triage.RuleTable` and paste the output between the "
            + BEGIN + " and " + END + " lines of README.md.";

    @Test
    void readmeRuleTableEqualsTheRenderedRules() throws IOException {
        Path readme = findReadme();
        String text = Files.readString(readme, StandardCharsets.UTF_8).replace("\r\n", "\n");

        String table = between(text, readme);

        assertThat(table)
                .as("The rule table in %s is out of date with RedFlagRule. %s", readme, REGENERATE)
                .isEqualTo(RuleTable.markdown());
    }

    /** The rendered rules between the markers, without the line break that ends the begin marker. */
    private static String between(String text, Path readme) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            fail("%s has no %s ... %s section. %s", readme, BEGIN, END, REGENERATE);
        }
        String table = text.substring(begin + BEGIN.length(), end);
        return table.startsWith("\n") ? table.substring(1) : table;
    }

    private static Path findReadme() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.isRegularFile(candidate) && contains(candidate, BEGIN)) {
                return candidate;
            }
        }
        return fail("No README.md with a %s marker in %s or any parent directory", BEGIN, start);
    }

    private static boolean contains(Path file, String marker) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }
}
