package org.example.intake.web.retriage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.example.intake.core.triage.Level;
import org.example.intake.web.delivery.DeliveryState;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The re-triage's reads and writes of {@code intake_submission}: which rule sets the waiting
 * submissions were triaged by, batches of them locked for re-triage, and the newer verdicts
 * written beside the original ones (columns {@code retriage_*}; {@code level}, {@code rules},
 * {@code rule_set} and {@code advice} are never written here). A submission counts as triaged by
 * {@code coalesce(retriage_rule_set, rule_set)}. Thread-safe.
 */
class RetriageStore {

    /** Unreviewed submissions last triaged by one of {@code :ruleSets}. */
    private static final String WAITING = " from intake_submission where reviewed = false"
            + " and coalesce(retriage_rule_set, rule_set) in (:ruleSets)";

    private final NamedParameterJdbcTemplate jdbc;

    RetriageStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** The rule sets the unreviewed submissions were last triaged by (each once). */
    List<String> ruleSetsOfWaiting() {
        return jdbc.queryForList("select distinct coalesce(retriage_rule_set, rule_set) from intake_submission"
                + " where reviewed = false", Map.of(), String.class);
    }

    /** How many unreviewed submissions were last triaged by one of these rule sets. */
    long countWaiting(List<String> ruleSets) {
        if (ruleSets.isEmpty()) {
            return 0;
        }
        Long count = jdbc.queryForObject("select count(*)" + WAITING, Map.of("ruleSets", ruleSets), Long.class);
        return count == null ? 0 : count;
    }

    /**
     * The next unreviewed submissions (by id, after {@code afterId}) last triaged by one of these
     * rule sets, locked until the caller's transaction ends. Another node re-triaging at the same
     * time waits for the lock and then no longer finds them (PostgreSQL re-checks the condition on
     * the row as committed), so none is re-triaged twice.
     */
    List<Candidate> lockNext(List<String> ruleSets, String afterId, int limit) {
        return jdbc.query("select id, patient_id, received_at, response_json, level, rules, rule_set, override_level, "
                        + RetriageColumns.NAMES + WAITING
                        + " and id > :after order by id fetch first :limit rows only for update",
                new MapSqlParameterSource().addValue("ruleSets", ruleSets).addValue("after", afterId)
                        .addValue("limit", limit),
                (rs, n) -> {
                    String override = rs.getString("override_level");
                    return new Candidate(rs.getString("id"), rs.getString("patient_id"),
                            rs.getTimestamp("received_at").toInstant(), rs.getString("response_json"),
                            Level.valueOf(rs.getString("level")), RetriageColumns.ruleIds(rs.getString("rules")),
                            rs.getString("rule_set"), override == null ? Optional.empty()
                                    : Optional.of(Level.valueOf(override)), RetriageColumns.read(rs));
                });
    }

    /**
     * Writes the newer verdicts beside the original ones, in one batch. A verdict whose level the
     * EHR must now follow ({@link Verdict#newRevision()}) also makes a new revision of the
     * submission with its delivery PENDING and sets the level the queue sorts by, as a clinician's
     * override does; the others change nothing else. Only unreviewed rows are written.
     *
     * @return how many rows each verdict wrote (1, or 0 when the row was reviewed meanwhile)
     */
    int[] write(List<Verdict> verdicts) {
        List<SqlParameterSource> params = new ArrayList<>(verdicts.size());
        for (Verdict verdict : verdicts) {
            Retriage retriage = verdict.retriage();
            params.add(new MapSqlParameterSource()
                    .addValue("level", retriage.level().name())
                    .addValue("rules", String.join(",", retriage.ruleIds()))
                    .addValue("ruleSet", retriage.ruleSet())
                    .addValue("at", Timestamp.from(retriage.at()))
                    .addValue("newRevision", verdict.newRevision())
                    .addValue("priority", verdict.priority().ordinal())
                    .addValue("pending", DeliveryState.PENDING.name())
                    .addValue("id", verdict.id()));
        }
        return jdbc.batchUpdate("update intake_submission set retriage_level = :level, retriage_rules = :rules,"
                + " retriage_rule_set = :ruleSet, retriaged_at = :at,"
                + " priority = case when :newRevision then :priority else priority end,"
                + " revision = case when :newRevision then revision + 1 else revision end,"
                + " delivery = case when :newRevision then :pending else delivery end,"
                + " attempts = case when :newRevision then 0 else attempts end"
                + " where id = :id and reviewed = false", params.toArray(SqlParameterSource[]::new));
    }

    /**
     * One waiting submission as the re-triage needs it.
     *
     * @param level    the original triage's level (what the patient was told)
     * @param rules    the original triage's rule ids
     * @param ruleSet  the original triage's rule set
     * @param override a clinician's level, when one set it
     * @param earlier  an earlier re-triage's verdict, when an older rule set than the current one already re-triaged it
     */
    record Candidate(String id, String patientId, Instant receivedAt, String responseJson, Level level,
            List<String> rules, String ruleSet, Optional<Level> override, Optional<Retriage> earlier) {
    }

    /**
     * A newer verdict to write.
     *
     * @param newRevision whether the EHR must follow a changed level (a new revision, delivered by the submission's job)
     * @param priority    the level the queue sorts by when {@code newRevision}
     */
    record Verdict(String id, Retriage retriage, boolean newRevision, Level priority) {
    }
}
