package org.example.intake.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.example.intake.fhir.audit.AuditChainVerifier.Head;
import org.example.intake.fhir.audit.AuditChainVerifier.Row;
import org.example.intake.fhir.audit.ChainVerification.Broken;
import org.example.intake.fhir.audit.ChainVerification.Intact;
import org.example.intake.fhir.audit.ChainVerification.Problem;
import org.junit.jupiter.api.Test;

class AuditChainUnitTests {

    private static final AuditRecord REVIEW = AuditRecords.old("r-1", AuditAction.REVIEWED, Optional.of("sub-1"),
            Optional.of("alex"), "Recorded a review");

    @Test
    void theEncodingIsEachFieldLengthPrefixedWithAbsentOnesAsADash() {
        AuditRecord queue = AuditRecords.old("r-2", AuditAction.QUEUE_VIEWED, Optional.empty(), Optional.empty(),
                "Opened the queue: café");

        String encoded = new String(AuditChain.encode(7, queue, AuditChain.GENESIS), StandardCharsets.UTF_8);

        assertThat(encoded).isEqualTo("20:intake-audit-chain/1" + "1:7" + "3:r-2" + "27:2026-11-25T11:00:00.250000Z"
                + "5:dr.ng" + "12:QUEUE_VIEWED" + "-" + "-" + "23:Opened the queue: café" + "64:" + AuditChain.GENESIS);
    }

    @Test
    void theActorsNameComesLast_onlyWhenTheRecordHasOne_soRecordsChainedBeforeNamesWereKeptHashAsTheyDid() {
        AuditRecord named = new AuditRecord("r-3", AuditRecords.AT, "4f1c-sub", Optional.of("dr.ng"),
                AuditAction.REVIEWED, Optional.empty(), Optional.empty(), "x");
        AuditRecord unnamed = new AuditRecord("r-3", AuditRecords.AT, "4f1c-sub", AuditAction.REVIEWED,
                Optional.empty(), Optional.empty(), "x");
        AuditRecord renamed = new AuditRecord("r-3", AuditRecords.AT, "4f1c-sub", Optional.of("dr.ngo"),
                AuditAction.REVIEWED, Optional.empty(), Optional.empty(), "x");

        String withName = new String(AuditChain.encode(1, named, AuditChain.GENESIS), StandardCharsets.UTF_8);
        String without = new String(AuditChain.encode(1, unnamed, AuditChain.GENESIS), StandardCharsets.UTF_8);

        assertThat(without).endsWith("64:" + AuditChain.GENESIS);
        assertThat(withName).isEqualTo(without + "5:dr.ng");
        assertThat(List.of(named, unnamed, renamed)).extracting(r -> AuditChain.hash(1, r, AuditChain.GENESIS))
                .doesNotHaveDuplicates();
    }

    /** The expected value is {@code sha256sum} of the encoding above written out by hand with {@code printf}. */
    @Test
    void theHashIsTheHexSha256OfTheEncoding_stableAcrossReleases() {
        assertThat(AuditChain.hash(1, REVIEW, AuditChain.GENESIS))
                .isEqualTo("3c2519401721fada9f59d4c5fb14da33f0e8634cdfba80baa0efa1379fd0657e");
    }

    @Test
    void fieldsThatWouldRunTogetherInAPlainConcatenationHashDifferently() {
        AuditRecord a = new AuditRecord("r", AuditRecords.AT, "dr", AuditAction.REVIEWED, Optional.of("ab"),
                Optional.empty(), "x");
        AuditRecord b = new AuditRecord("r", AuditRecords.AT, "dr", AuditAction.REVIEWED, Optional.empty(),
                Optional.of("ab"), "x");
        AuditRecord c = new AuditRecord("r", AuditRecords.AT, "dr.", AuditAction.REVIEWED, Optional.empty(),
                Optional.empty(), "ab x");
        AuditRecord d = new AuditRecord("r", AuditRecords.AT, "dr", AuditAction.REVIEWED, Optional.empty(),
                Optional.empty(), ".ab x");

        assertThat(List.of(a, b, c, d)).extracting(r -> AuditChain.hash(1, r, AuditChain.GENESIS))
                .doesNotHaveDuplicates();
    }

