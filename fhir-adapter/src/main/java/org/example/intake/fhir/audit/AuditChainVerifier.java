package org.example.intake.fhir.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Optional;

import org.example.intake.fhir.audit.ChainVerification.Broken;
import org.example.intake.fhir.audit.ChainVerification.Problem;

/**
 * Walks the audit trail's hash chain ({@link AuditChain}) in sequence order and says whether it holds, or where it
 * first breaks. It reads the plugin's tables ({@code intake_audit}, {@code intake_audit_head}) with plain JDBC, so
 * that the web app and the command line check the same way; a row whose fields are no longer a valid record counts
 * as changed. Reads the rows as they come (a fetch size, not the whole table in memory).
 */
public final class AuditChainVerifier {

    private static final String ROWS = "select seq, id, at, actor, actor_name, action, submission_id, patient_id, detail,"
            + " previous_hash, hash from intake_audit order by seq nulls last";
    private static final String HEAD = "select seq, hash from intake_audit_head where id = 1";

    private AuditChainVerifier() {
    }

    /**
     * Verifies the chain in the database this connection reaches (its current schema). The head and the rows are
     * read in one repeatable-read transaction, so that records appended meanwhile are in neither (or the chain would
     * seem longer than its head), and PostgreSQL's driver streams the rows; the connection's auto-commit and
     * isolation are put back.
     *
     * @throws SQLException when the tables cannot be read
     */
    public static ChainVerification verify(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            Head head = head(connection);
            try (PreparedStatement statement = connection.prepareStatement(ROWS)) {
                statement.setFetchSize(500);
                try (ResultSet rows = statement.executeQuery()) {
                    return verify(new RowIterator(rows), head);
                }
            }
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Verifies links read in sequence order (nulls last) against the head.
     *
     * @param links the stored links in order; a {@link Row} holds what a stored row says
     * @param head  the head as stored, or null when there is none (then the last link is taken as it is)
     */
    public static ChainVerification verify(Iterator<Row> links, Head head) {
        long expected = 1;
        String previousHash = AuditChain.GENESIS;
        while (links.hasNext()) {
            Row row = links.next();
            if (row.seq() == null) {
                return new Broken(expected, row.id(), Problem.RECORD_MISSING,
                        "a record without a sequence number (outside the chain)");
            }
            if (row.seq() != expected) {
                return row.seq() > expected
                        ? new Broken(expected, null, Problem.RECORD_MISSING, "no record has sequence number "
                                + expected + "; the next is " + row.seq() + " (record " + row.id() + ")")
                        : new Broken(row.seq(), row.id(), Problem.RECORD_MISSING,
                                "sequence number " + row.seq() + " is used twice");
            }
            if (!previousHash.equals(row.previousHash())) {
                return new Broken(expected, row.id(), Problem.PREVIOUS_HASH_MISMATCH, "it names " + row.previousHash()
                        + " as the previous hash, the record before it has " + previousHash);
            }
            Optional<String> recomputed = row.record().flatMap(r -> hash(row.seq(), r, row.previousHash()));
            if (recomputed.isEmpty() || !recomputed.get().equals(row.hash())) {
                return new Broken(expected, row.id(), Problem.CONTENT_CHANGED, recomputed.isEmpty()
                        ? "its fields are no longer a valid audit record"
                        : "its fields hash to " + recomputed.get() + ", not to its stored hash " + row.hash());
            }
            previousHash = row.hash();
            expected++;
        }
        long count = expected - 1;
        if (head != null && head.seq() > count) {
            return new Broken(count + 1, null, Problem.RECORD_MISSING,
                    "the chain ends at " + count + " but the head counts " + head.seq() + ": the last record(s) are gone");
        }
        if (head != null && (head.seq() != count || !head.hash().equals(previousHash))) {
            return new Broken(head.seq(), null, Problem.HEAD_MISMATCH, "the head says sequence " + head.seq()
                    + " with hash " + head.hash() + ", the chain ends at " + count + " with hash " + previousHash);
        }
        return new ChainVerification.Intact(count, previousHash);
    }

    /** The record's hash, or empty when it cannot be chained (a time below a microsecond). */
    private static Optional<String> hash(long seq, AuditRecord record, String previousHash) {
        try {
            return Optional.of(AuditChain.hash(seq, record, previousHash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Head head(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HEAD);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? new Head(rows.getLong(1), rows.getString(2)) : new Head(0, "missing");
        }
    }

    /**
     * The head as stored: the last sequence number and hash appended.
     *
     * @param seq  0 before the first record
     * @param hash {@link AuditChain#GENESIS} before the first record
     */
    public record Head(long seq, String hash) {
    }

    /**
     * One stored row as it is, not yet trusted.
     *
     * @param seq          its sequence number, or null
     * @param id           its id (may be null when tampered with)
     * @param record       its fields as a record, or empty when they are not a valid one
     * @param previousHash its stored previous hash, maybe null
     * @param hash         its stored hash, maybe null
     */
    public record Row(Long seq, String id, Optional<AuditRecord> record, String previousHash, String hash) {

        /** The row of a link as appended. */
        public static Row of(AuditChain.Link link) {
            return new Row(link.seq(), link.record().id(), Optional.of(link.record()), link.previousHash(),
                    link.hash());
        }
    }

    /** The result set's rows as {@link Row}s; SQL failures surface as {@link IllegalStateException}. */
    private static final class RowIterator implements Iterator<Row> {

        private final ResultSet rows;
        private Boolean hasNext;

        RowIterator(ResultSet rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (hasNext == null) {
                try {
                    hasNext = rows.next();
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read intake_audit: " + e.getMessage(), e);
                }
            }
            return hasNext;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            hasNext = null;
            try {
                long seq = rows.getLong("seq");
                return new Row(rows.wasNull() ? null : seq, rows.getString("id"), record(rows),
                        rows.getString("previous_hash"), rows.getString("hash"));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read intake_audit: " + e.getMessage(), e);
            }
        }

        private static Optional<AuditRecord> record(ResultSet rows) throws SQLException {
            try {
                java.sql.Timestamp at = rows.getTimestamp("at");
                return Optional.of(new AuditRecord(rows.getString("id"), at == null ? null : at.toInstant(),
                        rows.getString("actor"), Optional.ofNullable(rows.getString("actor_name")),
                        AuditAction.valueOf(rows.getString("action")),
                        Optional.ofNullable(rows.getString("submission_id")),
                        Optional.ofNullable(rows.getString("patient_id")), rows.getString("detail")));
            } catch (IllegalArgumentException | NullPointerException e) {
                return Optional.empty();
            }
        }
    }
}
