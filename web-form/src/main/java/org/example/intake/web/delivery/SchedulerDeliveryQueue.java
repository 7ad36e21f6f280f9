package org.example.intake.web.delivery;

import java.time.Clock;
import java.util.List;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;

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
        scheduler.scheduleIfNotExists(job(submissionId));
    }

    /** One insert: db-scheduler's batch scheduling does not look for an existing job first, as scheduling does. */
    @Override
    public void enqueueNew(String submissionId) {
        scheduler.scheduleBatch(List.of(job(submissionId)));
    }

    private SchedulableInstance<String> job(String submissionId) {
        return DeliveryTask.TASK.instance(submissionId).data(submissionId).scheduledTo(clock.instant());
    }
}
