package org.example.intake.testsupport.db;

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
            }
            schema.execute("insert into note values (?), (?)", "one", "two");

            assertThat(name).matches("ts_test_[0-9a-f]{12}");
            assertThat(schema.jdbcUrl()).endsWith("?currentSchema=" + name);
            assertThat(schema.count("select count(*) from " + name + ".note")).isEqualTo(2);
            assertThat(schema.strings("select text from note order by text")).containsExactly("one", "two");
            assertThat(schemasNamed(name)).isEqualTo(1);
        }
        assertThat(schemasNamed(name)).isZero();
    }

    @Test
    void aReservedSchemaIsTheApplicationsToMake_andDroppedAllTheSame() {
        String name;
        try (PostgresSchema schema = PostgresSchema.reserve("ts_reserved")) {
            name = schema.name();
            assertThat(name).matches("ts_reserved_[0-9a-f]{12}");
            assertThat(schemasNamed(name)).isZero();
            try (PostgresSchema probe = PostgresSchema.create("probe")) {
                probe.execute("create schema " + name);
            }
            assertThat(schemasNamed(name)).isEqualTo(1);
        }
        assertThat(schemasNamed(name)).isZero();
    }

    @Test
    void aSchemaWithRolesIsOwnedByItsOwner_theAppMayUseItOnly_andBothRolesGoWithIt() throws Exception {
        String owner;
        try (PostgresSchema schema = PostgresSchema.createWithRoles("ts_roles")) {
            owner = schema.ownerRole();
            try (Connection connection = schema.connectAs(owner); Statement statement = connection.createStatement()) {
                statement.execute("create table note (text varchar(20))");
                statement.execute("grant select on note to " + schema.appRole());
            }
            try (Connection connection = schema.connectAs(schema.appRole());
                    Statement statement = connection.createStatement()) {
                statement.executeQuery("select count(*) from note").close();
                assertThatThrownBy(() -> statement.execute("insert into note values ('x')"))
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.execute("create table other (n int)"))
                        .hasMessageContaining("permission denied");
            }

            assertThat(owner).isEqualTo(schema.name() + "_owner");
            assertThat(schema.appRole()).isEqualTo(schema.name() + "_app");
            assertThat(schema.strings("select schema_owner from information_schema.schemata where schema_name = ?",
                    schema.name())).containsExactly(owner);
        }
        try (PostgresSchema probe = PostgresSchema.create("probe")) {
            assertThat(probe.count("select count(*) from pg_roles where rolname in (?, ?)", owner,
                    owner.replace("_owner", "_app"))).isZero();
        }
    }

    @Test
    void aSchemaWithoutRolesHasNone() {
        try (PostgresSchema schema = PostgresSchema.create("ts_test")) {
            assertThatThrownBy(schema::appRole).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aStatementThatFailsSaysWhich() {
        try (PostgresSchema schema = PostgresSchema.create("ts_test")) {
            assertThatThrownBy(() -> schema.execute("insert into missing values (1)"))
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("insert into missing values (1): ");
        }
    }

    @Test
    void onlyAPlainNameIsTaken() {
        assertThatThrownBy(() -> PostgresSchema.createNamed("x; drop schema public"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
