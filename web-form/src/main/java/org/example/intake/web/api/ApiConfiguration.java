package org.example.intake.web.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The intake HTTP API. */
@Configuration(proxyBeanMethods = false)
@Import(IntakeApiController.class)
public class ApiConfiguration {
}
