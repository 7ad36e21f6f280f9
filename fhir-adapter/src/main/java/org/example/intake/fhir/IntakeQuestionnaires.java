package org.example.intake.fhir;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.example.intake.core.answers.QuestionnaireVersion;

/**
 * Every version of the intake Questionnaire, compiled once, and the rule that picks the one a
 * QuestionnaireResponse is checked against (the README's "Questionnaire versions"): {@code <url>|1.0.0}
 * names 1.0.0, {@code <url>|1.1.0} names 1.1.0, {@code <url>|1.2.0} or the bare {@code <url>} the
 * current version (1.2.0), anything else none.
 *
 * <p>Immutable and thread-safe.
 */
public final class IntakeQuestionnaires {

    private static volatile IntakeQuestionnaires standard;

    private final Map<QuestionnaireVersion, IntakeQuestionnaire> byVersion;
    private final IntakeQuestionnaire current;

    private IntakeQuestionnaires(Map<QuestionnaireVersion, IntakeQuestionnaire> byVersion) {
        this.byVersion = byVersion;
        this.current = byVersion.get(QuestionnaireVersion.CURRENT);
        String url = current.url();
        for (IntakeQuestionnaire questionnaire : byVersion.values()) {
            if (!url.equals(questionnaire.url())) {
                throw new IllegalStateException("Questionnaire " + questionnaire.version() + " has url "
                        + questionnaire.url() + ", not " + url);
            }
        }
    }

    /** Every version shipped in this module, loaded and compiled once; never null. */
    public static IntakeQuestionnaires standard() {
        IntakeQuestionnaires result = standard;
        if (result == null) {
            synchronized (IntakeQuestionnaires.class) {
                result = standard;
                if (result == null) {
                    Map<QuestionnaireVersion, IntakeQuestionnaire> all = new EnumMap<>(QuestionnaireVersion.class);
                    for (QuestionnaireVersion version : QuestionnaireVersion.values()) {
                        all.put(version, IntakeQuestionnaire.load(version));
                    }
                    result = new IntakeQuestionnaires(all);
                    standard = result;
                }
            }
        }
        return result;
    }

    /**
     * A set holding just this Questionnaire, as the current version (for tests and for a host
     * that serves one tailored Questionnaire).
     *
     * @throws IllegalArgumentException if it is not of the current version
     */
    public static IntakeQuestionnaires of(IntakeQuestionnaire questionnaire) {
        Objects.requireNonNull(questionnaire, "questionnaire");
        if (questionnaire.questionnaireVersion() != QuestionnaireVersion.CURRENT) {
            throw new IllegalArgumentException("a single Questionnaire must be of the current version "
                    + QuestionnaireVersion.CURRENT.code() + ", not " + questionnaire.version());
        }
        Map<QuestionnaireVersion, IntakeQuestionnaire> one = new EnumMap<>(QuestionnaireVersion.class);
        one.put(QuestionnaireVersion.CURRENT, questionnaire);
        return new IntakeQuestionnaires(one);
    }

    /** The current version, the one forms render; never null. */
    public IntakeQuestionnaire current() {
        return current;
    }

    /** The Questionnaire of this version, or empty when this set does not hold it. */
    public Optional<IntakeQuestionnaire> get(QuestionnaireVersion version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    /** Every version held, oldest first; never empty. */
    public List<IntakeQuestionnaire> all() {
        return List.copyOf(byVersion.values());
    }

    /** The canonical URL shared by every version, without version. */
    public String url() {
        return current.url();
    }

    /**
     * The Questionnaire a response's {@code questionnaire} element names: the version after
     * {@code |}, or the current one when there is none; empty for another URL, an unknown
     * version, or null.
     */
    public Optional<IntakeQuestionnaire> resolve(String canonical) {
        if (canonical == null) {
            return Optional.empty();
        }
        String url = current.url();
        if (canonical.equals(url)) {
            return Optional.of(current);
        }
        if (canonical.length() > url.length() + 1 && canonical.startsWith(url) && canonical.charAt(url.length()) == '|') {
            return QuestionnaireVersion.fromCode(canonical.substring(url.length() + 1)).flatMap(this::get);
        }
        return Optional.empty();
    }

    /** The versions held, as {@code url|version}, for messages; never empty. */
    String canonicals() {
        return String.join(", ", byVersion.values().stream().map(IntakeQuestionnaire::canonical).toList());
    }
}
