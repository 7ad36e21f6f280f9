package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.core.triage.RuleSet;
import org.example.intake.core.triage.TriageOutcome;
import org.junit.jupiter.api.Test;

class OutputLineUnitTests {

    private static final TriageOutcome FEVER = new TriageOutcome(Level.URGENT, List.of(RedFlagRule.INF_FEVER),
            RuleSet.VERSION, List.of(Advice.ACT_URGENT, Advice.NET_EMERGENCY));

    @Test
    void aTriagedLineHasTheContractKeysInTheContractOrder() {
        String line = OutputLine.triaged("in.ndjson#3", "qr-1", FEVER);

        assertThat(line).isEqualTo("{\"source\":\"in.ndjson#3\",\"id\":\"qr-1\",\"level\":\"URGENT\","
                + "\"rules\":[\"INF-FEVER\"],\"ruleSet\":\"1.2.0\",\"advice\":["
                + JsonText.quote(Advice.ACT_URGENT.text()) + "," + JsonText.quote(Advice.NET_EMERGENCY.text()) + "]}");
    }

    @Test
    void aResponseWithoutIdGetsJsonNullNotAString() {
        String line = OutputLine.triaged("-#1", null, FEVER);

        assertThat(line).startsWith("{\"source\":\"-#1\",\"id\":null,\"level\":\"URGENT\",");
    }

    @Test
    void noFiredRulesGiveAnEmptyArray() {
        TriageOutcome selfCare = new TriageOutcome(Level.SELF_CARE, List.of(), RuleSet.VERSION,
                List.of(Advice.ACT_SELF_CARE));

        String line = OutputLine.triaged("a.json#1", "x", selfCare);

        assertThat(line).contains("\"level\":\"SELF_CARE\",\"rules\":[],\"ruleSet\":\"1.2.0\",\"advice\":[\"");
    }

    @Test
    void severalRulesAreListedInOrderSeparatedByCommas() {
        TriageOutcome emergency = new TriageOutcome(Level.EMERGENCY,
                List.of(RedFlagRule.CES_SADDLE, RedFlagRule.CES_SPHINCTER, RedFlagRule.INF_FEVER), RuleSet.VERSION,
                List.of(Advice.ACT_EMERGENCY));

        String line = OutputLine.triaged("a.json#1", "x", emergency);

        assertThat(line).contains("\"rules\":[\"CES-SADDLE\",\"CES-SPHINCTER\",\"INF-FEVER\"]");
    }

    @Test
    void fileNamesAndIdsThatNeedEscapingAreEscaped() {
        String line = OutputLine.triaged("my \"odd\"\\file.json#1", "a\"b", FEVER);

        assertThat(line).startsWith("{\"source\":\"my \\\"odd\\\"\\\\file.json#1\",\"id\":\"a\\\"b\",");
    }

    @Test
    void anErrorLineHasSourceThenTheOutcomeAsItIs() {
        String outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[]}";

        assertThat(OutputLine.error("x.json#2", outcome))
                .isEqualTo("{\"source\":\"x.json#2\",\"error\":{\"resourceType\":\"OperationOutcome\",\"issue\":[]}}");
    }

    @Test
    void aShortLineAfterALongOne_isItselfOnly() {
        // each thread reuses one buffer: nothing of an earlier, longer line may show in a later one
        String longId = "x".repeat(10_000);
        String longLine = OutputLine.triaged("a.json#1", longId, FEVER);
        String shortLine = OutputLine.triaged("a.json#2", "y", FEVER);

        assertThat(longLine).contains(longId).endsWith("]}");
        assertThat(shortLine).isEqualTo(longLine.replace("a.json#1", "a.json#2").replace(longId, "y"));
        assertThat(new String(OutputLine.triagedUtf8("a.json#2", "y", FEVER), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(shortLine + "\n");
    }

    @Test
    void linesNeverContainANewline() {
        assertThat(OutputLine.triaged("a\nb#1", "c\nd", FEVER)).doesNotContain("\n");
    }
}
