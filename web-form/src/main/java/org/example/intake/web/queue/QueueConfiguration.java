package org.example.intake.web.queue;

import java.time.Clock;

import javax.sql.DataSource;

import org.example.intake.fhir.IntakeQuestionnaires;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.web.IntakeProperties;
import org.example.intake.web.IntakeSchema;
import org.example.intake.web.audit.AuditTrail;
import org.example.intake.web.delivery.DeliveryQueue;
import org.example.intake.web.delivery.DeliveryStore;
import org.example.intake.web.intake.SubmissionStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clinicians' queue: its pages and API ({@code /api/queue}, the decisions about a submission), their live updates,
 * and the reads behind them. With the PostgreSQL driver present, the live updates go across the nodes that share the
 * database ({@link PostgresQueueRelay}, which does nothing unless the database turns out to be PostgreSQL).
 */
@Configuration(proxyBeanMethods = false)
@Import({ QueuePageController.class, QueueApiController.class })
public class QueueConfiguration {

    @Bean
    QueueStore intakeQueueStore(DataSource dataSource, IntakeSchema schema) {
        return new QueueStore(JdbcClient.create(dataSource));
    }

    @Bean
    ClinicianQueue intakeClinicianQueue(QueueStore store, SubmissionStore submissions, DeliveryStore deliveries,
            AuditTrail audit, IntakeReader reader, IntakeQuestionnaires questionnaires,
            PlatformTransactionManager transactions, IntakeProperties properties) {
        return new ClinicianQueue(store, submissions, deliveries, audit, reader, questionnaires,
                new TransactionTemplate(transactions), properties.queue().pageSize());
    }

    @Bean
    DecisionService intakeDecisionService(SubmissionStore submissions, QueueStore store, DeliveryStore deliveryStore,
            DeliveryQueue deliveries, PlatformTransactionManager transactions, Clock intakeClock,
            ApplicationEventPublisher events, AuditTrail audit) {
        return new DecisionService(submissions, store, deliveryStore, deliveries, new TransactionTemplate(transactions),
                intakeClock, events, audit);
    }

    /** The queue's query parameters, bound for the API and the pages alike ({@link QueueQuery}). */
    @Bean
    WebMvcConfigurer intakeQueueQueries() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(java.util.List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new QueueQuery.Resolver());
            }
        };
    }

    @Bean
    QueueUpdates intakeQueueUpdates(IntakeProperties properties) {
        return new QueueUpdates(properties.queue().heartbeat(), properties.queue().streamTimeout(),
                properties.queue().refresh(), properties.queue().maxStreamsPerSession());
    }

    /** Only when the host has the PostgreSQL driver; it checks the database itself as it starts. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.postgresql.PGConnection")
    static class AcrossNodes {

        @Bean
        PostgresQueueRelay intakeQueueRelay(DataSource dataSource, QueueUpdates updates) {
            return new PostgresQueueRelay(dataSource, updates);
        }
    }
}
