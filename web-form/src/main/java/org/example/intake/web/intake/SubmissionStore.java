package org.example.intake.web.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.fhir.extract.ClinicalDecision;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.delivery.FirstDelivery;
import org.example.intake.web.retriage.RetriageColumns;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The submissions table ({@code intake_submission}) as the patient's intake keeps it: new submissions, and each
 * submission read whole; plain SQL through Spring's JdbcClient. The queue ({@code QueueStore}), the delivery
 * ({@code DeliveryStore}) and the re-triage keep their own columns of it.
 * Rule ids and advice are kept by their stable names, so the outcome read back is the outcome
 * that was given. Thread-safe.
 */
public class SubmissionStore {

    private static final String COLUMNS = "id, patient_id, received_at, response_json, level, rules, rule_set, advice,"
            + " delivery, attempts, last_error, delivered_at";
    private static final String DECISION_COLUMNS = ", reviewed_at, reviewed_by, review_note, override_level,"
            + " override_reason, overridden_at, overridden_by, override_replaced, revision, ehr_resources";
    private static final String SELECT = "select " + COLUMNS + DECISION_COLUMNS + ", " + RetriageColumns.NAMES
            + " from intake_submission ";

    private static final String INSERT = "insert into intake_submission (" + COLUMNS + ", idempotency_key, priority)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final boolean withFirstDelivery;

    /** A store whose new submissions' delivery jobs are inserted on their own ({@link #insert(StoredSubmission, String)}). */
    public SubmissionStore(JdbcClient jdbc) {
        this(jdbc, false);
    }

    /**
     * @param withFirstDelivery whether a new submission and its first delivery job can be inserted by one statement
     *                          ({@link #insert(StoredSubmission, String, FirstDelivery)}): see
     *                          {@link #writesOneStatement(DataSource)}
     */
    public SubmissionStore(JdbcClient jdbc, boolean withFirstDelivery) {
        this.jdbc = jdbc;
        this.withFirstDelivery = withFirstDelivery;
    }

