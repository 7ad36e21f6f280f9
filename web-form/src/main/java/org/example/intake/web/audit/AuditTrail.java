package org.example.intake.web.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditActor;
import org.example.intake.fhir.audit.AuditChain;
import org.example.intake.fhir.audit.AuditChainVerifier.Head;
import org.example.intake.fhir.audit.AuditRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The clinicians' audit trail ({@code intake_audit}): who viewed or did what, when, to which
 * submission and patient. Records are only ever added: the database refuses updates and
 * deletes (and, with two roles, the app's role may only insert and read). Each record is a link of a
 * hash chain ({@link AuditChain}): appends take the next sequence number and the last hash from the
 * one-row head ({@code intake_audit_head}), locked with {@code SELECT ... FOR UPDATE} until the
 * transaction ends, so that appends from every node form one chain in commit order. Writing joins
 * the caller's transaction (or makes one), so an action and its record commit together. Which records
 * the EHR already holds as AuditEvents is kept insert-only too, in {@code intake_audit_exported}.
 * Thread-safe.
 */
public class AuditTrail {

    private static final String COLUMNS = "id, at, actor, actor_name, action, submission_id, patient_id, detail";
    private static final String CHAINED = COLUMNS + ", seq, previous_hash, hash";
    private static final String NOT_EXPORTED = " where a.seq > ? and not exists"
            + " (select 1 from intake_audit_exported e where e.audit_id = a.id)";
    /** The longest detail kept; longer text is cut (details are lists of ids and filters, not free text). */
    static final int MAX_DETAIL = 8000;
    /** The most records {@link #recordAll} writes in one go. */
    static final int MAX_AT_ONCE = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionOperations transaction;
    /**
     * Every record up to this sequence number is known to be in the EHR (learnt by this node's searches for
     * unexported records, 0 at start; the export tracking is insert-only, so it stays true): the searches start
     * after it instead of at the first record.
     */
    private final AtomicLong exportedThrough = new AtomicLong();

    /**
     * @param transaction how appends get a transaction when the caller has none (joins the caller's one when it
     *                    has); the head stays locked until it ends
     */
    public AuditTrail(JdbcClient jdbc, Clock clock, TransactionOperations transaction) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
    }

    /**
     * Records what a user did, now.
     *
     * @param actor        who: their stable id (the token's {@code sub}) and their name; never null
     * @param submissionId the submission concerned, or null for views of many (the detail lists them)
     * @param patientId    the patient concerned, or null
     * @param detail       what exactly, without patient answers; never null
     * @return the record as kept
     */
    public AuditRecord record(AuditActor actor, AuditAction action, String submissionId, String patientId, String detail) {
        return append(at -> List.of(new AuditRecord(UUID.randomUUID().toString(), at, actor, action,
                Optional.ofNullable(submissionId), Optional.ofNullable(patientId), cut(detail)))).get(0);
    }

    /**
     * Records what one actor did to many submissions, now, in one multi-row insert whatever their
     * number: for work done in batches (re-triage) and views of many (a queue page, a record per
     * patient shown), where a statement per record would cost more than the work.
     *
     * @param actor   who: their stable id and their name; never null
     *
     * @param entries what was done to each submission; at most {@value #MAX_AT_ONCE}
     * @return the records as kept, in the order given (and chained in that order)
     */
    public List<AuditRecord> recordAll(AuditActor actor, AuditAction action, List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        if (entries.size() > MAX_AT_ONCE) {
            throw new IllegalArgumentException("at most " + MAX_AT_ONCE + " records at once");
        }
        return append(at -> entries.stream().map(entry -> new AuditRecord(UUID.randomUUID().toString(), at, actor,
                action, Optional.ofNullable(entry.submissionId()), Optional.ofNullable(entry.patientId()),
                cut(entry.detail()))).toList());
    }

    private static String cut(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }

    /**
     * Appends the records made for the time now to the chain: locks the head, chains them in order after it, inserts
     * them in one statement and moves the head, all in the caller's transaction (or a new one).
     */
    private List<AuditRecord> append(Function<Instant, List<AuditRecord>> recordsAt) {
        return transaction.execute(status -> {
            Head last = jdbc.sql("select seq, hash from intake_audit_head where id = 1 for update")
                    .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                    .optional().orElseThrow(() -> new IllegalStateException("intake_audit_head has no row"));
            // The time is taken under the lock, so that on one clock later links never have earlier times.
            List<AuditRecord> records = recordsAt.apply(AuditChain.storable(clock.instant()));
            List<Object> rows = new ArrayList<>(records.size() * 11);
            long seq = last.seq();
            String hash = last.hash();
            for (AuditRecord record : records) {
                AuditChain.Link link = AuditChain.Link.after(seq, hash, record);
                rows.addAll(Arrays.asList(record.id(), Timestamp.from(record.at()), record.actor(),
                        record.actorName().orElse(null), record.action().name(), record.submissionId().orElse(null),
                        record.patientId().orElse(null),
                        record.detail(), link.seq(), link.previousHash(), link.hash()));
                seq = link.seq();
                hash = link.hash();
            }
            jdbc.sql("insert into intake_audit (" + CHAINED + ") values "
                    + String.join(", ", Collections.nCopies(records.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")))
                    .params(rows).update();
            jdbc.sql("update intake_audit_head set seq = ?, hash = ? where id = 1").params(seq, hash).update();
            return records;
        });
    }

    /**
     * One submission's part of {@link #recordAll}.
     *
     * @param submissionId the submission concerned, or null
     * @param patientId    the patient concerned, or null
     * @param detail       what exactly, without patient answers; never null
     */
    public record Entry(String submissionId, String patientId, String detail) {
        public Entry {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Records, newest first.
     *
     * @param submissionId only those about this submission, or null for all
     * @param before       only those recorded before this time, or null (for paging back)
     * @param limit        at most this many
     */
    public List<AuditRecord> read(String submissionId, Instant before, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from intake_audit");
        List<Object> params = new ArrayList<>();
        String where = " where ";
        if (submissionId != null) {
            sql.append(where).append("submission_id = ?");
            params.add(submissionId);
            where = " and ";
        }
        if (before != null) {
            sql.append(where).append("at < ?");
            params.add(Timestamp.from(before));
        }
        sql.append(" order by at desc, id desc fetch first ? rows only");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(AuditTrail::row).list();
    }

    /** Records the EHR does not hold yet, in chain order, at most {@code limit}. */
    public List<AuditRecord> unexported(int limit) {
        long head = headSeq();
        List<Map.Entry<Long, AuditRecord>> found = jdbc.sql("select " + COLUMNS + ", seq from intake_audit a"
                        + NOT_EXPORTED + " order by a.seq fetch first ? rows only")
                .params(exportedThrough.get(), limit).query((rs, n) -> Map.entry(rs.getLong("seq"), row(rs, n))).list();
        learn(head, found.isEmpty() ? null : found.get(0).getKey());
        return found.stream().map(Map.Entry::getValue).toList();
    }

    private long headSeq() {
        return jdbc.sql("select seq from intake_audit_head where id = 1").query(Long.class).single();
    }

    /**
     * Moves {@link #exportedThrough} on after a search that began after reading the head's {@code head} found
     * {@code firstUnexported} first (null: none). Every record up to the head was committed before the search began
     * (appends hold the head until they commit), so none of them before the first found is unexported.
     */
    private void learn(long head, Long firstUnexported) {
        exportedThrough.accumulateAndGet(firstUnexported == null ? head : Math.min(head, firstUnexported - 1),
                Math::max);
    }

    /** Notes, insert-only, that the EHR now holds these records; those noted already are left as they are. */
    public void markExported(List<AuditRecord> records) {
        if (!records.isEmpty()) {
            jdbc.sql("insert into intake_audit_exported (audit_id, at) select a.id, :at from intake_audit a"
                            + " where a.id in (:ids) and not exists"
                            + " (select 1 from intake_audit_exported e where e.audit_id = a.id)")
                    .param("at", Timestamp.from(AuditChain.storable(clock.instant())))
                    .param("ids", records.stream().map(AuditRecord::id).toList()).update();
        }
    }

    /** How many records the EHR does not hold yet (counted from the first, learnt once per node, not every time). */
    public long countUnexported() {
        long head = headSeq();
        learn(head, jdbc.sql("select a.seq from intake_audit a" + NOT_EXPORTED + " order by a.seq fetch first 1 rows only")
                .param(exportedThrough.get()).query(Long.class).optional().orElse(null));
        return jdbc.sql("select count(*) from intake_audit a" + NOT_EXPORTED).param(exportedThrough.get())
                .query(Long.class).single();
    }

    private static AuditRecord row(ResultSet rs, int rowNum) throws SQLException {
        // Rows written before names were kept apart have the user name in actor and no actor_name.
        return new AuditRecord(rs.getString("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                Optional.ofNullable(rs.getString("actor_name")), AuditAction.valueOf(rs.getString("action")),
                Optional.ofNullable(rs.getString("submission_id")),
                Optional.ofNullable(rs.getString("patient_id")), rs.getString("detail"));
    }
}
