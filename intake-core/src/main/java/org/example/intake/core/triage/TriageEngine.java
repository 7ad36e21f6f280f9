package org.example.intake.core.triage;

import java.util.ArrayList;
import java.util.List;

import org.example.intake.core.advice.AdvicePlanner;
import org.example.intake.core.answers.IntakeAnswers;

/**
 * Applies every red-flag rule to a patient's answers. The outcome's level is the highest level
 * among the rules that fire; every fired rule is listed, so a clinician sees all the reasons,
 * not just the worst. Stateless and thread-safe: share one instance.
 */
public final class TriageEngine {

    private static final RedFlagRule[] RULES = RedFlagRule.values();

    private final AdvicePlanner advicePlanner = new AdvicePlanner();

    /** Triage these answers; never returns null. */
    public TriageOutcome triage(IntakeAnswers answers) {
        List<RedFlagRule> fired = new ArrayList<>(4);
        Level level = Level.SELF_CARE;
        for (RedFlagRule rule : RULES) {
            if (rule.firesOn(answers)) {
                fired.add(rule);
                if (rule.level().isMoreUrgentThan(level)) {
                    level = rule.level();
                }
            }
        }
        return new TriageOutcome(level, fired, RuleSet.VERSION, advicePlanner.adviseOn(level, answers));
    }
}
