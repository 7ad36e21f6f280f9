package org.example.intake.web.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The intake HTTP API: patients' submissions, the clinicians' queue and decisions, the audit trail. */
@Configuration(proxyBeanMethods = false)
@Import({ IntakeApiController.class, QueueApiController.class, AuditApiController.class })
public class ApiConfiguration {
}
