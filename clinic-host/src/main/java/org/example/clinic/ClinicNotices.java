package org.example.clinic;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clinic's own db-scheduler task, through db-scheduler's Spring Boot starter (a {@code Task}
 * bean, the starter's scheduler, its table {@code scheduled_tasks}, its default Java
 * serialization): posting a notice on the clinic's notice board. Each start posts one at once and
 * schedules tomorrow morning's.
 */
@Configuration(proxyBeanMethods = false)
public class ClinicNotices {

    /** The task's data: a plain Serializable record, stored with Java serialization. */
    public record Notice(String message, Instant postedFor) implements Serializable {
    }

    public static final TaskDescriptor<Notice> POST_NOTICE = TaskDescriptor.of("clinic-post-notice", Notice.class);

    @Bean
    OneTimeTask<Notice> clinicPostNotice(JdbcClient jdbc) {
        return Tasks.oneTime(POST_NOTICE).execute((instance, context) -> jdbc
                .sql("insert into clinic_notice (id, message, posted_at) values (?, ?, ?)")
                .params(instance.getId(), instance.getData().message(), Timestamp.from(Instant.now()))
                .update());
    }

    @Bean
    ApplicationRunner clinicNoticesOnStart(SchedulerClient scheduler) {
        return arguments -> {
            Instant now = Instant.now();
            scheduler.scheduleIfNotExists(POST_NOTICE.instance("start-" + UUID.randomUUID())
                    .data(new Notice("The clinic's application has started.", now)).scheduledTo(now));
            LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
            Instant morning = tomorrow.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(8));
            scheduler.scheduleIfNotExists(POST_NOTICE.instance("morning-" + tomorrow)
                    .data(new Notice("Good morning: doors open at 08:30.", morning)).scheduledTo(morning));
        };
    }
}
