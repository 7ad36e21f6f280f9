package org.example.intake.web.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import javax.sql.DataSource;

import org.example.intake.fhir.audit.AuditChainVerifier;
import org.example.intake.fhir.audit.ChainVerification;

/**
 * Checks the audit trail's hash chain, as {@code ./intake audit-verify} does: every record from the first to the
 * head, on a connection of its own (the app's role needs only SELECT). Reads the whole trail: for an administrator's
 * occasional check, not for every request.
 */
public class AuditVerification {

    private final DataSource dataSource;

    public AuditVerification(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The chain intact with its count and last hash, or its first broken link. */
    public ChainVerification verify() {
        try (Connection connection = dataSource.getConnection()) {
            return AuditChainVerifier.verify(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail: " + e.getMessage(), e);
        }
    }
}
