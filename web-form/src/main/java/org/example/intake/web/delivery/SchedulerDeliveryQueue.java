package org.example.intake.web.delivery;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.SchedulerClient;

/**
 * Queues deliveries as jobs of the plugin's own scheduler, one per submission (the job's instance
 * id is the submission id). The scheduler's DataSource is transaction-aware, so the job row is
 * written in the caller's transaction, beside the submission.
 */
final class SchedulerDeliveryQueue implements DeliveryQueue {

    private final SchedulerClient scheduler;
    private final Clock clock;

    SchedulerDeliveryQueue(SchedulerClient scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void enqueue(String submissionId) {
        scheduler.scheduleIfNotExists(DeliveryTask.TASK.instance(submissionId).data(submissionId)
                .scheduledTo(clock.instant()));
    }
}
