package org.example.intake.ehr;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/** Turns H2's "database may be already in use" into a sentence saying what to do. */
public class DatabaseInUseFailureAnalyzer implements FailureAnalyzer {

    /** H2's error code for a database file locked by another process. */
    static final int H2_DATABASE_ALREADY_OPEN = 90020;

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return new FailureAnalysis(
                        "The sandbox's H2 database file is already open in another process: " + sql.getMessage(),
                        "Only one process may use an H2 database file. Stop the other EHR sandbox, or give this one "
                                + "its own directory with EHR_DATA_DIR (or --ehr.data-dir=...).",
                        t);
            }
        }
        return null;
    }
}
