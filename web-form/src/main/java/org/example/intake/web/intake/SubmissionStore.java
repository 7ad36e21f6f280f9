package org.example.intake.web.intake;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.fhir.extract.ClinicalDecision;
import org.example.intake.web.delivery.DeliveryAttempt;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.queue.QueueFilter;
import org.example.intake.web.queue.QueueItem;
import org.example.intake.web.queue.QueueKey;
import org.example.intake.web.retriage.Retriage;
import org.springframework.jdbc.core.RowCallbackHandler;
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
    private static final String DECISION_COLUMNS = ", reviewed_at, reviewed_by, review_note, override_level,"
            + " override_reason, overridden_at, overridden_by, override_replaced, revision, ehr_resources";
    private static final String RETRIAGE_COLUMNS = ", retriage_level, retriage_rules, retriage_rule_set, retriaged_at";
    private static final String SELECT = "select " + COLUMNS + DECISION_COLUMNS + RETRIAGE_COLUMNS
            + " from intake_submission ";
    private static final String QUEUE_COLUMNS = "id, patient_id, received_at, level, override_level, overridden_at,"
            + " override_replaced, rules, delivery, reviewed, attempts, last_error" + RETRIAGE_COLUMNS;

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
        jdbc.sql("insert into intake_submission (" + COLUMNS + ", idempotency_key, priority)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(submission.id(), submission.patientId(), Timestamp.from(submission.receivedAt()),
                        new ResponseJson(submission.responseJson()), submission.level().name(),
                        String.join(",", submission.ruleIds()), submission.outcome().ruleSetVersion(),
                        String.join(",", submission.outcome().advice().stream().map(Advice::name).toList()),
                        submission.delivery().name(), submission.attempts(), submission.lastError(),
                        submission.deliveredAt() == null ? null : Timestamp.from(submission.deliveredAt()),
                        idempotencyKey, submission.currentLevel().ordinal())
                .update();
    }

    /** The submission with this id, or empty. */
    public Optional<StoredSubmission> find(String id) {
        return jdbc.sql(SELECT + "where id = ?").param(id)
                .query(SubmissionStore::row).optional();
    }

    /** The submission with this id, locked until the caller's transaction ends (decisions one at a time), or empty. */
    Optional<StoredSubmission> findForUpdate(String id) {
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

    /** How many submissions still wait for the EHR to take them: PENDING or RETRYING, not DELIVERED or FAILED. */
    public long countUndelivered() {
        return jdbc.sql("select count(*) from intake_submission where delivery in (?, ?)")
                .params(DeliveryState.PENDING.name(), DeliveryState.RETRYING.name()).query(Long.class).single();
    }

    /**
     * Records the state of a revision's delivery, unless a clinician's decision has made a newer
     * revision since (that one's delivery is then still to come).
     *
     * @param lastError    why it failed (no patient data), or null
     * @param deliveredAt  when the EHR took it, or null (the earlier time is then kept)
     * @param ehrResources the EHR's ids of its resources, or null to keep those known
     * @return whether the revision was still the latest, and so recorded
     */
    public boolean recordDelivery(String id, int revision, DeliveryState state, int attempts, String lastError,
            Instant deliveredAt, List<String> ehrResources) {
        return jdbc.sql("update intake_submission set delivery = ?, attempts = ?, last_error = ?,"
                        + " delivered_at = coalesce(?, delivered_at), delivered_revision = case when ? then revision"
                        + " else delivered_revision end, ehr_resources = coalesce(?, ehr_resources)"
                        + " where id = ? and revision = ?")
                .params(state.name(), attempts, lastError, deliveredAt == null ? null : Timestamp.from(deliveredAt),
                        state == DeliveryState.DELIVERED, ehrResources == null ? null : String.join(" ", ehrResources),
                        id, revision)
                .update() == 1;
    }

    /** Puts a parked (FAILED) delivery back to PENDING with a fresh count of attempts; false if it is not FAILED. */
    boolean requeue(String id) {
        return jdbc.sql("update intake_submission set delivery = ?, attempts = 0 where id = ? and delivery = ?")
                .params(DeliveryState.PENDING.name(), id, DeliveryState.FAILED.name()).update() == 1;
    }

    /**
     * Marks the submission reviewed, as a new revision whose delivery is PENDING.
     *
     * @return false when there is no such submission or it was already reviewed
     */
    boolean markReviewed(String id, Instant at, String by, String note) {
        return jdbc.sql("update intake_submission set reviewed = true, reviewed_at = ?, reviewed_by = ?, review_note = ?,"
                        + " revision = revision + 1, delivery = ?, attempts = 0 where id = ? and reviewed = false")
                .params(Timestamp.from(at), by, note, DeliveryState.PENDING.name(), id).update() == 1;
    }

    /**
     * Replaces the level that counts with a clinician's, as a new revision whose delivery is
     * PENDING; the triage's own level stays as it was.
     *
     * @param replaced the level that counted until now (the triage's, or an earlier override's): the referral
     *                 window depends on whether the new level is more urgent than it
     * @return false when there is no such submission
     */
    boolean override(String id, Level level, Level replaced, String reason, Instant at, String by) {
        return jdbc.sql("update intake_submission set override_level = ?, override_reason = ?, overridden_at = ?,"
                        + " overridden_by = ?, override_replaced = ?, priority = ?, revision = revision + 1,"
                        + " delivery = ?, attempts = 0 where id = ?")
                .params(level.name(), reason, Timestamp.from(at), by, replaced.name(), level.ordinal(),
                        DeliveryState.PENDING.name(), id)
                .update() == 1;
    }

    /** Keeps one delivery attempt in the submission's delivery history. */
    public void recordAttempt(DeliveryAttempt attempt) {
        jdbc.sql("insert into intake_delivery_attempt (submission_id, revision, attempt, at, result, detail)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(attempt.submissionId(), attempt.revision(), attempt.attempt(), Timestamp.from(attempt.at()),
                        attempt.result().name(), attempt.detail())
                .update();
    }

    /** The submission's delivery attempts, oldest first. */
    public List<DeliveryAttempt> deliveryHistory(String id) {
        return jdbc.sql("select submission_id, revision, attempt, at, result, detail from intake_delivery_attempt"
                        + " where submission_id = ? order by id")
                .param(id)
                .query((rs, n) -> new DeliveryAttempt(rs.getString("submission_id"), rs.getInt("revision"),
                        rs.getInt("attempt"), rs.getTimestamp("at").toInstant(),
                        DeliveryAttempt.Result.valueOf(rs.getString("result")), rs.getString("detail")))
                .list();
    }

    /**
     * One page of the clinicians' queue: unreviewed first, then by the level that counts (EMERGENCY
     * first), then oldest first; read through the queue indexes, without the responses. A page
     * given by a key is one index range scan however deep it is; an offset is for the first pages.
     *
     * @param after  only rows after this key in queue order, or null
     * @param before only rows before this key, or null (then the rows just before it, still in queue order)
     * @param offset rows to skip (after the key, if any)
     * @param limit  rows to return at most
     */
    public List<QueueItem> queue(QueueFilter filter, QueueKey after, QueueKey before, int offset, int limit) {
        StringBuilder sql = new StringBuilder("select " + QUEUE_COLUMNS + " from intake_submission");
        List<Object> params = new java.util.ArrayList<>();
        List<String> conditions = new java.util.ArrayList<>();
        if (filter.level().isPresent()) {
            conditions.add("priority = ?");
            params.add(filter.level().get().ordinal());
        }
        if (filter.delivery().isPresent()) {
            conditions.add("delivery = ?");
            params.add(filter.delivery().get().name());
        }
        // Row-value comparisons in the order of the queue indexes: an index range scan from the key.
        for (QueueKey key : java.util.Arrays.asList(after, before)) {
            if (key != null) {
                conditions.add("(reviewed, priority, received_at, id) " + (key == after ? ">" : "<") + " (?, ?, ?, ?)");
                params.add(key.reviewed());
                params.add(key.level().ordinal());
                params.add(Timestamp.from(key.receivedAt()));
                params.add(key.id());
            }
        }
        if (!conditions.isEmpty()) {
            sql.append(" where ").append(String.join(" and ", conditions));
        }
        boolean backwards = before != null && after == null;
        sql.append(backwards ? " order by reviewed desc, priority desc, received_at desc, id desc"
                : " order by reviewed, priority, received_at, id");
        sql.append(" offset ? rows fetch next ? rows only");
        params.add(offset);
        params.add(limit);
        List<QueueItem> rows = jdbc.sql(sql.toString()).params(params).query(SubmissionStore::queueItem).list();
        if (backwards) {
            rows = new java.util.ArrayList<>(rows);
            java.util.Collections.reverse(rows);
        }
        return rows;
    }

    /**
     * These submissions as queue rows (those that exist, in no particular order), read by their
     * ids without the responses; for a handful of ids, such as the new intakes a page asks after.
     */
    public List<QueueItem> queueItems(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        return jdbc.sql("select " + QUEUE_COLUMNS + " from intake_submission where id in (" + marks + ")")
                .params(List.copyOf(ids)).query(SubmissionStore::queueItem).list();
    }

    private static QueueItem queueItem(ResultSet rs, int rowNum) throws SQLException {
        String override = rs.getString("override_level");
        Timestamp overriddenAt = rs.getTimestamp("overridden_at");
        return new QueueItem(rs.getString("id"), rs.getString("patient_id"), rs.getTimestamp("received_at").toInstant(),
                Level.valueOf(rs.getString("level")),
                override == null ? Optional.empty() : Optional.of(Level.valueOf(override)),
                overriddenAt == null ? Optional.empty() : Optional.of(overriddenAt.toInstant()),
                level(rs.getString("override_replaced")),
                split(rs.getString("rules")), DeliveryState.valueOf(rs.getString("delivery")),
                rs.getBoolean("reviewed"), rs.getInt("attempts"), rs.getString("last_error"), retriage(rs));
    }

    /** One page of the queue by offset (see {@link #queue(QueueFilter, QueueKey, QueueKey, int, int)}). */
    public List<QueueItem> queue(QueueFilter filter, int offset, int limit) {
        return queue(filter, null, null, offset, limit);
    }

    /** How many unreviewed submissions wait at each level that counts; every level is a key. */
    public Map<Level, Long> waiting() {
        Map<Level, Long> counts = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            counts.put(level, 0L);
        }
        jdbc.sql("select priority, count(*) as n from intake_submission where reviewed = false group by priority")
                .query((RowCallbackHandler) rs -> counts.put(Level.values()[rs.getInt("priority")], rs.getLong("n")));
        return counts;
    }

    private static StoredSubmission row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new StoredSubmission(rs.getString("id"), rs.getString("patient_id"),
                rs.getTimestamp("received_at").toInstant(), rs.getString("response_json"),
                StoredSubmission.outcome(rs.getString("level"), split(rs.getString("rules")), rs.getString("rule_set"),
                        split(rs.getString("advice"))),
                DeliveryState.valueOf(rs.getString("delivery")), rs.getInt("attempts"), rs.getString("last_error"),
                delivered == null ? null : delivered.toInstant(), decision(rs), rs.getInt("revision"),
                splitOn(rs.getString("ehr_resources"), " "), retriage(rs));
    }

    /** The newer rule set's verdict kept beside the original (re-triage), or empty. */
    private static Optional<Retriage> retriage(ResultSet rs) throws SQLException {
        String level = rs.getString("retriage_level");
        return level == null ? Optional.empty()
                : Optional.of(new Retriage(Level.valueOf(level), split(rs.getString("retriage_rules")),
                        rs.getString("retriage_rule_set"), rs.getTimestamp("retriaged_at").toInstant()));
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
