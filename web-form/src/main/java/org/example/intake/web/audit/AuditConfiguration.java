package org.example.intake.web.audit;

import java.time.Clock;

import javax.sql.DataSource;

import org.example.intake.web.IntakeSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The clinicians' audit trail and its API for admins ({@code /api/audit}). */
@Configuration(proxyBeanMethods = false)
@Import(AuditApiController.class)
public class AuditConfiguration {

    @Bean
    AuditTrail intakeAuditTrail(DataSource dataSource, IntakeSchema schema, Clock intakeClock,
            PlatformTransactionManager transactions) {
        return new AuditTrail(JdbcClient.create(dataSource), intakeClock, new TransactionTemplate(transactions));
    }

    @Bean
    AuditVerification intakeAuditVerification(DataSource dataSource, IntakeSchema schema) {
        return new AuditVerification(dataSource);
    }
}
