package org.example.intake.core.answers;

import java.util.Optional;

/**
 * The versions of the intake questionnaire, oldest first. A response is
 * checked against the version it names; every accepted response is triaged by the current rule
 * set, whatever its version. The declaration order is the order of release:
 * {@link #isAtLeast(QuestionnaireVersion)} relies on it.
 */
public enum QuestionnaireVersion {
    /** The first version, still accepted: it lacks the questions added after the first clinical review. */
    V1_0_0("1.0.0"),
    /** Retired, still accepted: after the first two clinical reviews against NHS and NICE guidance. */
    V1_1_0("1.1.0"),
    /**
     * The current version, after a third clinical review: questions patients misread say "since this
     * pain started" or "suddenly", "both legs" is asked of each symptom, standing has a third answer,
     * pregnancy is asked.
     */
    V1_2_0("1.2.0");

    /** The version forms render and a response that names no version is checked against. */
    public static final QuestionnaireVersion CURRENT = V1_2_0;

    private final String code;

    QuestionnaireVersion(String code) {
        this.code = code;
    }

    /** The Questionnaire's business version, e.g. {@code 1.1.0}; never null. */
    public String code() {
        return code;
    }

    /** Whether this version is the other one or came after it. */
    public boolean isAtLeast(QuestionnaireVersion other) {
        return ordinal() >= other.ordinal();
    }

    /** The version with this business version string, or empty when there is none (or it is null). */
    public static Optional<QuestionnaireVersion> fromCode(String code) {
        for (QuestionnaireVersion version : values()) {
            if (version.code.equals(code)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
