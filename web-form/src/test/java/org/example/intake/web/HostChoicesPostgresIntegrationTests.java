package org.example.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.example.intake.web.intake.SubmissionService;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A host on PostgreSQL without H2 on its class path: the plugin starts and makes its tables (its
 * own job table among them, no {@code scheduled_tasks}) in the host's schema, here a throwaway one
 * on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth).
 */
class HostChoicesPostgresIntegrationTests {

    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    @Test
    void withoutH2_thePluginRunsOnPostgresql() throws Exception {
        String schema = "host_choice_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        try {
            HostContexts.without(HostContexts.host(), "org.h2").withPropertyValues(
                    "spring.datasource.url=" + POSTGRES + "?currentSchema=" + schema,
                    "spring.datasource.username=postgres", "spring.datasource.password=").run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(SubmissionService.class);
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
