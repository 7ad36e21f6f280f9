package org.example.intake.core.triage;

import java.time.Duration;
import java.util.Optional;

/**
 * How urgently a clinician must see the patient, highest first (the triage contract). The
 * declaration order is the order of urgency: {@link #isMoreUrgentThan(Level)} relies on it.
 */
public enum Level {
    /** Call emergency services or go to the emergency department now; referral within 4 hours. */
    EMERGENCY(Duration.ofHours(4)),
    /** A clinician the same day; referral within 24 hours. */
    URGENT(Duration.ofHours(24)),
    /** Book an appointment; referral within 14 days. */
    SOON(Duration.ofDays(14)),
    /** Self-care advice and safety-netting; no referral. */
    SELF_CARE(null);

    private final Duration referralWindow;

    Level(Duration referralWindow) {
        this.referralWindow = referralWindow;
    }

    /** How soon a clinician must see the patient; empty for {@link #SELF_CARE}. */
    public Optional<Duration> referralWindow() {
        return Optional.ofNullable(referralWindow);
    }

    /** Whether this level calls for a referral (every level but {@link #SELF_CARE}). */
    public boolean needsReferral() {
        return referralWindow != null;
    }

    /** Whether this level is strictly more urgent than the other. */
    public boolean isMoreUrgentThan(Level other) {
        return ordinal() < other.ordinal();
    }
}
