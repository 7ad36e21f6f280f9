package org.example.intake.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.example.intake.core.advice.Advice;
import org.junit.jupiter.api.Test;

class TriageOutcomeUnitTests {

    @Test
    void outcomeAcceptsRulesAtOrBelowItsLevel() {
        List<RedFlagRule> fired = List.of(RedFlagRule.INF_FEVER, RedFlagRule.PERSIST_WORSENING);

        TriageOutcome outcome = new TriageOutcome(Level.URGENT, fired, "1.0.0", List.of(Advice.ACT_URGENT));

        assertThat(outcome.ruleIds()).containsExactly("INF-FEVER", "PERSIST-WORSENING");
    }

    @Test
    void outcomeRefusesARuleAboveItsLevel() {
        List<RedFlagRule> fired = List.of(RedFlagRule.CES_SADDLE);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TriageOutcome(Level.URGENT, fired, "1.0.0", List.of(Advice.ACT_URGENT)))
                .withMessageContaining("CES-SADDLE");
    }

    @Test
    void outcomeRefusesEmptyAdvice() {
        List<Advice> advice = List.of();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TriageOutcome(Level.SELF_CARE, List.of(), "1.0.0", advice));
    }

    @Test
    void outcomeRefusesMissingRuleSetVersion() {
        List<Advice> advice = List.of(Advice.ACT_SELF_CARE);

        assertThatThrownBy(() -> new TriageOutcome(Level.SELF_CARE, List.of(), null, advice))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("ruleSetVersion");
    }

    @Test
    void outcomeKeepsItsOwnCopyOfTheFiredRules() {
        List<RedFlagRule> fired = new ArrayList<>(List.of(RedFlagRule.INF_FEVER));
        TriageOutcome outcome = new TriageOutcome(Level.URGENT, fired, "1.0.0", List.of(Advice.ACT_URGENT));

        fired.add(RedFlagRule.MAL_WEIGHT);

        assertThat(outcome.ruleIds()).containsExactly("INF-FEVER");
    }
}
