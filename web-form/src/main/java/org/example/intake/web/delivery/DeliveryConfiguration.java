package org.example.intake.web.delivery;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.example.intake.fhir.audit.AuditEventBundleBuilder;
import org.example.intake.fhir.ehr.EhrClient;
import org.example.intake.fhir.ehr.EhrSettings;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.example.intake.web.IntakeProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.example.intake.web.IntakeSchema;
import org.example.intake.web.audit.AuditExportTask;
import org.example.intake.web.audit.AuditTrail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable delivery to the EHR through the plugin's own db-scheduler ({@link IntakeScheduler}): the
 * submissions, and the audit trail as AuditEvents.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EhrClient intakeEhrClient(IntakeProperties properties) {
        IntakeProperties.Ehr ehr = properties.ehr();
        EhrSettings settings = EhrSettings.open(ehr.baseUrl()).withTimeouts(ehr.connectTimeout(), ehr.readTimeout());
        if (ehr.tokenUri() != null) {
            settings = settings.withCredentials(new EhrSettings.ClientCredentials(ehr.tokenUri(), ehr.clientId(),
                    ehr.clientSecret(), Optional.empty()));
        }
        return new EhrClient(settings);
    }

    @Bean
    SubmissionBundleBuilder intakeBundleBuilder() {
        return new SubmissionBundleBuilder();
    }

    @Bean
    DeliveryStore intakeDeliveryStore(DataSource dataSource, IntakeSchema schema) {
        return new DeliveryStore(JdbcClient.create(dataSource));
    }

    /**
     * The plugin's scheduler with its two tasks, the deliveries and the audit export: neither the
     * scheduler nor the tasks are beans, so a host's db-scheduler starter never sees them. It
     * depends on the plugin's schema, so it starts once the migrations have made its table.
     */
    @Bean
    IntakeScheduler intakeScheduler(DataSource dataSource, IntakeSchema schema, DeliveryStore store,
            DeliverySource submissions, SubmissionBundleBuilder bundles, EhrClient ehr, AuditTrail audit,
            IntakeProperties properties, Clock intakeClock, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, ObjectProvider<MeterRegistry> meters) {
        IntakeProperties.Delivery delivery = properties.delivery();
        Backoff backoff = new Backoff(delivery.firstBackoff(), delivery.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        CustomTask<String> deliveries = new DeliveryTask(store, submissions, bundles, ehr, backoff, delivery.maxAttempts(),
                intakeClock, events, new TransactionTemplate(transactions)).task();
        RecurringTask<Void> auditExport = new AuditExportTask(audit, new AuditEventBundleBuilder(), ehr,
                properties.audit().exportBatch()).task(properties.audit().exportInterval());
        List<Task<?>> tasks = List.of(deliveries);
        MeterRegistry registry = meters.getIfUnique();
        StatsRegistry stats = registry == null ? StatsRegistry.NOOP
                : new MicrometerStatsRegistry(registry, List.of(deliveries, auditExport));
        return new IntakeScheduler(dataSource, properties.scheduler(), tasks, List.of(auditExport), stats);
    }

    @Bean
    DeliveryQueue intakeDeliveryQueue(IntakeScheduler scheduler, Clock intakeClock) {
        return new SchedulerDeliveryQueue(scheduler, intakeClock);
    }
}
