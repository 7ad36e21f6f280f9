package org.example.intake.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the application's role may do with the plugin's tables when an owner runs the migrations (PostgreSQL):
 * every {@code intake_*} table and sequence of the current schema loses all its rights and gets back exactly these,
 * in one transaction, on every start, so that a right granted by hand or left by an older version does not last.
 * The audit trail ({@code intake_audit}) and its export tracking ({@code intake_audit_exported}): SELECT and INSERT
 * only; the chain's head ({@code intake_audit_head}): SELECT and UPDATE (appends lock and move it; verification
 * finds a head moved by hand); the migration history: nothing; every other table: SELECT, INSERT, UPDATE, DELETE
 * (no TRUNCATE, REFERENCES or TRIGGER). Sequences: USAGE and SELECT.
 */
final class AppRoleGrants {

    /** The tables whose rights are not the working tables' full DML. */
    static final Map<String, String> LIMITED = Map.of(
            "intake_audit", "select, insert",
            "intake_audit_exported", "select, insert",
            "intake_audit_head", "select, update",
            "intake_schema_history", "");

    static final String WORKING = "select, insert, update, delete";

    private AppRoleGrants() {
    }

    /** Revokes and grants, as the owner on this connection, in one transaction. */
    static void grant(Connection owner, String appRole) throws SQLException {
        String role = quoted(appRole);
        boolean autoCommit = owner.getAutoCommit();
        owner.setAutoCommit(false);
        try (Statement statement = owner.createStatement()) {
            for (String table : names(owner, "select table_name from information_schema.tables"
                    + " where table_schema = current_schema() and table_type = 'BASE TABLE'"
                    + " and table_name like 'intake\\_%'")) {
                statement.execute("revoke all on table " + quoted(table) + " from " + role);
                String rights = LIMITED.getOrDefault(table, WORKING);
                if (!rights.isEmpty()) {
                    statement.execute("grant " + rights + " on table " + quoted(table) + " to " + role);
                }
            }
            for (String sequence : names(owner, "select sequence_name from information_schema.sequences"
                    + " where sequence_schema = current_schema() and sequence_name like 'intake\\_%'")) {
                statement.execute("revoke all on sequence " + quoted(sequence) + " from " + role);
                statement.execute("grant usage, select on sequence " + quoted(sequence) + " to " + role);
            }
            owner.commit();
        } catch (SQLException | RuntimeException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(autoCommit);
        }
    }

    private static List<String> names(Connection connection, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
