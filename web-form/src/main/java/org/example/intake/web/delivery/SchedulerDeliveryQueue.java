package org.example.intake.web.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;

/**
 * Queues deliveries as jobs of the plugin's own scheduler, one per submission (the job's instance
 * id is the submission id). The scheduler's DataSource is transaction-aware, so the job row is
 * written in the caller's transaction, beside the submission; a new submission's first job can also
 * be written by the submission's own insert ({@link #firstDelivery}).
 */
final class SchedulerDeliveryQueue implements DeliveryQueue {

    /**
     * The row db-scheduler's batch scheduling inserts ({@code JdbcTaskRepository}: not picked, version 1, no
     * priority, as the plugin's scheduler does not order by priority), its instance the submission's id.
     */
    private static final String INSERT = "insert into " + IntakeScheduler.TABLE
            + " (task_name, task_instance, task_data, execution_time, picked, version) select ?, id, ?, ?, false, 1"
            + " from ";

    private final IntakeScheduler scheduler;
    private final SchedulerClient client;
    private final Clock clock;

    SchedulerDeliveryQueue(IntakeScheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.client = scheduler.client();
        this.clock = clock;
    }

    @Override
    public void enqueue(String submissionId) {
        client.scheduleIfNotExists(job(submissionId));
    }

    /** One insert: db-scheduler's batch scheduling does not look for an existing job first, as scheduling does. */
    @Override
    public void enqueueNew(String submissionId) {
        client.scheduleBatch(List.of(job(submissionId)));
    }

    @Override
    public Optional<FirstDelivery> firstDelivery(String submissionId) {
        Instant now = clock.instant();
        List<Object> parameters = List.of(DeliveryTask.TASK.getTaskName(), scheduler.serialized(submissionId),
                Timestamp.from(now));
        return Optional.of(new FirstDelivery() {
            @Override
            public String insertFrom(String rows) {
                return INSERT + rows;
            }

            @Override
            public List<Object> parameters() {
                return parameters;
            }

            @Override
            public void written() {
                scheduler.written(now);
            }
        });
    }

    private SchedulableInstance<String> job(String submissionId) {
        return DeliveryTask.TASK.instance(submissionId).data(submissionId).scheduledTo(clock.instant());
    }
}
