package org.example.intake.web.audit;

import java.time.Clock;

import javax.sql.DataSource;

import org.example.intake.web.IntakeSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.example.intake.web.security.RefusedRequests;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clinicians' audit trail, its API for admins ({@code /api/audit}), and the record of refused attempts on
 * patient data.
 */
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

    /**
     * Refused attempts on patient data, recorded; told by the plugin's security chains. At most 30 a minute for each
     * signed-in caller, 5 for each address of anonymous callers and 30 for all anonymous callers together.
     */
    @Bean
    RefusedRequests intakeRefusalAudit(AuditTrail intakeAuditTrail, PlatformTransactionManager transactions,
            Clock intakeClock) {
        return new RefusalAudit(intakeAuditTrail, new TransactionTemplate(transactions),
                new RefusalBudget(intakeClock, 30, 5, 30, 10_000));
    }
}
