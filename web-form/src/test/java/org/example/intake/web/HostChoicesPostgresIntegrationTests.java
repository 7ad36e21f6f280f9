package org.example.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.example.intake.testsupport.db.PostgresSchema;
import org.example.intake.web.intake.SubmissionService;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A host on PostgreSQL without H2 on its class path: the plugin starts and makes its tables (its
 * own job table among them, no {@code scheduled_tasks}) in the host's schema, here a throwaway one
 * on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth).
 */
class HostChoicesPostgresIntegrationTests {

    @Test
    void withoutH2_thePluginRunsOnPostgresql() {
        try (PostgresSchema schema = PostgresSchema.create("host_choice")) {
            HostContexts.without(HostContexts.host(), "org.h2").withPropertyValues(
                    "spring.datasource.url=" + schema.jdbcUrl(),
                    "spring.datasource.username=" + PostgresSchema.USER, "spring.datasource.password=").run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(SubmissionService.class);
                        assertThat(JdbcClient.create(context.getBean(DataSource.class))
                                .sql("select table_name from information_schema.tables where table_schema = ?")
                                .param(schema.name()).query(String.class).list())
                                .contains("intake_submission", "intake_scheduled_tasks")
                                .doesNotContain("scheduled_tasks");
                    });
        }
    }
}
