package org.example.intake.fhir.extract;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import org.example.intake.core.triage.Level;

/**
 * When a clinician is to see the patient: the referral window of a submission, from {@code start}
 * to {@code end}. The one rule both the clinicians' queue (its due time) and the EHR's
 * ServiceRequest ({@code occurrencePeriod}) take it from, so the two always agree:
 *
 * <ul>
 * <li>as triaged: from when the intake was received, for the level's window (EMERGENCY 4 hours,
 *     URGENT 24 hours, SOON 14 days);</li>
 * <li>after an override to a <em>more</em> urgent level than the one it replaced: from the
 *     override, for the new level's window (the clinician asks for it from now);</li>
 * <li>after an override to a <em>less</em> urgent level: still from when the intake was received,
 *     for the new level's window. A downgrade never buys time: it cannot move the start later.</li>
 * </ul>
 *
 * An override is compared with the level that counted just before it (the triage's for the first
 * override, the previous override's for a later one), not always with the triage's: each override
 * is judged as the change the clinician made. A self-care level has no window.
 *
 * <p>Both times are whole seconds (received and override times are cut to the second), as the
 * EHR's {@code dateTime} holds them: the queue shows exactly what the EHR holds.
 *
 * @param start when the window opens; whole seconds
 * @param end   when it closes (the time a clinician should have seen the patient by); whole seconds
 */
public record ReferralWindow(Instant start, Instant end) {

    public ReferralWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a referral window ends after it starts");
        }
    }

    /**
     * The window of a submission received at {@code receivedAt} whose level that counts is
     * {@code level}, set at {@code setAt} in place of {@code replaced}; empty for self-care.
     * The triage's own window is {@code of(receivedAt, level, level, receivedAt)}.
     *
     * @param receivedAt when the intake was received (and triaged)
     * @param level      the level that counts now
     * @param replaced   the level that counted just before it was set (the level itself when nothing replaced it)
     * @param setAt      when it was set: the override's time, or {@code receivedAt} for the triage's level
     */
    public static Optional<ReferralWindow> of(Instant receivedAt, Level level, Level replaced, Instant setAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(replaced, "replaced");
        Objects.requireNonNull(setAt, "setAt");
        Instant start = (level.isMoreUrgentThan(replaced) ? setAt : receivedAt).truncatedTo(ChronoUnit.SECONDS);
        return level.referralWindow().map(window -> new ReferralWindow(start, start.plus(window)));
    }

    /** The triage's own window: from when the intake was received, for the level's window; empty for self-care. */
    public static Optional<ReferralWindow> triaged(Instant receivedAt, Level level) {
        return of(receivedAt, level, level, receivedAt);
    }
}
