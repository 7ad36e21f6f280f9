package org.example.intake.web.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2's guard of the audit trail: refuses every update and delete of {@code intake_audit}
 * (PostgreSQL has a trigger function doing the same). The trail can only grow.
 */
public final class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("intake_audit is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
                "45000");
    }
}
