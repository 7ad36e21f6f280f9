package org.example.intake.web.queue;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A decision that the submission's current state rules out: reviewing it twice, giving it the
 * level it already has, re-queueing a delivery that is not parked. Nothing was changed. The API answers it with 409.
 */
@ResponseStatus(HttpStatus.CONFLICT)
public class IntakeConflict extends RuntimeException {

    public IntakeConflict(String message) {
        super(message);
    }
}
