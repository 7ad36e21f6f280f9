package org.example.intake.core.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RuleTableUnitTests {

    @Test
    void tableStartsWithTheFiveColumnHeader() {
        String markdown = RuleTable.markdown();

        assertThat(markdown).startsWith("| rule id | fires when | level | source | why |\n|---|---|---|---|---|\n");
    }

    @Test
    void tableHasOneRowPerRuleInTableOrder() {
        List<String> rows = RuleTable.markdown().lines().skip(2).toList();

        List<String> ids = rows.stream().map(row -> row.split(" \\| ")[0].substring(2)).toList();

        assertThat(ids).hasSize(46).startsWith("CES-SADDLE", "CES-SPHINCTER").endsWith("AGE-NEW-ONSET", "AGE-SEVERE");
    }

    @Test
    void rowShowsIdCriterionLevelSourceAndRationale() {
        String markdown = RuleTable.markdown();

        assertThat(markdown).contains("| INF-RISK | (immunosuppressed or iv-drug-use) and pattern != improving | URGENT"
                + " | infection risk factors | " + RedFlagRule.INF_RISK.rationale() + " |\n");
    }

    @Test
    void everyLineEndsWithALineBreak() {
        String markdown = RuleTable.markdown();

        assertThat(markdown).endsWith(" |\n").doesNotContain("\r");
    }
}
