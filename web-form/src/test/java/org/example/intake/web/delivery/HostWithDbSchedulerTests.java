package org.example.intake.web.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.example.intake.web.HostContexts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A host that already runs db-scheduler through its Spring Boot starter: its own table
 * ({@code scheduled_tasks}, from its own Flyway migration, db-scheduler's standard indexes), its
 * own task with Java-serialized data, the starter's defaults. With the plugin added it still
 * starts, its serializer is still Java's, its task still runs, and its scheduler knows nothing of
 * the plugin's tasks, whose jobs (JSON data) are in the plugin's own table.
 */
class HostWithDbSchedulerTests {

    /** The host's task data: a plain Serializable record, as db-scheduler's default serializer takes it. */
    record Reminder(String text) implements Serializable {
    }

    static final TaskDescriptor<Reminder> REMINDER = TaskDescriptor.of("clinic-reminder", Reminder.class);

    /** What the host's task has done. */
    static final class RemindersSent {
        final List<Reminder> sent = new CopyOnWriteArrayList<>();
    }

    @Configuration(proxyBeanMethods = false)
    static class ClinicTasks {

        @Bean
        RemindersSent remindersSent() {
            return new RemindersSent();
        }

        @Bean
        OneTimeTask<Reminder> clinicReminder(RemindersSent reminders) {
            return Tasks.oneTime(REMINDER).execute((instance, context) -> reminders.sent.add(instance.getData()));
        }
    }

    private final WebApplicationContextRunner clinic = HostContexts.host(ClinicTasks.class).withPropertyValues(
            "spring.flyway.enabled=true",
            "spring.flyway.locations=classpath:db/host-with-scheduler",
            "db-scheduler.enabled=true",
            "db-scheduler.polling-interval=100ms",
            "db-scheduler.immediate-execution-enabled=true");

    @Test
    void theHostsSchedulerKeepsItsTableItsJavaSerializerAndItsTask_thePluginsJobsAreElsewhere() {
        clinic.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Scheduler.class).hasSingleBean(SchedulerClient.class);
            assertThat(context.getBeansOfType(Task.class)).containsOnlyKeys("clinicReminder");
            SchedulerClient host = context.getBean(SchedulerClient.class);
            JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));

            host.scheduleIfNotExists(REMINDER.instance("later").data(new Reminder("later"))
                    .scheduledTo(Instant.now().plus(Duration.ofHours(1))));
            byte[] stored = jdbc.sql("select task_data from scheduled_tasks where task_instance = 'later'")
                    .query(byte[].class).single();
            assertThat(stored).startsWith((byte) 0xAC, (byte) 0xED); // Java serialization's stream magic

            host.scheduleIfNotExists(REMINDER.instance("now").data(new Reminder("now")).scheduledTo(Instant.now()));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> context.getBean(RemindersSent.class).sent.contains(new Reminder("now")));

            context.getBean(IntakeScheduler.class).client().scheduleIfNotExists(DeliveryTask.TASK
                    .instance("json-check").data("json-check").scheduledTo(Instant.now().plus(Duration.ofHours(1))));
            byte[] plugins = jdbc.sql("select task_data from " + IntakeScheduler.TABLE
                    + " where task_instance = 'json-check'").query(byte[].class).single();
            assertThat(new String(plugins, StandardCharsets.UTF_8)).isEqualTo("\"json-check\"");
            assertThat(jdbc.sql("select distinct task_name from scheduled_tasks").query(String.class).list())
                    .containsExactly("clinic-reminder");
            assertThat(jdbc.sql("select task_name from " + IntakeScheduler.TABLE).query(String.class).list())
                    .containsExactlyInAnyOrder("intake-audit-export", "intake-delivery");
        });
    }
}
