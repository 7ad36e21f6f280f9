package org.example.intake.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.example.host.TestHostApplication;
import org.example.intake.testsupport.db.PostgresSchema;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The test host as one of several nodes on one throwaway PostgreSQL schema ({@link PostgresSchema}), its tokens'
 * keys and its EHR at {@link WebFormTestSupport#EHR_AND_ISSUER}.
 */
public final class PostgresNodes {

    private PostgresNodes() {
    }

    /** Stops these nodes (any may be null: not started) and drops the schema (null when it was not made). */
    public static void stop(PostgresSchema schema, ConfigurableApplicationContext... nodes) {
        for (ConfigurableApplicationContext node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        if (schema != null) {
            schema.close();
        }
    }

    /**
     * Starts one node in this schema.
     *
     * @param more further settings, which win over these
     */
    public static ConfigurableApplicationContext start(PostgresSchema schema, String node, String ehrPath,
            Map<String, Object> more) {
        return start(schema, node, ehrPath, more, new Class<?>[0]);
    }

    /**
     * Starts one node in this schema, with more configuration of the test's own.
     *
     * @param more          further settings, which win over these
     * @param configuration further configuration classes, beside the test host's
     */
    public static ConfigurableApplicationContext start(PostgresSchema schema, String node, String ehrPath,
            Map<String, Object> more, Class<?>... configuration) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", schema.jdbcUrl());
        properties.put("spring.datasource.username", PostgresSchema.USER);
        properties.put("spring.datasource.password", "");
        properties.put("intake.scheduler.name", node);
        properties.put("intake.security.jwk-set-uri",
                WebFormTestSupport.EHR_AND_ISSUER.baseUrl() + WebFormTestSupport.JWKS_PATH);
        properties.put("intake.ehr.base-url", WebFormTestSupport.EHR_AND_ISSUER.baseUrl() + ehrPath);
        properties.putAll(more);
        // As command-line arguments: they outrank the test host's application.properties (H2).
        return new SpringApplicationBuilder(TestHostApplication.class).sources(configuration).run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }
}
