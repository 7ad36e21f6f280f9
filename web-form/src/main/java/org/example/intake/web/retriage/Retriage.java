package org.example.intake.web.retriage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.example.intake.core.triage.Level;

/**
 * A newer rule set's verdict on a submission that an older one triaged, kept beside the original
 * verdict (which, with the advice the patient was shown, is never rewritten). Where it is more
 * urgent than the original it raises the level that counts (queue and EHR) until a clinician
 * decides; where it is less urgent the original, more urgent level still counts and this one is
 * only shown beside it.
 *
 * @param level   the newer rules' level
 * @param ruleIds the rules that fired under them, most urgent first
 * @param ruleSet the newer rule set's version
 * @param at      when the submission was re-triaged
 */
public record Retriage(Level level, List<String> ruleIds, String ruleSet, Instant at) {

    public Retriage {
        Objects.requireNonNull(level, "level");
        ruleIds = List.copyOf(ruleIds);
        Objects.requireNonNull(ruleSet, "ruleSet");
        Objects.requireNonNull(at, "at");
    }

    /** Whether the newer rules are more urgent than the original level (and so raise it). */
    public boolean raises(Level original) {
        return level.isMoreUrgentThan(original);
    }

    /** Whether the newer rules are less urgent than the original level (which then still counts). */
    public boolean lowers(Level original) {
        return original.isMoreUrgentThan(level);
    }

    /** What the newer rules did, for clinicians: "Raised to URGENT by rule set 1.2.0" or "Rule set 1.2.0 would say SOON". */
    public String summary(Level original) {
        if (raises(original)) {
            return "Raised to " + level + " by rule set " + ruleSet;
        }
        return lowers(original) ? "Rule set " + ruleSet + " would say " + level : "Rule set " + ruleSet + " agrees: " + level;
    }
}
