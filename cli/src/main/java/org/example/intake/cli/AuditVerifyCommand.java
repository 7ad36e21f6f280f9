package org.example.intake.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.example.intake.fhir.audit.AuditChainVerifier;
import org.example.intake.fhir.audit.ChainVerification;

/**
 * {@code intake audit-verify --jdbc-url URL [--user U]}: reads the intake plugin's audit trail with plain JDBC
 * (PostgreSQL, or an H2 file while the app is stopped) and checks its hash chain as the app's
 * {@code GET /api/audit/verification} does. Prints {@code OK: ...} or the first broken link on standard output and
 * exits 0 or 1; 2 for bad usage or a database it cannot read. The password, when one is needed, comes from the
 * environment ({@value #PASSWORD}), never from the command line, where other users of the machine could see it. A
 * role with SELECT on {@code intake_audit} and {@code intake_audit_head} is enough.
 */
final class AuditVerifyCommand {

    /** The environment variable holding the database password, if any. */
    static final String PASSWORD = "INTAKE_DB_PASSWORD";

    private AuditVerifyCommand() {
    }

    /** Runs it on the arguments after {@code audit-verify}; the exit status. */
    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        String url = null;
        String user = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--jdbc-url") || arg.equals("--user")) && i + 1 < args.size()) {
                if (arg.equals("--jdbc-url")) {
                    url = args.get(++i);
                } else {
                    user = args.get(++i);
                }
            } else {
                return usage(err, arg.startsWith("--") ? arg + " needs a value, or is not an option of audit-verify"
                        : "audit-verify takes no FILE: " + arg);
            }
        }
        if (url == null || !url.startsWith("jdbc:")) {
            return usage(err, "audit-verify needs --jdbc-url jdbc:postgresql://HOST:PORT/DATABASE?currentSchema=SCHEMA"
                    + " (or jdbc:h2:file:PATH)");
        }
        String password = environment.getOrDefault(PASSWORD, "");
        ChainVerification result;
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            result = AuditChainVerifier.verify(connection);
        } catch (SQLException | IllegalStateException e) {
            err.println("intake: cannot read the audit trail at " + url + ": " + e.getMessage());
            return IntakeCommand.USAGE_OR_IO;
        }
        out.println(result.summary());
        out.flush();
        return result instanceof ChainVerification.Intact ? IntakeCommand.OK : IntakeCommand.REFUSED;
    }

    private static int usage(PrintStream err, String message) {
        err.println("intake: " + message);
        err.print(IntakeCommand.USAGE);
        return IntakeCommand.USAGE_OR_IO;
    }
}