    /**
     * Whether a submission and its first delivery job can be one statement in this database, committed on its own:
     * PostgreSQL (a {@code WITH} query may insert there, H2 has no such thing) with connections in autocommit (so the
     * statement is its own transaction when no caller's is open; a pool set not to autocommit leaves the two inserts
     * in a transaction of their own, as on H2).
     */
    public static boolean writesOneStatement(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()) && connection.getAutoCommit();
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("cannot tell which database the intake store is in", e);
        }
    }

    /**
     * Inserts a new submission (delivery PENDING).
     *
     * @param idempotencyKey the caller's key, unique per patient, or null
     * @throws org.springframework.dao.DuplicateKeyException when the patient already used the key
     */
    void insert(StoredSubmission submission, String idempotencyKey) {
        jdbc.sql(INSERT).params(values(submission, idempotencyKey)).update();
    }

    /** Whether {@link #insert(StoredSubmission, String, FirstDelivery)} may be used. */
    boolean insertsWithFirstDelivery() {
        return withFirstDelivery;
    }

    /**
     * Inserts a new submission (delivery PENDING) and its first delivery job in one statement, one round trip: both
     * or neither, in the caller's transaction if one is open, else on their own. Only when
     * {@link #insertsWithFirstDelivery()}.
     *
     * @param idempotencyKey the caller's key, unique per patient, or null
     * @throws org.springframework.dao.DuplicateKeyException when the patient already used the key (and nothing is
     *                                                       written)
     */
    void insert(StoredSubmission submission, String idempotencyKey, FirstDelivery job) {
        if (!withFirstDelivery) {
            throw new IllegalStateException("this store inserts a submission and its delivery job apart");
        }
        List<Object> values = new ArrayList<>(values(submission, idempotencyKey));
        values.addAll(job.parameters());
        jdbc.sql("with submission as (" + INSERT + " returning id) " + job.insertFrom("submission")).params(values)
                .update();
    }

    private static List<Object> values(StoredSubmission submission, String idempotencyKey) {
        return Arrays.asList(submission.id(), submission.patientId(), Timestamp.from(submission.receivedAt()),
                new ResponseJson(submission.responseJson()), submission.level().name(),
                String.join(",", submission.ruleIds()), submission.outcome().ruleSetVersion(),
                String.join(",", submission.outcome().advice().stream().map(Advice::name).toList()),
                submission.delivery().name(), submission.attempts(), submission.lastError(),
                submission.deliveredAt() == null ? null : Timestamp.from(submission.deliveredAt()),
                idempotencyKey, submission.currentLevel().ordinal());
    }

    /** The submission with this id, or empty. */
    public Optional<StoredSubmission> find(String id) {
        return jdbc.sql(SELECT + "where id = ?").param(id)
                .query(SubmissionStore::row).optional();
    }

    /** The submission with this id, locked until the caller's transaction ends (decisions one at a time), or empty. */
    public Optional<StoredSubmission> findForUpdate(String id) {
        return jdbc.sql(SELECT + "where id = ? for update").param(id).query(SubmissionStore::row).optional();
    }

    /** The patient's submissions, newest first, at most {@code limit}. */
    public List<StoredSubmission> findByPatient(String patientId, int limit) {
        return jdbc.sql(SELECT + "where patient_id = ? order by received_at desc"
                        + " fetch first ? rows only")
                .params(patientId, limit).query(SubmissionStore::row).list();
    }

    /** The patient's submission made with this idempotency key, or empty. */
    Optional<StoredSubmission> findByIdempotencyKey(String patientId, String idempotencyKey) {
        return jdbc.sql(SELECT + "where patient_id = ? and idempotency_key = ?")
                .params(patientId, idempotencyKey)
                .query(SubmissionStore::row).optional();
    }

    /** How many submissions are stored. */
    public long count() {
        return jdbc.sql("select count(*) from intake_submission").query(Long.class).single();
    }

    private static StoredSubmission row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new StoredSubmission(rs.getString("id"), rs.getString("patient_id"),
                rs.getTimestamp("received_at").toInstant(), rs.getString("response_json"),
                StoredSubmission.outcome(rs.getString("level"), split(rs.getString("rules")), rs.getString("rule_set"),
                        split(rs.getString("advice"))),
                DeliveryState.valueOf(rs.getString("delivery")), rs.getInt("attempts"), rs.getString("last_error"),
                delivered == null ? null : delivered.toInstant(), decision(rs), rs.getInt("revision"),
                splitOn(rs.getString("ehr_resources"), " "), RetriageColumns.read(rs));
    }

    private static ClinicalDecision decision(ResultSet rs) throws SQLException {
        Timestamp reviewedAt = rs.getTimestamp("reviewed_at");
        Optional<ClinicalDecision.Review> review = reviewedAt == null ? Optional.empty()
                : Optional.of(new ClinicalDecision.Review(reviewedAt.toInstant(), rs.getString("reviewed_by"),
                        Optional.ofNullable(rs.getString("review_note"))));
        String overrideLevel = rs.getString("override_level");
        Optional<ClinicalDecision.Override> override = overrideLevel == null ? Optional.empty()
                : Optional.of(new ClinicalDecision.Override(Level.valueOf(overrideLevel), rs.getString("override_reason"),
                        rs.getTimestamp("overridden_at").toInstant(), rs.getString("overridden_by"),
                        level(rs.getString("override_replaced"))));
        return review.isEmpty() && override.isEmpty() ? ClinicalDecision.NONE : new ClinicalDecision(review, override);
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

    /** A stored level, or empty for none (an override stored before the replaced level was kept has none). */
    private static Optional<Level> level(String name) {
        return name == null ? Optional.empty() : Optional.of(Level.valueOf(name));
    }

    private static List<String> split(String joined) {
        return splitOn(joined, ",");
    }

    private static List<String> splitOn(String joined, String separator) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(separator));
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
