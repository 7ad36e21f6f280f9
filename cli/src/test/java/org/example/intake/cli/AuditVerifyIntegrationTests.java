package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditChain;
import org.example.intake.fhir.audit.AuditRecord;
import org.example.intake.testsupport.db.PostgresSchema;
import org.junit.jupiter.api.Test;

/**
 * {@code intake audit-verify}: an untouched trail is OK (exit 0); a record changed or deleted is found, the first
 * broken link named (exit 1); bad usage and a database it cannot reach exit 2. The trail is made here as the web
 * app's migrations leave it (the columns the chain reads), chained with {@link AuditChain}.
 */
class AuditVerifyIntegrationTests {

    private static final int RECORDS = 12;

    @Test
    void onPostgresql_anUntouchedTrailIsOk_aChangedRecordIsNamed() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create("cli_audit")) {
            try (Connection connection = schema.connect()) {
                trail(connection);
            }

            Result ok = verify("--jdbc-url", schema.jdbcUrl(), "--user", PostgresSchema.USER);
            schema.execute("update intake_audit set detail = 'nothing happened' where seq = 4");
            Result broken = verify("--jdbc-url", schema.jdbcUrl(), "--user", PostgresSchema.USER);

            assertThat(ok.status()).isZero();
            assertThat(ok.out()).startsWith("OK: " + RECORDS + " audit record(s) chained, last hash ");
            assertThat(broken.status()).isEqualTo(1);
            assertThat(broken.out()).startsWith("BROKEN at sequence 4 (record r-4): content changed: ");
        }
    }

    @Test
    void onH2_aRecordDeletedInTheMiddleIsNamedBySequenceNumber() throws Exception {
        String url = "jdbc:h2:mem:cli-audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection keepAlive = DriverManager.getConnection(url, "sa", "")) {
            trail(keepAlive);
            try (Statement statement = keepAlive.createStatement()) {
                statement.execute("delete from intake_audit where seq = 7");
            }

            Result broken = verify("--jdbc-url", url, "--user", "sa");

            assertThat(broken.status()).isEqualTo(1);
            assertThat(broken.out()).isEqualTo("BROKEN at sequence 7: record missing: no record has sequence number 7;"
                    + " the next is 8 (record r-8)\n");
            assertThat(broken.err()).isEmpty();
        }
    }

    @Test
    void withoutAUrl_orWithAnUnknownOption_itIsBadUsage() {
        assertThat(verify().status()).isEqualTo(2);
        assertThat(verify().err()).contains("audit-verify needs --jdbc-url", "Usage: intake");
        assertThat(verify("--jdbc-url", "jdbc:h2:mem:x", "--password", "p").err()).contains("--password");
        assertThat(verify("--jdbc-url").status()).isEqualTo(2);
    }

    @Test
    void aDatabaseWithoutTheTrailIsSaidSo_exitTwo() {
        Result result = verify("--jdbc-url", "jdbc:h2:mem:empty-" + UUID.randomUUID(), "--user", "sa");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).startsWith("intake: cannot read the audit trail at jdbc:h2:mem:empty-");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void helpListsIt() {
        assertThat(verify("--help").out()).contains("audit-verify --jdbc-url URL [--user U]");
    }

    /**
     * The audit tables as the web app's migrations make them, with RECORDS chained records r-1, r-2, ...; every third
     * as made before names were kept beside the actor's id.
     */
    private static void trail(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table intake_audit (id varchar(36) not null primary key,"
                    + " at timestamp with time zone not null, actor varchar(100) not null, action varchar(32) not null, submission_id varchar(64),"
                    + " patient_id varchar(64), detail varchar(8000) not null, seq bigint not null unique,"
                    + " previous_hash varchar(64) not null, hash varchar(64) not null, actor_name varchar(255))");
            statement.execute("create table intake_audit_head (id int not null primary key, seq bigint not null,"
                    + " hash varchar(64) not null)");
        }
        AuditChain.Link last = null;
        try (PreparedStatement insert = connection.prepareStatement("insert into intake_audit (id, at, actor, action,"
                + " submission_id, patient_id, detail, seq, previous_hash, hash, actor_name)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= RECORDS; i++) {
                AuditRecord record = new AuditRecord("r-" + i, Instant.parse("2026-12-01T10:00:00.000001Z")
                        .plusSeconds(i), "4f1c-sam", i % 3 == 0 ? Optional.empty() : Optional.of("dr-sam"),
                        AuditAction.INTAKE_VIEWED, Optional.of("sub-" + i),
                        i % 2 == 0 ? Optional.of("alex") : Optional.empty(), "intake opened");
                last = AuditChain.Link.after(last, record);
                insert.setString(1, record.id());
                insert.setTimestamp(2, Timestamp.from(record.at()));
                insert.setString(3, record.actor());
                insert.setString(4, record.action().name());
                insert.setString(5, record.submissionId().orElse(null));
                insert.setString(6, record.patientId().orElse(null));
                insert.setString(7, record.detail());
                insert.setLong(8, last.seq());
                insert.setString(9, last.previousHash());
                insert.setString(10, last.hash());
                insert.setString(11, record.actorName().orElse(null));
                insert.executeUpdate();
            }
        }
        try (PreparedStatement head = connection.prepareStatement("insert into intake_audit_head values (1, ?, ?)")) {
            head.setLong(1, last.seq());
            head.setString(2, last.hash());
            head.executeUpdate();
        }
    }

    private static Result verify(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "audit-verify";
        System.arraycopy(args, 0, all, 1, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new IntakeCommand().run(all, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int status, String out, String err) {
    }
}
