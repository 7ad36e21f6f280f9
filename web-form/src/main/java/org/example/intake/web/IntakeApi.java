package org.example.intake.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the plugin's API controllers: {@link ApiRefusals} answers their refusals with OperationOutcomes, and only
 * theirs (a host's controllers, and the plugin's pages, keep their own error handling).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IntakeApi {
}
