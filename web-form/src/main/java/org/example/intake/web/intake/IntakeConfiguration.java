package org.example.intake.web.intake;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeQuestionnaires;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.web.IntakeProperties;
import org.example.intake.web.IntakeDatabaseProperties;
import org.example.intake.web.IntakeSchema;
import org.example.intake.web.delivery.DeliveryQueue;
import org.example.intake.web.delivery.DeliverySource;
import org.example.intake.web.intake.form.FormConfiguration;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The patient's intake: the plugin's schema, the submission store, the service that accepts intakes, the intake API
 * ({@code /api/intakes}) and the patient's pages ({@link FormConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@Import({ IntakeApiController.class, FormConfiguration.class })
public class IntakeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IntakeReader intakeReader(FhirContext intakeFhirContext, IntakeQuestionnaires questionnaires) {
        return new IntakeReader(intakeFhirContext, questionnaires);
    }

    /** The intake API's body as received ({@link ReceivedIntake}): FHIR JSON (its size limit is the API chain's). */
    @Bean
    WebMvcConfigurer intakeReceivedBodies() {
        ReceivedIntake.Converter converter = new ReceivedIntake.Converter();
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.add(0, converter);
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    TriageEngine intakeTriageEngine() {
        return new TriageEngine();
    }

    /**
     * The plugin's migrations, after its settings are bound and checked (the parameter says so): a host whose settings
     * the plugin refuses (a missing secret, plain http) stops before any of the plugin's tables is made.
     */
    @Bean
    IntakeSchema intakeSchema(DataSource dataSource, IntakeProperties settingsCheckedFirst,
            IntakeDatabaseProperties roles) {
        return new IntakeSchema(dataSource, roles);
    }

    @Bean
    static BeanFactoryPostProcessor intakeSchemaOrdering() {
        return IntakeSchema.ordering("intakeSchema");
    }

    @Bean
    SubmissionStore intakeSubmissionStore(DataSource dataSource, IntakeSchema schema) {
        return new SubmissionStore(JdbcClient.create(dataSource), SubmissionStore.writesOneStatement(dataSource));
    }

    @Bean
    SubmissionService intakeSubmissionService(IntakeReader reader, TriageEngine engine, SubmissionStore store,
            DeliveryQueue deliveries, PlatformTransactionManager transactions, Clock intakeClock,
            ApplicationEventPublisher events, FhirContext intakeFhirContext) {
        return new SubmissionService(reader, engine, store, deliveries, new TransactionTemplate(transactions),
                intakeFhirContext, intakeClock, events);
    }

    /** What the delivery task sends: each submission's latest revision. */
    @Bean
    DeliverySource intakeDeliverySource(SubmissionStore store, IntakeReader reader) {
        return new SubmissionsForDelivery(store, reader);
    }
}
