package org.example.intake.core.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.example.intake.core.advice.AdvicePlanner;
import org.example.intake.core.answers.IntakeAnswers;

/**
 * Applies every red-flag rule to a patient's answers, read in the current questionnaire's terms
 * ({@link IntakeAnswers#inCurrentTerms()}). The outcome's level is the highest level
 * among the rules that fire; every fired rule is listed, so a clinician sees all the reasons,
 * not just the worst, most urgent first. Stateless and thread-safe: share one instance.
 */
public final class TriageEngine {

    /** Every rule, most urgent first and in table order within a level, so fired rules come out in that order. */
    private static final RedFlagRule[] RULES = Arrays.stream(RedFlagRule.values())
            .sorted(Comparator.comparing(RedFlagRule::level))
            .toArray(RedFlagRule[]::new);

    private final AdvicePlanner advicePlanner = new AdvicePlanner();

    /** Triage these answers; never returns null. */
    public TriageOutcome triage(IntakeAnswers answers) {
        IntakeAnswers current = answers.inCurrentTerms();
        List<RedFlagRule> fired = new ArrayList<>(4);
        Level level = Level.SELF_CARE;
        for (RedFlagRule rule : RULES) {
            if (rule.firesOnCurrentTerms(current)) {
                fired.add(rule);
                if (rule.level().isMoreUrgentThan(level)) {
                    level = rule.level();
                }
            }
        }
        return new TriageOutcome(level, fired, RuleSet.VERSION, advicePlanner.adviseOn(level, current));
    }
}
