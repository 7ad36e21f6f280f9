package org.example.intake.fhir.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The audit trail's hash chain: each record carries its sequence number (1, 2, 3, ... without gaps), the hash of
 * the record before it ({@link #GENESIS} for the first) and its own hash, the lower-case hex SHA-256 of
 * {@link #encode}. Changing any field of a record, or removing one, breaks the chain at that record
 * ({@link AuditChainVerifier}).
 *
 * <p>The encoding is the one place that says what a record's hash covers; a field added to the trail is added
 * here (and {@link #VERSION} raised only if old records must keep their old encoding).
 */
public final class AuditChain {

    /** The previous hash of the first record: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    /** The encoding's name, its first field. */
    static final String VERSION = "intake-audit-chain/1";

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    /** The time as the trail keeps it: truncated to microseconds, which both PostgreSQL and H2 store exactly. */
    public static Instant storable(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The record's hash: lower-case hex SHA-256 of {@link #encode}.
     *
     * @throws IllegalArgumentException when {@code seq} is below 1, {@code previousHash} is not 64 lower-case hex
     *                                  digits, or the time has a part below a microsecond
     */
    public static String hash(long seq, AuditRecord record, String previousHash) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encode(seq, record,
                    previousHash)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * The bytes a record's hash is made of. Each field in this order, as UTF-8: its length in bytes in decimal, a
     * colon and its bytes; an absent field is a single {@code -} (a present one always starts with a digit). The
     * fields: {@value #VERSION}; {@code seq} in decimal; the record's id; {@code at} in UTC as
     * {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (always six fraction digits); the actor; the action's name (e.g.
     * {@code REVIEWED}); the submission id or absent; the patient id or absent; the detail; the previous hash; then,
     * only when the record has one, the actor's name (records made before names were kept beside the actor's id have
     * none, and their encoding ends at the previous hash, as it did when they were chained). The length prefixes make
     * it unambiguous: no two different records encode the same.
     */
    public static byte[] encode(long seq, AuditRecord record, String previousHash) {
        if (seq < 1) {
            throw new IllegalArgumentException("a sequence number is 1 or more, not " + seq);
        }
        Objects.requireNonNull(record, "record");
        if (previousHash == null || !HASH.matcher(previousHash).matches()) {
            throw new IllegalArgumentException("a previous hash is 64 lower-case hex digits");
        }
        if (!storable(record.at()).equals(record.at())) {
            throw new IllegalArgumentException("a chained record's time is whole microseconds: use storable(at)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + record.detail().length() * 3);
        field(out, VERSION);
        field(out, Long.toString(seq));
        field(out, record.id());
        field(out, MICROS.format(record.at()));
        field(out, record.actor());
        field(out, record.action().name());
        field(out, record.submissionId());
        field(out, record.patientId());
        field(out, record.detail());
        field(out, previousHash);
        record.actorName().ifPresent(name -> field(out, name));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, Optional<String> value) {
        if (value.isPresent()) {
            field(out, value.get());
        } else {
            out.write('-');
        }
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }

    /**
     * One record with its place in the chain, as appended or as read back.
     *
     * @param seq          its sequence number, from 1
     * @param record       the record
     * @param previousHash the hash of the record before it, or {@link #GENESIS}
     * @param hash         its own hash
     */
    public record Link(long seq, AuditRecord record, String previousHash, String hash) {

        public Link {
            Objects.requireNonNull(record, "record");
        }

        /** The link that follows {@code previous} (null for the first) for this record. */
        public static Link after(Link previous, AuditRecord record) {
            return after(previous == null ? 0 : previous.seq(), previous == null ? GENESIS : previous.hash(), record);
        }

        /** The link with sequence number {@code lastSeq + 1} after a record whose hash is {@code lastHash}. */
        public static Link after(long lastSeq, String lastHash, AuditRecord record) {
            return new Link(lastSeq + 1, record, lastHash, AuditChain.hash(lastSeq + 1, record, lastHash));
        }
    }
}
