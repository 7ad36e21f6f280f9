package org.example.intake.core.triage;

import java.util.List;
import java.util.Objects;

import org.example.intake.core.advice.Advice;

/**
 * The result of triaging one intake: the level, every rule that fired (most urgent first, then in
 * rule-table order), the rule-set version, and what to tell the patient.
 *
 * @param level          the highest level of the fired rules, {@link Level#SELF_CARE} when none fired
 * @param firedRules     every rule that fired; empty when none did; never null
 * @param ruleSetVersion the {@link RuleSet#VERSION} that produced this outcome
 * @param advice         what to tell the patient, most important first; never empty
 */
public record TriageOutcome(Level level, List<RedFlagRule> firedRules, String ruleSetVersion, List<Advice> advice) {

    public TriageOutcome {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
        firedRules = List.copyOf(firedRules);
        advice = List.copyOf(advice);
        if (advice.isEmpty()) {
            throw new IllegalArgumentException("an outcome always tells the patient what to do");
        }
        Level previous = null;
        for (RedFlagRule rule : firedRules) {
            if (rule.level().isMoreUrgentThan(level)) {
                throw new IllegalArgumentException(rule.id() + " calls for " + rule.level() + ", above " + level);
            }
            if (previous != null && rule.level().isMoreUrgentThan(previous)) {
                throw new IllegalArgumentException(rule.id() + " (" + rule.level() + ") is listed after a "
                        + previous + " rule: fired rules go most urgent first");
            }
            previous = rule.level();
        }
    }

    /** The ids of the fired rules, in the same order. */
    public List<String> ruleIds() {
        return firedRules.stream().map(RedFlagRule::id).toList();
    }
}
