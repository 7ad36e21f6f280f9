package org.example.intake.fhir.audit;

import java.util.Objects;

/** What {@link AuditChainVerifier} found: the whole chain intact, or its first broken link. */
public sealed interface ChainVerification {

    /** One line for a person: {@code OK: ...} or {@code BROKEN at sequence ...}. */
    String summary();

    /**
     * Every record in order, each one's hash matching its content and the one before, the head matching the last.
     *
     * @param count    how many records the chain holds
     * @param lastHash the last record's hash ({@link AuditChain#GENESIS} when there is none): worth keeping
     *                 somewhere else, since a chain rewritten whole from the start would end in another one
     */
    record Intact(long count, String lastHash) implements ChainVerification {

        public Intact {
            Objects.requireNonNull(lastHash, "lastHash");
        }

        @Override
        public String summary() {
            return "OK: " + count + " audit record(s) chained, last hash " + lastHash;
        }
    }

    /**
     * The first link that does not hold.
     *
     * @param seq      the sequence number where the chain breaks
     * @param recordId the id of the record found there, or null when none is (a record missing)
     * @param problem  what is wrong
     * @param detail   what exactly, in words (ids, sequence numbers and hashes; never a record's content)
     */
    record Broken(long seq, String recordId, Problem problem, String detail) implements ChainVerification {

        public Broken {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String summary() {
            return "BROKEN at sequence " + seq + (recordId == null ? "" : " (record " + recordId + ")") + ": "
                    + problem.words() + ": " + detail;
        }
    }

    /** What is wrong with a broken link. */
    enum Problem {
        /** The record's fields no longer give its hash: it was changed after it was written. */
        CONTENT_CHANGED("content changed"),
        /** A sequence number has no record (deleted), or the last records are gone (the head counts more). */
        RECORD_MISSING("record missing"),
        /** The record's previous hash is not the hash of the record before it (one removed, inserted or rewritten). */
        PREVIOUS_HASH_MISMATCH("previous hash mismatch"),
        /** The head (last sequence number and hash kept apart) does not match the chain's last record. */
        HEAD_MISMATCH("head mismatch");

        private final String words;

        Problem(String words) {
            this.words = words;
        }

        /** The problem in a few words, e.g. {@code content changed}. */
        public String words() {
            return words;
        }
    }
}
