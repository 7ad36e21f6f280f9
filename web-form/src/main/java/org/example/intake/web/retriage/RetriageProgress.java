package org.example.intake.web.retriage;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the re-triage stands on this node: its state, and how many submissions are left, done,
 * raised, less urgent and unreadable. Counts, never ids nor answers. Thread-safe.
 */
public final class RetriageProgress {

    /** Where the re-triage stands. */
    public enum State {
        /** Not started yet. */
        PENDING,
        /** Running (in the background after start). */
        RUNNING,
        /** Finished: every waiting submission that an older rule set triaged has been re-triaged. */
        DONE,
        /** Stopped by an error (see the log); the next start goes on where it stopped. */
        FAILED,
        /** Turned off ({@code intake.retriage.on-start=false}). */
        OFF
    }

    /**
     * What one run did.
     *
     * @param retriaged submissions re-triaged
     * @param raised    of which more urgent than their original level
     * @param lowered   of which less urgent
     * @param failed    stored responses that no longer read as valid (left as they were)
     * @param millis    how long the run took
     */
    public record Summary(long retriaged, long raised, long lowered, long failed, long millis) {
    }

    private volatile State state = State.PENDING;
    private long remaining;
    private long retriaged;
    private long raised;
    private long lowered;
    private long failed;
    private long millis;

    /** The state; never null. */
    public State state() {
        return state;
    }

    /** Submissions still to re-triage, as this node counts them (another node may take some). */
    public synchronized long remaining() {
        return remaining;
    }

    /** The details a health indicator shows. */
    public synchronized Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name().toLowerCase(Locale.ROOT));
        details.put("pending", remaining);
        details.put("done", retriaged);
        details.put("raised", raised);
        details.put("lessUrgent", lowered);
        if (failed > 0) {
            details.put("unreadable", failed);
        }
        if (state == State.DONE) {
            details.put("millis", millis);
        }
        return details;
    }

    synchronized void off() {
        state = State.OFF;
    }

    synchronized void started(long waiting) {
        state = State.RUNNING;
        remaining = waiting;
        retriaged = 0;
        raised = 0;
        lowered = 0;
        failed = 0;
    }

    synchronized void batch(int done, int raisedNow, int loweredNow, int failedNow, int seen) {
        retriaged += done;
        raised += raisedNow;
        lowered += loweredNow;
        failed += failedNow;
        remaining = Math.max(0, remaining - seen);
    }

    synchronized Summary finished(long tookMillis) {
        state = State.DONE;
        remaining = 0;
        millis = tookMillis;
        return new Summary(retriaged, raised, lowered, failed, millis);
    }

    synchronized void failed() {
        state = State.FAILED;
    }
}
