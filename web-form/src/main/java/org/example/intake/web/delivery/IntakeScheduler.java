package org.example.intake.web.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.SchedulerState;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.example.intake.web.IntakeProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The plugin's own db-scheduler, built with db-scheduler's core API rather than its Spring Boot
 * starter, so that a host's db-scheduler is left as it was: its jobs live in
 * {@value #TABLE} (created by the plugin's migrations), their data is JSON, and neither the
 * scheduler nor its tasks are beans, so a host's starter neither backs off for it nor collects
 * the plugin's tasks into the host's scheduler. Polls and runs from when the context has started
 * (after the plugin's migrations, which it depends on) until it closes, when it waits up to
 * {@code intake.scheduler.shutdown-max-wait} for the jobs it is running. The DataSource is
 * transaction-aware, so a job scheduled inside a transaction is written in it.
 */
public final class IntakeScheduler implements SmartLifecycle {

    /** The plugin's job table: db-scheduler's columns, the plugin's name. */
    public static final String TABLE = "intake_scheduled_tasks";

    private final Scheduler scheduler;
    private final Serializer serializer = new JacksonSerializer();
    private final boolean immediateExecution;
    private final int threads;
    private volatile boolean running;

    /**
     * @param tasks      the tasks it knows (one-time and custom ones; their jobs are scheduled by the plugin)
     * @param recurring  the recurring tasks it schedules itself as it starts
     * @param stats      where it reports each run (db-scheduler's Micrometer meters, or nowhere)
     */
    IntakeScheduler(DataSource dataSource, IntakeProperties.Scheduler settings, List<Task<?>> tasks,
            List<RecurringTask<?>> recurring, StatsRegistry stats) {
        DataSource transactional = dataSource instanceof TransactionAwareDataSourceProxy ? dataSource
                : new TransactionAwareDataSourceProxy(dataSource);
        SchedulerBuilder builder = Scheduler.create(transactional, tasks)
                .startTasks(recurring)
                .tableName(TABLE)
                .serializer(serializer)
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeatsLimit())
                .shutdownMaxWait(settings.shutdownMaxWait())
                .statsRegistry(Objects.requireNonNull(stats, "stats"));
        if (settings.lockAndFetch()) {
            builder.pollUsingLockAndFetch(settings.pollingStrategyLowerLimitFractionOfThreads(),
                    settings.pollingStrategyUpperLimitFractionOfThreads());
        } else {
            builder.pollUsingFetchAndLockOnExecute(settings.pollingStrategyLowerLimitFractionOfThreads(),
                    settings.pollingStrategyUpperLimitFractionOfThreads());
        }
        if (settings.immediateExecutionEnabled()) {
            builder.enableImmediateExecution();
        }
        if (settings.name() != null && !settings.name().isBlank()) {
            builder.schedulerName(new SchedulerName.Fixed(settings.name()));
        }
        this.scheduler = builder.build();
        this.immediateExecution = settings.immediateExecutionEnabled();
        this.threads = settings.threads();
    }

    /** Schedules, reschedules and reads the plugin's jobs. */
    SchedulerClient client() {
        return scheduler;
    }

    /** A job's data as the scheduler writes it in {@code task_data} (and reads it back). */
    byte[] serialized(Object data) {
        return serializer.serialize(data);
    }

    /**
     * A job due at {@code executionTime} was written by a statement of the plugin's own rather than through
     * {@link #client()}: does what the scheduler does when its client schedules one. With immediate execution on,
     * while it runs, a job already due makes it look for due jobs now instead of at its next poll.
     */
    void written(Instant executionTime) {
        SchedulerState state = scheduler.getSchedulerState();
        if (immediateExecution && state.isStarted() && !state.isShuttingDown()
                && executionTime.toEpochMilli() <= System.currentTimeMillis()) {
            scheduler.triggerCheckForDueExecutions();
        }
    }

    /**
     * Where the scheduler stands, for the host's health endpoint: {@code started}, {@code paused}, {@code stopping}
     * or {@code stopped}, how many of its jobs it is running now and with how many threads at most, and how many of
     * those have missed their heartbeats (a job stuck in the EHR's call). Read from memory: no query.
     */
    public Status status() {
        SchedulerState state = scheduler.getSchedulerState();
        String name = state.isShuttingDown() ? "stopping"
                : !state.isStarted() ? "stopped"
                : state.isPaused() ? "paused" : "started";
        return new Status(name, scheduler.getCurrentlyExecuting().size(), threads,
                scheduler.getCurrentlyExecutingWithStaleHeartbeat().size());
    }

    /**
     * The scheduler's state, as {@link #status()} reads it.
     *
     * @param state     {@code started}, {@code paused}, {@code stopping} or {@code stopped}
     * @param executing the jobs it is running now
     * @param threads   the jobs it runs at once at most
     * @param stale     the running jobs whose heartbeats it missed
     */
    public record Status(String state, int executing, int threads, int stale) {

        /** Whether it polls and runs jobs. */
        public boolean running() {
            return "started".equals(state);
        }
    }

    @Override
    public void start() {
        scheduler.start();
        running = true;
    }

    /** Stops polling and waits for the jobs it runs (at most {@code shutdown-max-wait}). */
    @Override
    public void stop() {
        running = false;
        scheduler.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
