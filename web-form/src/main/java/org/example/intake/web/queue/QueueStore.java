package org.example.intake.web.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.intake.core.triage.Level;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.retriage.RetriageColumns;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clinicians' reads and writes of {@code intake_submission}: the queue's pages, read through the
 * queue indexes without the responses, and the decisions (review, override), each a new revision of
 * the submission whose delivery is PENDING. Thread-safe.
 */
public class QueueStore {

    private static final String QUEUE_COLUMNS = "id, patient_id, received_at, level, override_level, overridden_at,"
            + " override_replaced, rules, delivery, reviewed, attempts, last_error, " + RetriageColumns.NAMES;

    private final JdbcClient jdbc;

    public QueueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        List<Object> params = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (filter.level().isPresent()) {
            conditions.add("priority = ?");
            params.add(filter.level().get().ordinal());
        }
        if (filter.delivery().isPresent()) {
            conditions.add("delivery = ?");
            params.add(filter.delivery().get().name());
        }
        // Row-value comparisons in the order of the queue indexes: an index range scan from the key.
        for (QueueKey key : Arrays.asList(after, before)) {
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
        List<QueueItem> rows = jdbc.sql(sql.toString()).params(params).query(QueueStore::queueItem).list();
        if (backwards) {
            rows = new ArrayList<>(rows);
            Collections.reverse(rows);
        }
        return rows;
    }

    /** One page of the queue by offset (see {@link #queue(QueueFilter, QueueKey, QueueKey, int, int)}). */
    public List<QueueItem> queue(QueueFilter filter, int offset, int limit) {
        return queue(filter, null, null, offset, limit);
    }

    /**
     * These submissions as queue rows (those that exist, in no particular order), read by their
     * ids without the responses; for a handful of ids, such as the new intakes a page asks after.
     */
    public List<QueueItem> queueItems(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        return jdbc.sql("select " + QUEUE_COLUMNS + " from intake_submission where id in (" + marks + ")")
                .params(List.copyOf(ids)).query(QueueStore::queueItem).list();
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

    private static QueueItem queueItem(ResultSet rs, int rowNum) throws SQLException {
        String override = rs.getString("override_level");
        String replaced = rs.getString("override_replaced");
        Timestamp overriddenAt = rs.getTimestamp("overridden_at");
        return new QueueItem(rs.getString("id"), rs.getString("patient_id"), rs.getTimestamp("received_at").toInstant(),
                Level.valueOf(rs.getString("level")),
                override == null ? Optional.empty() : Optional.of(Level.valueOf(override)),
                overriddenAt == null ? Optional.empty() : Optional.of(overriddenAt.toInstant()),
                replaced == null ? Optional.empty() : Optional.of(Level.valueOf(replaced)),
                RetriageColumns.ruleIds(rs.getString("rules")), DeliveryState.valueOf(rs.getString("delivery")),
                rs.getBoolean("reviewed"), rs.getInt("attempts"), rs.getString("last_error"), RetriageColumns.read(rs));
    }
}
