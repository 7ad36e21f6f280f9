package org.example.intake.web.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delivery's reads and writes: the state of each submission's delivery (columns {@code delivery},
 * {@code attempts}, {@code last_error}, {@code delivered_at}, {@code delivered_revision} and
 * {@code ehr_resources} of {@code intake_submission}) and its history ({@code intake_delivery_attempt}).
 * Thread-safe.
 */
public class DeliveryStore {

    private final JdbcClient jdbc;

    public DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
    boolean recordDelivery(String id, int revision, DeliveryState state, int attempts, String lastError,
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

    /**
     * Puts a parked (FAILED) delivery back to PENDING with a fresh count of attempts, in the caller's
     * transaction; false if it is not FAILED.
     */
    public boolean requeue(String id) {
        return jdbc.sql("update intake_submission set delivery = ?, attempts = 0 where id = ? and delivery = ?")
                .params(DeliveryState.PENDING.name(), id, DeliveryState.FAILED.name()).update() == 1;
    }

    /** Keeps one delivery attempt in the submission's delivery history. */
    void recordAttempt(DeliveryAttempt attempt) {
        jdbc.sql("insert into intake_delivery_attempt (submission_id, revision, attempt, at, result, detail)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(attempt.submissionId(), attempt.revision(), attempt.attempt(), Timestamp.from(attempt.at()),
                        attempt.result().attemptResult(), attempt.detail())
                .update();
    }

    /** The submission's delivery attempts, oldest first. */
    public List<DeliveryAttempt> deliveryHistory(String id) {
        return jdbc.sql("select submission_id, revision, attempt, at, result, detail from intake_delivery_attempt"
                        + " where submission_id = ? order by id")
                .param(id)
                .query((rs, n) -> new DeliveryAttempt(rs.getString("submission_id"), rs.getInt("revision"),
                        rs.getInt("attempt"), rs.getTimestamp("at").toInstant(),
                        DeliveryState.ofAttemptResult(rs.getString("result")), rs.getString("detail")))
                .list();
    }
}
