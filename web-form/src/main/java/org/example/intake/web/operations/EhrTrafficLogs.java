package org.example.intake.web.operations;

import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Keeps what travels to and from the EHR out of the host's log. The plugin's own lines never hold
 * an answer, but two libraries under its EHR client write whole messages when their loggers are
 * verbose enough: HAPI's client every answer of the EHR at TRACE, Apache HttpClient every byte
 * of every Bundle (all the patient's answers) at DEBUG and every header (the EHR's access token)
 * at DEBUG. At start-up each of these loggers gets a level of its own, the quieter of its current
 * one and its cap, so that neither the host's settings nor a later change of a parent logger make
 * it write them. A logger that was more verbose is named in a warning. Only setting one of these
 * loggers by name afterwards (e.g. through the actuator's loggers endpoint) brings the bodies back.
 */
final class EhrTrafficLogs {

    /** Each logger that writes bodies or credentials, and the most verbose level it may have. */
    static final Map<String, LogLevel> CAPS = Map.of(
            "ca.uhn.fhir.rest.client.impl.BaseClient", LogLevel.DEBUG,
            "org.apache.http.wire", LogLevel.INFO,
            "org.apache.http.headers", LogLevel.INFO);

    private static final Logger log = LoggerFactory.getLogger(EhrTrafficLogs.class);

    private EhrTrafficLogs() {
    }

    /** Caps the loggers in this logging system. */
    static void cap(LoggingSystem logging) {
        Objects.requireNonNull(logging, "logging");
        CAPS.forEach((name, cap) -> {
            LogLevel current = effectiveLevel(logging, name);
            if (current.compareTo(cap) < 0) {
                log.warn("logger {} was at {}, where it writes what goes to or comes from the EHR: set to {}", name,
                        current, cap);
            }
            logging.setLogLevel(name, current.compareTo(cap) < 0 ? cap : current);
        });
    }

    /** The level a logger has or, before anything created it, would inherit; OFF when the system cannot say. */
    private static LogLevel effectiveLevel(LoggingSystem logging, String name) {
        for (String candidate = name; ; candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            LoggerConfiguration configuration = logging.getLoggerConfiguration(candidate);
            if (configuration != null && configuration.getEffectiveLevel() != null) {
                return configuration.getEffectiveLevel();
            }
            if (candidate.indexOf('.') < 0) {
                break;
            }
        }
        LoggerConfiguration root = logging.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME);
        return root != null && root.getEffectiveLevel() != null ? root.getEffectiveLevel() : LogLevel.OFF;
    }
}
