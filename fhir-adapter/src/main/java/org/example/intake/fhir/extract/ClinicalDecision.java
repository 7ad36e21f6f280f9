package org.example.intake.fhir.extract;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.example.intake.core.triage.Level;

/**
 * What clinicians decided about one submission so far: whether it was reviewed, and whether its
 * triage level was overridden. It is the current state, not a history: delivering a submission
 * with its decision makes the EHR follow it (see {@link SubmissionBundleBuilder#build(Submission)}).
 * Every part carries its own time, so the Bundle built from it never reads a clock.
 *
 * <p>Replace an override rather than drop it once it was delivered: an override back to the triaged
 * level puts the EHR's Flag and ServiceRequest back to the triage's level, whereas a self-care
 * submission delivered without any override no longer names the Flag and ServiceRequest an earlier
 * override made, and the EHR keeps them as they were.
 *
 * @param review   the clinician's review, when there was one; never null
 * @param override the level a clinician set instead of the triage's, when one did; never null
 */
public record ClinicalDecision(Optional<Review> review, Optional<Override> override) {

    /** No review and no override: the submission goes to the EHR exactly as triaged. */
    public static final ClinicalDecision NONE = new ClinicalDecision(Optional.empty(), Optional.empty());

    public ClinicalDecision {
        Objects.requireNonNull(review, "review (Optional.empty() for none)");
        Objects.requireNonNull(override, "override (Optional.empty() for none)");
    }

    /** A decision with this review and no override. */
    public static ClinicalDecision reviewed(Review review) {
        return new ClinicalDecision(Optional.of(review), Optional.empty());
    }

    /** A decision with this override and no review. */
    public static ClinicalDecision overridden(Override override) {
        return new ClinicalDecision(Optional.empty(), Optional.of(override));
    }

    /** This decision with the review replaced (or added). */
    public ClinicalDecision withReview(Review review) {
        return new ClinicalDecision(Optional.of(review), override);
    }

    /** This decision with the override replaced (or added). */
    public ClinicalDecision withOverride(Override override) {
        return new ClinicalDecision(review, Optional.of(override));
    }

    /** Whether nothing was decided (equal to {@link #NONE}). */
    public boolean isNone() {
        return review.isEmpty() && override.isEmpty();
    }

    /** The level that holds: the override's when there is one, else the triaged level; never null. */
    public Level effectiveLevel(Level triaged) {
        Objects.requireNonNull(triaged, "triaged");
        return override.map(Override::level).orElse(triaged);
    }

    /**
     * The referral window that holds for a submission received (and triaged) at {@code receivedAt}
     * as {@code triaged}: the override's when there is one (see {@link ReferralWindow}), else the
     * triage's; empty when the level that holds is self-care.
     */
    public Optional<ReferralWindow> referralWindow(Instant receivedAt, Level triaged) {
        Objects.requireNonNull(triaged, "triaged");
        return override.map(o -> ReferralWindow.of(receivedAt, o.level(), o.replaced().orElse(triaged), o.at()))
                .orElseGet(() -> ReferralWindow.triaged(receivedAt, triaged));
    }

    /**
     * A clinician looked at the submission.
     *
     * @param at   when the review was recorded
     * @param by   the clinician's user name; not blank
     * @param note what the clinician wrote, when anything; never null, and not blank when present
     */
    public record Review(Instant at, String by, Optional<String> note) {
        public Review {
            Objects.requireNonNull(at, "at");
            by = requireText(by, "by (the clinician's user name)");
            Objects.requireNonNull(note, "note (Optional.empty() for none)");
            if (note.isPresent() && note.get().isBlank()) {
                throw new IllegalArgumentException("a review note, when given, is not blank (give none instead)");
            }
        }

        /** A review without a note. */
        public Review(Instant at, String by) {
            this(at, by, Optional.empty());
        }
    }

    /**
     * A clinician set the level instead of the triage. Named after what it is in the clinic; note
     * that inside {@link ClinicalDecision} the name hides {@code java.lang.Override}.
     *
     * @param level    the level the clinician set
     * @param reason   why, in the clinician's words; not blank
     * @param at       when the override was recorded
     * @param by       the clinician's user name; not blank
     * @param replaced the level that counted just before this override (a previous override's); empty for the
     *                 triage's level, which the first override replaces (and when it is not known: an override
     *                 stored before this was recorded). Whether the override made the level more or less urgent,
     *                 and so where its referral window starts, is judged against it ({@link ReferralWindow}).
     *                 Never null.
     */
    public record Override(Level level, String reason, Instant at, String by, Optional<Level> replaced) {

        /**
         * How {@code by} begins when no clinician but a newer red-flag rule set raised the level
         * (re-triage), followed by the rule set's version: {@code "rule set 1.2.0"}. A user name
         * has no space, so it never begins so.
         */
        public static final String RULE_SET_AUTHOR = "rule set ";

        public Override {
            Objects.requireNonNull(level, "level");
            reason = requireText(reason, "reason");
            Objects.requireNonNull(at, "at");
            by = requireText(by, "by (the clinician's user name)");
            Objects.requireNonNull(replaced, "replaced (Optional.empty() for the triage's level)");
        }

        /** An override of the triage's level (the first override of a submission). */
        public Override(Level level, String reason, Instant at, String by) {
            this(level, reason, at, by, Optional.empty());
        }

        /**
         * A level raised by a newer rule set that re-triaged the submission: it reaches the EHR as
         * a clinician's override does, authored by {@code "rule set <version>"}.
         */
        public static Override byRuleSet(Level level, String ruleSet, String reason, Instant at) {
            return new Override(level, reason, at, RULE_SET_AUTHOR + requireText(ruleSet, "ruleSet"));
        }

        /** Whether a newer rule set set this level rather than a clinician (see {@link #byRuleSet}). */
        public boolean isByRuleSet() {
            return by.startsWith(RULE_SET_AUTHOR);
        }
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
