package org.example.intake.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditChain;
import org.example.intake.fhir.audit.AuditRecord;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V10: chains the audit records written before the chain existed (V9 added its columns), in the order
 * of {@code (at, id)}, as {@link AuditChain} says, moves the head to the last of them and makes the chain's
 * columns required. The append-only guard is lifted for these updates only, inside the migration's transaction on
 * PostgreSQL (disabled, then enabled again); on H2, whose triggers cannot be disabled, it is dropped and made again
 * as V6 made it.
 */
final class ChainExistingAuditRecords implements JavaMigration {

    private static final int BATCH = 1000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("10");
    }

    @Override
    public String getDescription() {
        return "chain existing audit records";
    }

    /** No checksum: the code may be tidied later without Flyway taking the history for changed. */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                .contains("postgres");
        try (Statement ddl = connection.createStatement()) {
            ddl.execute(postgres ? "alter table intake_audit disable trigger intake_audit_append_only"
                    : "drop trigger intake_audit_append_only");
            chain(connection);
            for (String column : new String[] { "seq", "previous_hash", "hash" }) {
                ddl.execute("alter table intake_audit alter column " + column + " set not null");
            }
            ddl.execute(postgres ? "alter table intake_audit enable trigger intake_audit_append_only"
                    : "create trigger intake_audit_append_only before update, delete on intake_audit"
                            + " for each row call 'org.example.intake.web.audit.AppendOnlyTrigger'");
        }
    }

    private static void chain(Connection connection) throws SQLException {
        long seq = 0;
        String hash = AuditChain.GENESIS;
        try (PreparedStatement read = connection.prepareStatement("select id, at, actor, action, submission_id,"
                + " patient_id, detail from intake_audit order by at, id");
                PreparedStatement update = connection.prepareStatement(
                        "update intake_audit set seq = ?, previous_hash = ?, hash = ? where id = ?")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    AuditRecord record = new AuditRecord(rows.getString("id"),
                            AuditChain.storable(rows.getTimestamp("at").toInstant()), rows.getString("actor"),
                            AuditAction.valueOf(rows.getString("action")),
                            Optional.ofNullable(rows.getString("submission_id")),
                            Optional.ofNullable(rows.getString("patient_id")), rows.getString("detail"));
                    AuditChain.Link link = AuditChain.Link.after(seq, hash, record);
                    update.setLong(1, link.seq());
                    update.setString(2, link.previousHash());
                    update.setString(3, link.hash());
                    update.setString(4, record.id());
                    update.addBatch();
                    seq = link.seq();
                    hash = link.hash();
                    if (seq % BATCH == 0) {
                        update.executeBatch();
                    }
                }
            }
            update.executeBatch();
        }
        try (PreparedStatement head = connection.prepareStatement(
                "update intake_audit_head set seq = ?, hash = ? where id = 1")) {
            head.setLong(1, seq);
            head.setString(2, hash);
            head.executeUpdate();
        }
    }
}
