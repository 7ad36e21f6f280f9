package org.example.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.example.intake.testsupport.db.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The plugin's migrations make the same schema on each database as the scripts they were cut from:
 * a fresh H2 and a fresh PostgreSQL schema (127.0.0.1:5432, database {@code test}, trust auth, a
 * throwaway schema) are migrated by {@link IntakeSchema} and described (columns, indexes, key
 * constraints, triggers and their code), and the description must equal the snapshot in
 * {@code src/test/resources/intake-schema/<vendor>.txt}. A migration that changes the schema on
 * purpose rewrites the snapshot with {@code -Dintake.schema.snapshot.write=true} and commits it.
 */
class IntakeSchemaIntegrationTests {

    @Test
    void onH2_theMigrationsMakeTheSnapshotsSchema() throws Exception {
        SingleConnectionDataSource h2 = new SingleConnectionDataSource(
                "jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        try {
            new IntakeSchema(h2).afterPropertiesSet();
            assertMatchesSnapshot("h2", describe(h2, "PUBLIC"));
        } finally {
            h2.destroy();
        }
    }

    @Test
    void onPostgresql_theMigrationsMakeTheSnapshotsSchema() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create("intake_schema")) {
            DataSource postgres = new DriverManagerDataSource(schema.jdbcUrl(), PostgresSchema.USER, "");
            new IntakeSchema(postgres).afterPropertiesSet();
            assertMatchesSnapshot("postgresql", describe(postgres, schema.name()).replace(schema.name() + ".", "<schema>."));
        }
    }

    private static void assertMatchesSnapshot(String vendor, String description) throws IOException {
        String resource = "intake-schema/" + vendor + ".txt";
        if (Boolean.getBoolean("intake.schema.snapshot.write")) {
            Path file = Path.of("src/test/resources", resource);
            Files.createDirectories(file.getParent());
            Files.writeString(file, description);
        }
        try (InputStream snapshot = IntakeSchemaIntegrationTests.class.getResourceAsStream("/" + resource)) {
            assertThat(snapshot).as(resource).isNotNull();
            assertThat(description).isEqualTo(new String(snapshot.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The schema's tables but Flyway's history, described in a stable order without generated names. */
    private static String describe(DataSource dataSource, String schema) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] { "TABLE" })) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    if (!table.equalsIgnoreCase("intake_schema_history")) {
                        tables.add(table);
                    }
                }
            }
            tables.sort(null);
            for (String table : tables) {
                lines.add("table " + table);
                try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
                    while (rs.next()) {
                        lines.add("  column " + rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " "
                                + rs.getString("TYPE_NAME") + "(" + rs.getInt("COLUMN_SIZE") + ")"
                                + " nullable=" + rs.getString("IS_NULLABLE") + " default=" + rs.getString("COLUMN_DEF")
                                + " auto=" + rs.getString("IS_AUTOINCREMENT"));
                    }
                }
                try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
                    List<String> keys = new ArrayList<>();
                    while (rs.next()) {
                        keys.add(rs.getShort("KEY_SEQ") + ":" + rs.getString("COLUMN_NAME"));
                    }
                    keys.sort(null);
                    lines.add("  primary key " + keys);
                }
                List<String> indexes = new ArrayList<>();
                try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
                    while (rs.next()) {
                        if (rs.getString("COLUMN_NAME") != null) {
                            indexes.add("  index " + generic(rs.getString("INDEX_NAME")) + " unique="
                                    + !rs.getBoolean("NON_UNIQUE") + " " + rs.getShort("ORDINAL_POSITION") + ":"
                                    + rs.getString("COLUMN_NAME") + " " + rs.getString("ASC_OR_DESC"));
                        }
                    }
                }
                indexes.sort(null);
                lines.addAll(indexes);
            }
            lines.addAll(rows(connection, "select constraint_type, constraint_name, table_name"
                    + " from information_schema.table_constraints where table_schema = ?"
                    + " and constraint_type in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')"
                    + " and lower(table_name) <> 'intake_schema_history'", schema));
            boolean postgres = meta.getDatabaseProductName().toLowerCase().contains("postgres");
            lines.addAll(rows(connection, "select trigger_name, action_timing, event_manipulation, event_object_table,"
                    + " action_orientation, " + (postgres ? "action_statement" : "java_class")
                    + " from information_schema.triggers where trigger_schema = ?", schema));
            if (postgres) {
                lines.addAll(rows(connection, "select p.proname, pg_get_functiondef(p.oid) from pg_proc p"
                        + " join pg_namespace n on n.oid = p.pronamespace where n.nspname = ?", schema));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** H2 names what the scripts leave unnamed by a counter; the counter depends on creation order. */
    private static String generic(String name) {
        return name == null ? null : name.replaceAll("^(PRIMARY_KEY|CONSTRAINT)_[0-9A-F]+$", "$1_*")
                .replaceAll("_INDEX_[0-9A-F]+$", "_INDEX_*");
    }

    private static List<String> rows(Connection connection, String sql, String schema) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i == 1 ? "" : " ").append(generic(rs.getString(i)));
                    }
                    rows.add("  " + row);
                }
            }
        }
        rows.sort(null);
        return rows;
    }
}
