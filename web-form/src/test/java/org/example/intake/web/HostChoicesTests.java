package org.example.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.example.intake.web.intake.IntakeService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The host chooses its JDBC driver, its metrics registry and its API-docs tool; the plugin brings
 * none of them and uses what it finds. A host without one of them starts, with the plugin, and
 * without the beans that would have come with it.
 */
class HostChoicesTests {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    @Test
    void withoutPostgresqlPrometheusAndSpringdoc_thePluginRunsOnH2_withNoScrapeEndpointAndNoApiDocs() {
        HostContexts.without(HostContexts.host(), "org.postgresql", "io.micrometer.prometheusmetrics", "io.prometheus",
                "org.springdoc", "io.swagger").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(IntakeService.class)
                            .doesNotHaveBean(PrometheusMeterRegistry.class).doesNotHaveBean("intakeApiDocs")
                            .doesNotHaveBean("prometheusScrapeEndpoint").doesNotHaveBean("openApiResource");
                    assertThat(context.getBean(MeterRegistry.class).find("intake.submissions").counters()).isNotEmpty();
                });
    }

    @Test
    void withThemAll_thePluginsMetersAndApiDocsAreThere() {
        HostContexts.host().run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(PrometheusMeterRegistry.class).hasBean("intakeApiDocs").hasBean("intakeHealthIndicator"));
    }

    @Test
    void withoutActuator_thePluginStarts_withoutItsHealthIndicator_itsMetersGoNowhere() {
        HostContexts.without(HostContexts.host(), "org.springframework.boot.actuate").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(IntakeService.class).hasBean("intakeMetrics")
                    .doesNotHaveBean("intakeHealthIndicator").doesNotHaveBean(MeterRegistry.class);
            assertThat(context.getBeansOfType(HealthIndicator.class)).isEmpty();
        });
    }

    @Test
    void withoutH2_thePluginRunsOnPostgresql() throws Exception {
        String schema = "host_choice_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        try {
            HostContexts.without(HostContexts.host(), "org.h2").withPropertyValues(
                    "spring.datasource.url=" + POSTGRES + "?currentSchema=" + schema,
                    "spring.datasource.username=postgres", "spring.datasource.password=").run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(IntakeService.class);
                        assertThat(JdbcClient.create(context.getBean(DataSource.class))
                                .sql("select table_name from information_schema.tables where table_schema = ?")
                                .param(schema).query(String.class).list())
                                .contains("intake_submission", "intake_scheduled_tasks")
                                .doesNotContain("scheduled_tasks");
                    });
        } finally {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
