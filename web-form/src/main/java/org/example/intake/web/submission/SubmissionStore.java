package org.example.intake.web.submission;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.RedFlagRule;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The submissions table ({@code intake_submission}): plain SQL through Spring's JdbcClient.
 * Rule ids and advice are kept by their stable names, so the outcome read back is the outcome
 * that was given. Thread-safe.
 */
public class SubmissionStore {

    private static final String COLUMNS = "id, patient_id, received_at, response_json, level, rules, rule_set, advice,"
            + " delivery, attempts, last_error, delivered_at";

    private final JdbcClient jdbc;

    public SubmissionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a new submission (delivery PENDING).
     *
     * @param idempotencyKey the caller's key, unique per patient, or null
     * @throws org.springframework.dao.DuplicateKeyException when the patient already used the key
     */
    void insert(StoredSubmission submission, String idempotencyKey) {
        jdbc.sql("insert into intake_submission (" + COLUMNS + ", idempotency_key)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(submission.id(), submission.patientId(), Timestamp.from(submission.receivedAt()),
                        new ResponseJson(submission.responseJson()), submission.level().name(),
                        String.join(",", submission.ruleIds()), submission.outcome().ruleSetVersion(),
                        String.join(",", submission.outcome().advice().stream().map(Advice::name).toList()),
                        submission.delivery().name(), submission.attempts(), submission.lastError(),
                        submission.deliveredAt() == null ? null : Timestamp.from(submission.deliveredAt()),
                        idempotencyKey)
                .update();
    }

    /** The submission with this id, or empty. */
    public Optional<StoredSubmission> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from intake_submission where id = ?").param(id)
                .query(SubmissionStore::row).optional();
    }

    /** The patient's submissions, newest first, at most {@code limit}. */
    public java.util.List<StoredSubmission> findByPatient(String patientId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from intake_submission where patient_id = ? order by received_at desc"
                        + " fetch first ? rows only")
                .params(patientId, limit).query(SubmissionStore::row).list();
    }

    /** The patient's submission made with this idempotency key, or empty. */
    Optional<StoredSubmission> findByIdempotencyKey(String patientId, String idempotencyKey) {
        return jdbc.sql("select " + COLUMNS + " from intake_submission where patient_id = ? and idempotency_key = ?")
                .params(patientId, idempotencyKey)
                .query(SubmissionStore::row).optional();
    }

    /** How many submissions are stored. */
    public long count() {
        return jdbc.sql("select count(*) from intake_submission").query(Long.class).single();
    }

    /** How many submissions still wait for the EHR to take them: PENDING or RETRYING, not DELIVERED or FAILED. */
    public long countUndelivered() {
        return jdbc.sql("select count(*) from intake_submission where delivery in (?, ?)")
                .params(DeliveryState.PENDING.name(), DeliveryState.RETRYING.name()).query(Long.class).single();
    }

    /**
     * Records a delivery attempt's result.
     *
     * @param lastError why it failed (no patient data), or null
     * @param deliveredAt when the EHR took it, or null
     */
    public void recordDelivery(String id, DeliveryState state, int attempts, String lastError, Instant deliveredAt) {
        jdbc.sql("update intake_submission set delivery = ?, attempts = ?, last_error = ?, delivered_at = ? where id = ?")
                .params(state.name(), attempts, lastError, deliveredAt == null ? null : Timestamp.from(deliveredAt), id)
                .update();
    }

    private static StoredSubmission row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new StoredSubmission(rs.getString("id"), rs.getString("patient_id"),
                rs.getTimestamp("received_at").toInstant(), rs.getString("response_json"),
                StoredSubmission.outcome(rs.getString("level"), split(rs.getString("rules")), rs.getString("rule_set"),
                        split(rs.getString("advice"))),
                DeliveryState.valueOf(rs.getString("delivery")), rs.getInt("attempts"), rs.getString("last_error"),
                delivered == null ? null : delivered.toInstant());
    }

    /**
     * The stored response as a statement parameter whose text is not its content: Spring JDBC
     * logs every parameter value at TRACE, and this one is all the patient's answers.
     */
    private record ResponseJson(String json) implements SqlTypeValue {

        @Override
        public void setTypeValue(PreparedStatement statement, int index, int sqlType, String typeName)
                throws SQLException {
            statement.setString(index, json);
        }

        @Override
        public String toString() {
            return "(a QuestionnaireResponse, " + json.length() + " characters)";
        }
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    static {
        // Rule ids and advice names are stored comma-separated: none may contain a comma.
        for (RedFlagRule rule : RedFlagRule.values()) {
            if (rule.id().contains(",")) {
                throw new IllegalStateException("rule id with a comma: " + rule.id());
            }
        }
    }
}
