package org.example.intake.web;

import java.time.Clock;

import org.example.intake.web.advice.AdviceConfiguration;
import org.example.intake.web.audit.AuditConfiguration;
import org.example.intake.web.delivery.DeliveryConfiguration;
import org.example.intake.web.intake.IntakeConfiguration;
import org.example.intake.web.operations.OperationsConfiguration;
import org.example.intake.web.queue.QueueConfiguration;
import org.example.intake.web.retriage.RetriageConfiguration;
import org.example.intake.web.sdc.SdcConfiguration;
import org.example.intake.web.security.BackChannelLogout;
import org.example.intake.web.security.IntakeApiSecurity;
import org.example.intake.web.security.IntakeBrowserSecurity;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The buttock-cramp intake as a plugin: a Spring Boot host that adds this module gets the
 * patients' pages and API, the clinicians' queue and review, its store (tables created in the
 * host's database), durable delivery to the EHR, the audit trail, re-triage of waiting
 * submissions when the rule set changes, and the security of its own paths. Settings under {@code intake.*} ({@link IntakeProperties};
 * the database roles under {@code intake.database.*}, {@link IntakeDatabaseProperties});
 * {@code intake.enabled=false} turns it all off.
 * <p>
 * It leaves the rest of the host as it was. Its security chains match only its own paths, and it
 * comes after Spring Boot's security auto-configuration (and actuator's), so a host without a
 * chain of its own keeps Spring Boot's default one for every other path; a host with its own keeps
 * its own, and the plugin adds nothing for other paths. Its jobs run on a scheduler of its own
 * ({@code intake_scheduled_tasks}), not the host's db-scheduler. The JDBC driver, the metrics
 * registry and the API-docs tool are the host's to choose: the plugin uses what it finds.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        SecurityAutoConfiguration.class },
        afterName = "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration")
@ConditionalOnProperty(prefix = "intake", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({ IntakeProperties.class, IntakeDatabaseProperties.class })
@Import({ FhirWebConfiguration.class, AdviceConfiguration.class, IntakeConfiguration.class, AuditConfiguration.class, DeliveryConfiguration.class,
        IntakeApiSecurity.class, IntakeBrowserSecurity.class, BackChannelLogout.class, QueueConfiguration.class,
        RetriageConfiguration.class, OperationsConfiguration.class, SdcConfiguration.class })
public class IntakeAutoConfiguration {

    /** The plugin's clock (a bean, so tests can fix the time). */
    @Bean
    @ConditionalOnMissingBean(name = "intakeClock")
    Clock intakeClock() {
        return Clock.systemUTC();
    }
}
