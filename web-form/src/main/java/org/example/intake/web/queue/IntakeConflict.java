package org.example.intake.web.queue;

/**
 * A decision that the submission's current state rules out: reviewing it twice, giving it the
 * level it already has, re-queueing a delivery that is not parked. Nothing was changed.
 */
public class IntakeConflict extends RuntimeException {

    public IntakeConflict(String message) {
        super(message);
    }
}
