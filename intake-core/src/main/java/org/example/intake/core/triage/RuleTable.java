package org.example.intake.core.triage;

/**
 * Renders the red-flag rules as the Markdown table that the README shows between its
 * {@code <!-- rules:begin -->} and {@code <!-- rules:end -->} markers, one row per
 * {@link RedFlagRule} in table order. A test keeps the README equal to this rendering; to
 * regenerate it, run {@link #main(String[])} and paste its output between the markers.
 */
public final class RuleTable {

    private RuleTable() {
    }

    /**
     * The table in GitHub-flavoured Markdown: a header row, a separator row and one row per
     * rule, every line ending with {@code \n}; never null.
     */
    public static String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| rule id | fires when | level | source | why |\n");
        table.append("|---|---|---|---|---|\n");
        for (RedFlagRule rule : RedFlagRule.values()) {
            table.append("| ").append(cell(rule.id()))
                    .append(" | ").append(cell(rule.criterion()))
                    .append(" | ").append(cell(rule.level().name()))
                    .append(" | ").append(cell(rule.source()))
                    .append(" | ").append(cell(rule.rationale()))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Prints {@link #markdown()} to standard output, for pasting into the README. */
    public static void main(String[] args) {
        System.out.print(markdown());
    }

    /** A cell's text with the characters that would break a table row escaped. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }
}
