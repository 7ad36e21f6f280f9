package org.example.intake.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** A throwaway schema in the machine's PostgreSQL (127.0.0.1:5432, database test). */
class PostgresSchemaIntegrationTests {

    private static long schemasNamed(String name) {
        try (PostgresSchema probe = PostgresSchema.create("probe")) {
            return probe.count("select count(*) from information_schema.schemata where schema_name = ?", name);
        }
    }

    @Test
    void aSchemaIsCreatedCurrentForItsConnections_andDroppedWithEverythingInIt() throws Exception {
        String name;
        try (PostgresSchema schema = PostgresSchema.create("ts_test")) {
            name = schema.name();
            try (Connection connection = schema.connect(); Statement statement = connection.createStatement()) {
                statement.execute("create table note (text varchar(20))");
                statement.execute("insert into note values ('one'), ('two')");
            }

            assertThat(name).matches("ts_test_[0-9a-f]{12}");
            assertThat(schema.jdbcUrl()).endsWith("?currentSchema=" + name);
            assertThat(schema.count("select count(*) from " + name + ".note")).isEqualTo(2);
            assertThat(schema.strings("select text from note order by text")).containsExactly("one", "two");
            assertThat(schemasNamed(name)).isEqualTo(1);
        }
        assertThat(schemasNamed(name)).isZero();
    }

    @Test
    void onlyAPlainNameIsTaken() {
        assertThatThrownBy(() -> PostgresSchema.createNamed("x; drop schema public"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
