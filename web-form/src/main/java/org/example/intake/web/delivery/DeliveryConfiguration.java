package org.example.intake.web.delivery;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.example.intake.fhir.audit.AuditEventBundleBuilder;
import org.example.intake.fhir.ehr.EhrClient;
import org.example.intake.fhir.ehr.EhrSettings;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.example.intake.web.IntakeProperties;
import org.example.intake.web.IntakeSchema;
import org.example.intake.web.audit.AuditExportTask;
import org.example.intake.web.audit.AuditTrail;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Durable delivery to the EHR through db-scheduler: the submissions, and the audit trail as AuditEvents. */
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

    @Bean
    CustomTask<String> intakeDeliveryTask(DeliveryStore store, DeliverySource submissions, SubmissionBundleBuilder bundles,
            EhrClient ehr, IntakeProperties properties, Clock intakeClock, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        IntakeProperties.Delivery delivery = properties.delivery();
        Backoff backoff = new Backoff(delivery.firstBackoff(), delivery.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        return new DeliveryTask(store, submissions, bundles, ehr, backoff, delivery.maxAttempts(), intakeClock,
                events, new TransactionTemplate(transactions)).task();
    }

    @Bean
    RecurringTask<Void> intakeAuditExportTask(AuditTrail audit, EhrClient ehr, IntakeProperties properties) {
        IntakeProperties.Audit settings = properties.audit();
        return new AuditExportTask(audit, new AuditEventBundleBuilder(), ehr, settings.exportBatch())
                .task(settings.exportInterval());
    }

    /** Lazy: the scheduler is built from every task bean, including the one above. */
    @Bean
    DeliveryQueue intakeDeliveryQueue(@Lazy SchedulerClient scheduler, Clock intakeClock) {
        return new SchedulerDeliveryQueue(scheduler, intakeClock);
    }

    /** Job data as JSON instead of db-scheduler's default Java serialization. */
    @Bean
    @ConditionalOnMissingBean
    DbSchedulerCustomizer intakeDbSchedulerCustomizer() {
        return new DbSchedulerCustomizer() {
            @Override
            public Optional<Serializer> serializer() {
                return Optional.of(new JacksonSerializer());
            }
        };
    }
}
