package org.example.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.example.intake.web.intake.SubmissionService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The host chooses its JDBC driver, its metrics registry and its API-docs tool; the plugin brings
 * none of them and uses what it finds. A host without one of them starts, with the plugin, and
 * without the beans that would have come with it ({@link HostChoicesPostgresIntegrationTests}: a
 * host without H2).
 */
class HostChoicesTests {

    @Test
    void withoutPostgresqlPrometheusAndSpringdoc_thePluginRunsOnH2_withNoScrapeEndpointAndNoApiDocs() {
        HostContexts.without(HostContexts.host(), "org.postgresql", "io.micrometer.prometheusmetrics", "io.prometheus",
                "org.springdoc", "io.swagger").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SubmissionService.class)
                            .doesNotHaveBean(PrometheusMeterRegistry.class).doesNotHaveBean("intakeApiExample")
                            .doesNotHaveBean("prometheusScrapeEndpoint").doesNotHaveBean("openApiResource");
                    assertThat(context.getBean(MeterRegistry.class).find("intake.submissions").counters()).isNotEmpty();
                });
    }

    @Test
    void withThemAll_thePluginsMetersAndApiDocsAreThere() {
        HostContexts.host().run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(PrometheusMeterRegistry.class).hasBean("intakeApiExample").hasBean("intakeHealthIndicator"));
    }

    @Test
    void withoutActuator_thePluginStarts_withoutItsHealthIndicator_itsMetersGoNowhere() {
        HostContexts.without(HostContexts.host(), "org.springframework.boot.actuate").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SubmissionService.class).hasBean("intakeMetrics")
                    .doesNotHaveBean("intakeHealthIndicator").doesNotHaveBean(MeterRegistry.class);
            assertThat(context.getBeansOfType(HealthIndicator.class)).isEmpty();
        });
    }
}
