package org.example.intake.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditActor;
import org.example.intake.fhir.audit.AuditRecord;
import org.example.intake.fhir.audit.ChainVerification;
import org.example.intake.testsupport.db.PostgresSchema;
import org.example.intake.web.IntakeSchema;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link AuditTrail} appends to the hash chain and tracks the export insert-only: one by one, in batches, from many
 * threads at once (PostgreSQL, each thread its own connection and transaction), and the chain read back verifies.
 */
class AuditTrailChainIntegrationTests {

    /** A clock with nanoseconds, which the trail must truncate so that the hashes survive the round trip. */
    private static final Clock NANOS = Clock.fixed(Instant.parse("2026-12-01T09:30:00.123456789Z"), ZoneOffset.UTC);

    @Test
    void onH2_recordsAndBatchesMakeOneChainThatVerifies_andTheExportIsTrackedInsertOnly() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:trail-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new IntakeSchema(h2).afterPropertiesSet();

        recordsAndBatchesMakeOneChainThatVerifies_andTheExportIsTrackedInsertOnly(h2);
    }

    @Test
    void onPostgresql_recordsAndBatchesMakeOneChainThatVerifies_andTheExportIsTrackedInsertOnly() {
        try (PostgresSchema schema = PostgresSchema.create("intake_trail")) {
            DataSource postgres = new DriverManagerDataSource(schema.jdbcUrl(), PostgresSchema.USER, "");
            new IntakeSchema(postgres).afterPropertiesSet();

            recordsAndBatchesMakeOneChainThatVerifies_andTheExportIsTrackedInsertOnly(postgres);
        }
    }

    private static void recordsAndBatchesMakeOneChainThatVerifies_andTheExportIsTrackedInsertOnly(DataSource db) {
        AuditTrail trail = trail(db);

        AuditRecord first = trail.record(new AuditActor("7c1e0c55-sam", "dr-sam"), AuditAction.INTAKE_VIEWED, "sub-1", "alex", "intake opened");
        List<AuditRecord> batch = trail.recordAll(new AuditActor("system:retriage", "re-triage"), AuditAction.RETRIAGED, List.of(
                new AuditTrail.Entry("sub-1", "alex", "re-triaged"), new AuditTrail.Entry("sub-2", null, "re-triaged")));
        AuditRecord last = trail.record(new AuditActor("0d2f6b1a-auditor", "auditor"), AuditAction.AUDIT_READ, null, null, "audit trail read");

        assertThat(first.at()).isEqualTo(Instant.parse("2026-12-01T09:30:00.123456Z"));
        JdbcClient jdbc = JdbcClient.create(db);
        assertThat(jdbc.sql("select id from intake_audit order by seq").query(String.class).list()).containsExactly(
                first.id(), batch.get(0).id(), batch.get(1).id(), last.id());
        assertThat(new AuditVerification(db).verify()).isInstanceOf(ChainVerification.Intact.class)
                .extracting(v -> ((ChainVerification.Intact) v).count()).isEqualTo(4L);
        assertThat(trail.read(null, null, 10)).contains(first);

        assertThat(trail.countUnexported()).isEqualTo(4);
        List<AuditRecord> unexported = trail.unexported(3);
        assertThat(unexported).containsExactly(first, batch.get(0), batch.get(1));
        trail.markExported(unexported);
        trail.markExported(unexported.subList(0, 1));
        assertThat(trail.unexported(3)).containsExactly(last);
        assertThat(trail.countUnexported()).isEqualTo(1);
        trail.markExported(List.of(last));
        assertThat(trail.unexported(3)).isEmpty();
        assertThat(trail.countUnexported()).isZero();
        assertThat(trail(db).countUnexported()).as("a node that just started").isZero();
        assertThat(jdbc.sql("select count(*) from intake_audit_exported").query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void onPostgresql_appendsFromManyThreadsAtOnceKeepOneValidChain_thatVerifiesMeanwhile() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create("intake_trail_threads")) {
            DataSource postgres = new DriverManagerDataSource(schema.jdbcUrl(), PostgresSchema.USER, "");
            new IntakeSchema(postgres).afterPropertiesSet();
            AuditTrail trail = trail(postgres);
            int threads = 8;
            int each = 40;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AuditActor actor = new AuditActor("sub-" + t, "dr-" + t);
                work.add(() -> {
                    for (int i = 0; i < each; i++) {
                        if (i % 10 == 0) {
                            trail.recordAll(actor, AuditAction.RETRIAGED, IntStream.range(0, 3)
                                    .mapToObj(n -> new AuditTrail.Entry("sub-" + n, null, "re-triaged")).toList());
                        } else {
                            trail.record(actor, AuditAction.INTAKE_VIEWED, "sub-" + i, "alex", "intake opened");
                        }
                    }
                    return null;
                });
            }
            AuditVerification verification = new AuditVerification(postgres);
            List<ChainVerification> meanwhile = new ArrayList<>();
            List<Future<Void>> running = work.stream().map(pool::submit).toList();
            while (running.stream().anyMatch(f -> !f.isDone())) {
                meanwhile.add(verification.verify());
            }
            for (Future<Void> done : running) {
                done.get();
            }
            pool.shutdown();

            ChainVerification verified = new AuditVerification(postgres).verify();

            long records = threads * (each / 10 * 3L + each - each / 10);
            assertThat(verified).as(verified.summary()).isInstanceOf(ChainVerification.Intact.class);
            assertThat(((ChainVerification.Intact) verified).count()).isEqualTo(records);
            assertThat(meanwhile).as("verified while they appended").isNotEmpty()
                    .allSatisfy(v -> assertThat(v).as(v.summary()).isInstanceOf(ChainVerification.Intact.class));
        }
    }

    private static AuditTrail trail(DataSource db) {
        return new AuditTrail(JdbcClient.create(db), NANOS,
                new TransactionTemplate(new DataSourceTransactionManager(db)));
    }
}
