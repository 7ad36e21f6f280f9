package org.example.intake.core.triage;

/** The version of the red-flag rule set; every {@link TriageOutcome} records it. */
public final class RuleSet {

    /** Bumped whenever a rule, a threshold or a level changes. */
    public static final String VERSION = "1.2.0";

    private RuleSet() {
    }
}
