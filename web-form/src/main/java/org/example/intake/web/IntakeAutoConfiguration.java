package org.example.intake.web;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import org.example.intake.web.advice.AdviceConfiguration;
import org.example.intake.web.audit.AuditConfiguration;
import org.example.intake.web.delivery.DeliveryConfiguration;
import org.example.intake.web.intake.IntakeConfiguration;
import org.example.intake.web.operations.OperationsConfiguration;
import org.example.intake.web.queue.QueueConfiguration;
import org.example.intake.web.retriage.RetriageConfiguration;
import org.example.intake.web.security.IntakeApiSecurity;
import org.example.intake.web.security.IntakeBrowserSecurity;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The buttock-cramp intake as a plugin: a Spring Boot host that adds this module gets the
 * patients' pages and API, the clinicians' queue and review, its store (tables created in the
 * host's database), durable delivery to the EHR, the audit trail, re-triage of waiting
 * submissions when the rule set changes, and the security of its own paths. Settings under {@code intake.*} ({@link IntakeProperties});
 * {@code intake.enabled=false} turns it all off.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class },
        before = DbSchedulerAutoConfiguration.class)
@ConditionalOnProperty(prefix = "intake", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(IntakeProperties.class)
@Import({ AdviceConfiguration.class, IntakeConfiguration.class, AuditConfiguration.class, DeliveryConfiguration.class,
        IntakeApiSecurity.class, IntakeBrowserSecurity.class, QueueConfiguration.class, RetriageConfiguration.class,
        OperationsConfiguration.class })
public class IntakeAutoConfiguration {

    /** The plugin's clock (a bean, so tests can fix the time). */
    @Bean
    @ConditionalOnMissingBean(name = "intakeClock")
    Clock intakeClock() {
        return Clock.systemUTC();
    }
}
