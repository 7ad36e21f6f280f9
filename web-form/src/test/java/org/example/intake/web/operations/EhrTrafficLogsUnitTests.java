package org.example.intake.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

class EhrTrafficLogsUnitTests {

    private static final String HAPI_CLIENT = "ca.uhn.fhir.rest.client.impl.BaseClient";
    private static final String WIRE = "org.apache.http.wire";

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    private final Map<String, LogLevel> before = new LinkedHashMap<>();

    @BeforeEach
    void rememberTheLevels() {
        for (String name : new String[] { HAPI_CLIENT, WIRE, "ca.uhn.fhir", "org.apache.http" }) {
            LoggerConfiguration configuration = logging.getLoggerConfiguration(name);
            before.put(name, configuration == null ? null : configuration.getConfiguredLevel());
        }
    }

    @AfterEach
    void restoreTheLevels() {
        before.forEach(logging::setLogLevel);
    }

    @Test
    void aLoggerMoreVerboseThanItsCapIsSetToTheCap() {
        logging.setLogLevel(HAPI_CLIENT, LogLevel.TRACE);
        logging.setLogLevel(WIRE, LogLevel.DEBUG);

        EhrTrafficLogs.cap(logging);

        assertThat(logging.getLoggerConfiguration(HAPI_CLIENT).getEffectiveLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(logging.getLoggerConfiguration(WIRE).getEffectiveLevel()).isEqualTo(LogLevel.INFO);
    }

    @Test
    void aLoggerQuieterThanItsCapKeepsItsLevel_evenWhenItsParentIsMadeVerboseLater() {
        logging.setLogLevel(HAPI_CLIENT, null);
        logging.setLogLevel("ca.uhn.fhir", LogLevel.WARN);

        EhrTrafficLogs.cap(logging);
        logging.setLogLevel("ca.uhn.fhir", LogLevel.TRACE);

        assertThat(logging.getLoggerConfiguration(HAPI_CLIENT).getEffectiveLevel()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void aLoggerWithoutALevelOfItsOwnIsPinnedAtTheLevelItInherits() {
        logging.setLogLevel(WIRE, null);
        logging.setLogLevel("org.apache.http", LogLevel.WARN);

        EhrTrafficLogs.cap(logging);
        logging.setLogLevel("org.apache.http", LogLevel.DEBUG);

        assertThat(logging.getLoggerConfiguration(WIRE).getEffectiveLevel()).isEqualTo(LogLevel.WARN);
    }

    @Test
    void aLoggerAtItsCapStaysThere() {
        logging.setLogLevel(WIRE, LogLevel.INFO);

        EhrTrafficLogs.cap(logging);

        assertThat(logging.getLoggerConfiguration(WIRE).getEffectiveLevel()).isEqualTo(LogLevel.INFO);
    }
}
