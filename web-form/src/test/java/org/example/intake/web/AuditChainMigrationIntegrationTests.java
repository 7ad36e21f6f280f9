package org.example.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.example.intake.fhir.audit.AuditChainVerifier;
import org.example.intake.fhir.audit.ChainVerification;
import org.example.intake.testsupport.db.PostgresSchema;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Migrations V9 and V10 on a trail written before the chain: the records already there are chained in the order of
 * {@code (at, id)} and verify, and what was in the outbox is still to be exported while every other record counts as
 * exported. On H2 and on PostgreSQL.
 */
class AuditChainMigrationIntegrationTests {

    private static final Instant T = Instant.parse("2026-11-20T10:00:00.123456Z");

    @Test
    void onH2_existingRecordsAreChainedAndTheOutboxBecomesTheUnexported() throws Exception {
        SingleConnectionDataSource h2 = new SingleConnectionDataSource(
                "jdbc:h2:mem:chain-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        try {
            existingRecordsAreChainedAndTheOutboxBecomesTheUnexported(h2, "h2");
        } finally {
            h2.destroy();
        }
    }

    @Test
    void onPostgresql_existingRecordsAreChainedAndTheOutboxBecomesTheUnexported() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create("intake_chain_migration")) {
            existingRecordsAreChainedAndTheOutboxBecomesTheUnexported(
                    new DriverManagerDataSource(schema.jdbcUrl(), PostgresSchema.USER, ""), "postgresql");
        }
    }

    private static void existingRecordsAreChainedAndTheOutboxBecomesTheUnexported(DataSource dataSource, String vendor)
            throws Exception {
        flyway(dataSource, vendor).target("8").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // Inserted out of order: b is the oldest; a and c share a time (then the id orders them).
        insert(jdbc, "c", T.plusSeconds(5), true);
        insert(jdbc, "b", T, false);
        insert(jdbc, "a", T.plusSeconds(5), false);

        flyway(dataSource, vendor).load().migrate();

        assertThat(jdbc.queryForList("select id from intake_audit order by seq", String.class))
                .containsExactly("b", "a", "c");
        assertThat(jdbc.queryForList("select audit_id from intake_audit_exported order by audit_id", String.class))
                .containsExactly("a", "b");
        ChainVerification verified;
        try (Connection connection = dataSource.getConnection()) {
            verified = AuditChainVerifier.verify(connection);
        }
        assertThat(verified).isInstanceOf(ChainVerification.Intact.class);
        assertThat(((ChainVerification.Intact) verified).count()).isEqualTo(3);
        assertThat(jdbc.queryForObject("select hash from intake_audit_head", String.class))
                .isEqualTo(jdbc.queryForObject("select hash from intake_audit where id = 'c'", String.class));
        assertThatThrownBy(() -> jdbc.update("update intake_audit set detail = 'x' where id = 'a'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("insert into intake_audit (id, at, actor, action, detail)"
                + " values ('d', current_timestamp, 'x', 'AUDIT_READ', 'x')")).satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("seq"));
    }

    private static void insert(JdbcTemplate jdbc, String id, Instant at, boolean inOutbox) {
        jdbc.update("insert into intake_audit (id, at, actor, action, submission_id, patient_id, detail)"
                + " values (?, ?, 'dr-sam', 'INTAKE_VIEWED', 'sub-1', 'alex', 'intake opened')", id,
                Timestamp.from(at));
        if (inOutbox) {
            jdbc.update("insert into intake_audit_outbox (audit_id, at) values (?, ?)", id, Timestamp.from(at));
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource dataSource,
            String vendor) {
        return Flyway.configure().dataSource(dataSource)
                .locations(IntakeSchema.locations(vendor).toArray(String[]::new))
                .placeholders(IntakeSchema.placeholders(vendor)).javaMigrations(IntakeSchema.javaMigrations())
                .table("intake_schema_history").baselineOnMigrate(true).baselineVersion("0");
    }

}
