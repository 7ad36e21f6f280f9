package org.example.intake.web.queue;

import org.example.intake.fhir.IntakeQuestionnaires;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.web.IntakeProperties;
import org.example.intake.web.audit.AuditTrail;
import org.example.intake.web.intake.SubmissionStore;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clinicians' queue: its pages and API ({@code /api/queue}, the decisions about a submission), their live updates,
 * and the reads behind them.
 */
@Configuration(proxyBeanMethods = false)
@Import({ QueuePageController.class, QueueApiController.class })
public class QueueConfiguration {

    @Bean
    ClinicianQueue intakeClinicianQueue(SubmissionStore store, AuditTrail audit, IntakeReader reader,
            IntakeQuestionnaires questionnaires, PlatformTransactionManager transactions, IntakeProperties properties) {
        return new ClinicianQueue(store, audit, reader, questionnaires, new TransactionTemplate(transactions),
                properties.queue().pageSize());
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
        return new QueueUpdates(properties.queue().heartbeat(), properties.queue().streamTimeout());
    }
}
