package org.example.intake.web.queue;

import java.util.Objects;
import java.util.Optional;

import org.example.intake.core.triage.Level;
import org.example.intake.web.delivery.DeliveryState;

/**
 * Which submissions a view of the clinicians' queue shows.
 *
 * @param level    only those whose level that counts (a clinician's override, else the triage's) is this one
 * @param delivery only those whose delivery is in this state
 */
public record QueueFilter(Optional<Level> level, Optional<DeliveryState> delivery) {

    /** Every submission. */
    public static final QueueFilter ALL = new QueueFilter(Optional.empty(), Optional.empty());

    public QueueFilter {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(delivery, "delivery");
    }
}
