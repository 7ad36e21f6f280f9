package org.example.intake.web.retriage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.example.intake.core.triage.Level;

/**
 * How a re-triage's verdict is kept beside the original one in {@code intake_submission}
 * (columns {@code retriage_*}), for the features that read those rows.
 */
public final class RetriageColumns {

    /** The columns {@link #read} reads, for a select list. */
    public static final String NAMES = "retriage_level, retriage_rules, retriage_rule_set, retriaged_at";

    private RetriageColumns() {
    }

    /** The re-triage's verdict in this row, or empty when it was not re-triaged. */
    public static Optional<Retriage> read(ResultSet rs) throws SQLException {
        String level = rs.getString("retriage_level");
        return level == null ? Optional.empty()
                : Optional.of(new Retriage(Level.valueOf(level), ruleIds(rs.getString("retriage_rules")),
                        rs.getString("retriage_rule_set"), rs.getTimestamp("retriaged_at").toInstant()));
    }

    /** Rule ids as the submissions table keeps them (comma-separated, most urgent first); none for null or empty. */
    public static List<String> ruleIds(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
