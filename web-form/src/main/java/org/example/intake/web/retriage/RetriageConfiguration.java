package org.example.intake.web.retriage;

import java.time.Clock;

import javax.sql.DataSource;

import org.example.intake.core.triage.RuleSet;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.web.IntakeProperties;
import org.example.intake.web.IntakeSchema;
import org.example.intake.web.audit.AuditTrail;
import org.example.intake.web.delivery.DeliveryQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Re-triage of waiting submissions when the rule set changes, in the background after start. */
@Configuration(proxyBeanMethods = false)
public class RetriageConfiguration {

    @Bean
    RetriageService intakeRetriageService(DataSource dataSource, IntakeSchema schema, IntakeReader reader,
            TriageEngine engine, DeliveryQueue deliveries, AuditTrail audit, PlatformTransactionManager transactions,
            Clock intakeClock, IntakeProperties properties) {
        return new RetriageService(new RetriageStore(new NamedParameterJdbcTemplate(dataSource)), reader, engine,
                deliveries, audit, new TransactionTemplate(transactions), intakeClock, RuleSet.VERSION,
                properties.retriage().batchSize());
    }

    @Bean
    RetriageOnStart intakeRetriageOnStart(RetriageService service, IntakeProperties properties) {
        return new RetriageOnStart(service, properties.retriage().onStart());
    }
}