    @Test
    void aTimeBelowAMicrosecondOrABadPreviousHashIsRefused() {
        AuditRecord nanos = new AuditRecord("r", Instant.parse("2026-11-25T11:00:00.000000001Z"), "dr",
                AuditAction.REVIEWED, Optional.empty(), Optional.empty(), "x");

        assertThatIllegalArgumentException().isThrownBy(() -> AuditChain.hash(1, nanos, AuditChain.GENESIS))
                .withMessageContaining("microseconds");
        assertThatIllegalArgumentException().isThrownBy(() -> AuditChain.hash(1, REVIEW, "ABC"));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditChain.hash(0, REVIEW, AuditChain.GENESIS));
        assertThat(AuditChain.storable(nanos.at())).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
    }

    @Test
    void anUntouchedChainOfNRecordsVerifies() {
        List<Row> rows = chain(50);

        ChainVerification result = AuditChainVerifier.verify(rows.iterator(), head(rows));

        assertThat(result).isEqualTo(new Intact(50, rows.get(49).hash()));
        assertThat(AuditChainVerifier.verify(List.<Row>of().iterator(), new Head(0, AuditChain.GENESIS)))
                .isEqualTo(new Intact(0, AuditChain.GENESIS));
    }

    @Test
    void aChangedDetailBreaksTheChainAtThatRecord() {
        List<Row> rows = chain(10);
        Row fifth = rows.get(4);
        AuditRecord r = fifth.record().orElseThrow();
        rows.set(4, new Row(5L, r.id(), Optional.of(new AuditRecord(r.id(), r.at(), r.actor(), r.action(),
                r.submissionId(), r.patientId(), "something else")), fifth.previousHash(), fifth.hash()));

        Broken broken = (Broken) AuditChainVerifier.verify(rows.iterator(), head(chain(10)));

        assertThat(broken.seq()).isEqualTo(5);
        assertThat(broken.recordId()).isEqualTo("r-5");
        assertThat(broken.problem()).isEqualTo(Problem.CONTENT_CHANGED);
        assertThat(broken.summary()).startsWith("BROKEN at sequence 5 (record r-5): content changed");
    }

    @Test
    void aChangedRecordWithItsHashRecomputedBreaksTheChainAtTheNextOne() {
        List<Row> rows = chain(10);
        Row fifth = rows.get(4);
        AuditRecord changed = AuditRecords.of("r-5", AuditAction.REVIEWED, Optional.empty(), Optional.empty(), "x");
        rows.set(4, Row.of(AuditChain.Link.after(4, fifth.previousHash(), changed)));

        Broken broken = (Broken) AuditChainVerifier.verify(rows.iterator(), head(rows));

        assertThat(broken.seq()).isEqualTo(6);
        assertThat(broken.problem()).isEqualTo(Problem.PREVIOUS_HASH_MISMATCH);
    }

    @Test
    void aRecordDeletedInTheMiddleIsNamedByItsSequenceNumber() {
        List<Row> rows = chain(10);
        rows.remove(3);

        Broken broken = (Broken) AuditChainVerifier.verify(rows.iterator(), head(rows));

        assertThat(broken.seq()).isEqualTo(4);
        assertThat(broken.recordId()).isNull();
        assertThat(broken.problem()).isEqualTo(Problem.RECORD_MISSING);
        assertThat(broken.detail()).contains("the next is 5 (record r-5)");
    }

    @Test
    void theLastRecordsDeletedAreFoundByTheHead_andAHeadThatDisagreesIsReported() {
        List<Row> rows = chain(10);
        Head head = head(rows);

        Broken gone = (Broken) AuditChainVerifier.verify(rows.subList(0, 8).iterator(), head);
        Broken wrongHead = (Broken) AuditChainVerifier.verify(rows.iterator(), new Head(10, AuditChain.GENESIS));

        assertThat(gone.seq()).isEqualTo(9);
        assertThat(gone.problem()).isEqualTo(Problem.RECORD_MISSING);
        assertThat(wrongHead.problem()).isEqualTo(Problem.HEAD_MISMATCH);
    }

    @Test
    void aRowThatIsNoLongerAValidRecordCountsAsChanged() {
        List<Row> rows = chain(3);
        Row second = rows.get(1);
        rows.set(1, new Row(2L, second.id(), Optional.empty(), second.previousHash(), second.hash()));

        Broken broken = (Broken) AuditChainVerifier.verify(rows.iterator(), head(chain(3)));

        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.problem()).isEqualTo(Problem.CONTENT_CHANGED);
    }

    private static List<Row> chain(int n) {
        List<Row> rows = new ArrayList<>();
        AuditChain.Link last = null;
        for (int i = 1; i <= n; i++) {
            last = AuditChain.Link.after(last, AuditRecords.of("r-" + i, AuditAction.INTAKE_VIEWED,
                    Optional.of("sub-" + i), Optional.of("alex"), "Opened the intake"));
            rows.add(Row.of(last));
        }
        return rows;
    }

    private static Head head(List<Row> rows) {
        return rows.isEmpty() ? new Head(0, AuditChain.GENESIS)
                : new Head(rows.get(rows.size() - 1).seq(), rows.get(rows.size() - 1).hash());
    }
}
