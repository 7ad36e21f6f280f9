package org.example.intake.web.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditActor;
import org.example.intake.fhir.audit.AuditRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clinicians' audit trail ({@code intake_audit}): who viewed or did what, when, to which
 * submission and patient. Records are only ever added: the database refuses updates and
 * deletes. Writing joins the caller's transaction, so an action and its record commit
 * together, and so does its place in the outbox of records still to be written to the EHR as
 * AuditEvents (a table of its own). Thread-safe.
 */
public class AuditTrail {

    private static final String COLUMNS = "id, at, actor, actor_name, action, submission_id, patient_id, detail";
    /** The longest detail kept; longer text is cut (details are lists of ids and filters, not free text). */
    static final int MAX_DETAIL = 8000;
    /** The most records {@link #recordAll} writes in one go. */
    static final int MAX_AT_ONCE = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
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
    public AuditRecord record(AuditActor actor, AuditAction action, String submissionId, String patientId,
            String detail) {
        String text = detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
        AuditRecord record = new AuditRecord(UUID.randomUUID().toString(), clock.instant(), actor, action,
                Optional.ofNullable(submissionId), Optional.ofNullable(patientId), text);
        jdbc.sql("insert into intake_audit (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(record.id(), Timestamp.from(record.at()), actor.id(), actor.name(), action.name(),
                        submissionId, patientId, text)
                .update();
        jdbc.sql("insert into intake_audit_outbox (audit_id, at) values (?, ?)")
                .params(record.id(), Timestamp.from(record.at())).update();
        return record;
    }

    /**
     * Records what one actor did to many submissions, now, in two statements (multi-row inserts)
     * whatever their number: for work done in batches (re-triage) and views of many (a queue page,
     * a record per patient shown), where a statement per record would cost more than the work.
     *
     * @param actor   who: their stable id and their name; never null
     * @param entries what was done to each submission; at most {@value #MAX_AT_ONCE}
     * @return the records as kept, in the order given
     */
    public List<AuditRecord> recordAll(AuditActor actor, AuditAction action, List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        if (entries.size() > MAX_AT_ONCE) {
            throw new IllegalArgumentException("at most " + MAX_AT_ONCE + " records at once");
        }
        Instant at = clock.instant();
        List<AuditRecord> records = new ArrayList<>(entries.size());
        List<Object> rows = new ArrayList<>(entries.size() * 8);
        List<Object> outbox = new ArrayList<>(entries.size() * 2);
        for (Entry entry : entries) {
            String detail = entry.detail();
            String text = detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
            AuditRecord record = new AuditRecord(UUID.randomUUID().toString(), at, actor, action,
                    Optional.ofNullable(entry.submissionId()), Optional.ofNullable(entry.patientId()), text);
            records.add(record);
            rows.addAll(java.util.Arrays.asList(record.id(), Timestamp.from(at), actor.id(), actor.name(), action.name(),
                    entry.submissionId(), entry.patientId(), text));
            outbox.add(record.id());
            outbox.add(Timestamp.from(at));
        }
        jdbc.sql("insert into intake_audit (" + COLUMNS + ") values "
                        + String.join(", ", java.util.Collections.nCopies(entries.size(), "(?, ?, ?, ?, ?, ?, ?, ?)")))
                .params(rows).update();
        jdbc.sql("insert into intake_audit_outbox (audit_id, at) values "
                        + String.join(", ", java.util.Collections.nCopies(entries.size(), "(?, ?)")))
                .params(outbox).update();
        return records;
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
            java.util.Objects.requireNonNull(detail, "detail");
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

    /** Records the EHR does not hold yet, oldest first, at most {@code limit}. */
    public List<AuditRecord> unexported(int limit) {
        return jdbc.sql("select a.id, a.at, a.actor, a.actor_name, a.action, a.submission_id, a.patient_id, a.detail"
                        + " from intake_audit_outbox o join intake_audit a on a.id = o.audit_id"
                        + " order by o.at, o.audit_id fetch first ? rows only")
                .param(limit).query(AuditTrail::row).list();
    }

    /** Notes that the EHR now holds these records: they leave the outbox. */
    public void markExported(List<AuditRecord> records) {
        if (!records.isEmpty()) {
            jdbc.sql("delete from intake_audit_outbox where audit_id in (:ids)")
                    .param("ids", records.stream().map(AuditRecord::id).toList()).update();
        }
    }

    /** How many records the EHR does not hold yet. */
    public long countUnexported() {
        return jdbc.sql("select count(*) from intake_audit_outbox").query(Long.class).single();
    }

    private static AuditRecord row(ResultSet rs, int rowNum) throws SQLException {
        // Rows written before names were kept apart have the user name in actor and no actor_name.
        return new AuditRecord(rs.getString("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                Optional.ofNullable(rs.getString("actor_name")), AuditAction.valueOf(rs.getString("action")), Optional.ofNullable(rs.getString("submission_id")),
                Optional.ofNullable(rs.getString("patient_id")), rs.getString("detail"));
    }
}
