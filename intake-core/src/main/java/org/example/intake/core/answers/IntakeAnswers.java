package org.example.intake.core.answers;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One patient's answers to the intake, typed and immutable. A question may be unanswered;
 * an answer given to a question that is not enabled (its enableWhen is not met) is dropped
 * when the answers are built, so it can never influence triage.
 *
 * <p>Instances are thread-safe. Build them with {@link #builder()}.
 */
public final class IntakeAnswers {

    private static final Question[] QUESTIONS = Question.values();

    /** Indexed by {@link Question#ordinal()}: Boolean, Integer, CodedAnswer, String or null. */
    private final Object[] values;
    private final QuestionnaireVersion version;

    private IntakeAnswers(Object[] values, QuestionnaireVersion version) {
        this.values = values;
        this.version = version;
    }

    /** A builder with no answers. */
    public static Builder builder() {
        return new Builder();
    }

    /** The questionnaire version the answers were given to; never null. */
    public QuestionnaireVersion version() {
        return version;
    }

    /**
     * Whether the questionnaire version the answers were given to asked this question at all: a
     * question it did not ask is unanswered, and advice names the warning signs it would have found.
     */
    public boolean wasAsked(Question question) {
        return question.isAskedIn(version);
    }

    /** Whether the question is asked, given the answers it depends on. */
    public boolean isEnabled(Question question) {
        return isEnabled(question, values);
    }

    /** Whether the question has an answer (it is then also enabled). */
    public boolean isAnswered(Question question) {
        return values[question.ordinal()] != null;
    }

    /** True only when the boolean question was answered yes; unanswered and disabled give false. */
    public boolean isTrue(Question question) {
        return Boolean.TRUE.equals(values[question.ordinal()]);
    }

    /** True only when the boolean question was answered no; unanswered and disabled give false. */
    public boolean isFalse(Question question) {
        return Boolean.FALSE.equals(values[question.ordinal()]);
    }

    /** The boolean answer, or empty when unanswered. */
    public Optional<Boolean> bool(Question question) {
        return Optional.ofNullable((Boolean) typed(question, AnswerType.BOOLEAN));
    }

    /** The integer answer, or empty when unanswered. */
    public OptionalInt integer(Question question) {
        Integer value = (Integer) typed(question, AnswerType.INTEGER);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** The text answer, or empty when unanswered. */
    public Optional<String> text(Question question) {
        return Optional.ofNullable((String) typed(question, AnswerType.TEXT));
    }

    /** The chosen option, or empty when unanswered. */
    public Optional<CodedAnswer> choice(Question question) {
        return Optional.ofNullable((CodedAnswer) typed(question, AnswerType.CHOICE));
    }

    /** The onset answer, or empty when unanswered. */
    public Optional<Onset> onset() {
        return Optional.ofNullable((Onset) values[Question.ONSET.ordinal()]);
    }

    /** The side answer, or empty when unanswered. */
    public Optional<Side> side() {
        return Optional.ofNullable((Side) values[Question.SIDE.ordinal()]);
    }

    /** The pattern answer, or empty when unanswered. */
    public Optional<Pattern> pattern() {
        return Optional.ofNullable((Pattern) values[Question.PATTERN.ordinal()]);
    }

    /** The standing answer (questionnaire 1.2.0), or empty when unanswered. */
    public Optional<Standing> standing() {
        return Optional.ofNullable((Standing) values[Question.STANDING.ordinal()]);
    }

    /**
     * These answers in the current questionnaire's terms, as triage reads them: for an older
     * version, the answers its questions give to the questions that replaced them (see
     * {@link OlderVersions}); the same instance for the current version. {@link #version()} stays
     * the version the patient answered.
     */
    public IntakeAnswers inCurrentTerms() {
        return version == QuestionnaireVersion.CURRENT ? this : OlderVersions.readIntoCurrent(this);
    }

    /** The answer's raw value (Boolean, Integer, CodedAnswer or String), or null: for {@link OlderVersions}. */
    Object value(Question question) {
        return values[question.ordinal()];
    }

    /**
     * Answers read into the current terms: these values, the version the patient answered, and
     * none of the checks of {@link Builder#build()} (a retired question's answer stays beside the
     * answers it gives to the questions that replaced it).
     */
    static IntakeAnswers readAs(Object[] values, QuestionnaireVersion version) {
        return new IntakeAnswers(values.clone(), version);
    }

    /** The frequency answer, or empty when unanswered. */
    public Optional<Frequency> frequency() {
        return Optional.ofNullable((Frequency) values[Question.FREQUENCY.ordinal()]);
    }

    /** Every answer given, in form order, as Boolean, Integer, CodedAnswer or String. */
    public Map<Question, Object> asMap() {
        Map<Question, Object> map = new EnumMap<>(Question.class);
        for (Question question : QUESTIONS) {
            Object value = values[question.ordinal()];
            if (value != null) {
                map.put(question, value);
            }
        }
        return map;
    }

    private Object typed(Question question, AnswerType type) {
        if (question.type() != type) {
            throw new IllegalArgumentException(
                    question.linkId() + " is a " + question.type().fhirType() + " question, not " + type.fhirType());
        }
        return values[question.ordinal()];
    }

    private static boolean isEnabled(Question question, Object[] values) {
        return question.isEnabled(condition -> Boolean.TRUE.equals(values[condition.ordinal()]));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IntakeAnswers answers && version == answers.version
                && Arrays.equals(values, answers.values);
    }

    @Override
    public int hashCode() {
        return 31 * version.hashCode() + Arrays.hashCode(values);
    }

    /** Lists linkIds only: answers are patient data and never belong in a log line. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("IntakeAnswers[version=").append(version.code()).append(", answered=");
        for (Question question : QUESTIONS) {
            if (values[question.ordinal()] != null) {
                text.append(question.linkId()).append(' ');
            }
        }
        return text.append(']').toString();
    }

    /** Collects answers; each setter checks the value fits the question and fails fast if not. */
    public static final class Builder {

        private final Object[] values = new Object[QUESTIONS.length];
        private QuestionnaireVersion version = QuestionnaireVersion.CURRENT;

        private Builder() {
        }

        /** The questionnaire version the answers were given to; {@link QuestionnaireVersion#CURRENT} unless set. */
        public Builder version(QuestionnaireVersion version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Answers a boolean question. */
        public Builder answer(Question question, boolean value) {
            return put(question, AnswerType.BOOLEAN, value);
        }

        /**
         * Answers an integer question.
         *
         * @throws IllegalArgumentException if the value lies outside the question's range
         */
        public Builder answer(Question question, int value) {
            if (question.type() == AnswerType.INTEGER && (value < question.min() || value > question.max())) {
                throw new IllegalArgumentException(question.linkId() + " must be from " + question.min() + " to "
                        + question.max() + ", not " + value);
            }
            return put(question, AnswerType.INTEGER, value);
        }

        /**
         * Answers a choice question with one of its options.
         *
         * @throws IllegalArgumentException if the option belongs to another question
         */
        public Builder answer(Question question, CodedAnswer option) {
            Objects.requireNonNull(option, "option");
            if (question.type() == AnswerType.CHOICE && !question.options().contains(option)) {
                throw new IllegalArgumentException(option.code() + " is not an answer option of " + question.linkId());
            }
            return put(question, AnswerType.CHOICE, option);
        }

        /**
         * Answers a text question.
         *
         * @throws IllegalArgumentException if the text is longer than the question allows
         */
        public Builder answer(Question question, String text) {
            Objects.requireNonNull(text, "text");
            if (question.type() == AnswerType.TEXT && text.length() > question.max()) {
                throw new IllegalArgumentException(question.linkId() + " takes at most " + question.max()
                        + " characters, not " + text.length());
            }
            return put(question, AnswerType.TEXT, text);
        }

        /** Removes any answer to the question. */
        public Builder clear(Question question) {
            values[question.ordinal()] = null;
            return this;
        }

        /**
         * The answers, without those to questions that their enableWhen leaves disabled.
         *
         * @throws IllegalStateException if a question the version does not ask has an answer
         */
        public IntakeAnswers build() {
            Object[] copy = values.clone();
            for (Question question : QUESTIONS) {
                if (copy[question.ordinal()] == null) {
                    continue;
                }
                if (!question.isAskedIn(version)) {
                    throw new IllegalStateException("questionnaire " + version.code() + " does not ask "
                            + question.linkId());
                }
                if (!isEnabled(question, copy)) {
                    copy[question.ordinal()] = null;
                }
            }
            return new IntakeAnswers(copy, version);
        }

        private Builder put(Question question, AnswerType type, Object value) {
            if (question.type() != type) {
                throw new IllegalArgumentException(question.linkId() + " takes a " + question.type().fhirType()
                        + " answer, not a " + type.fhirType());
            }
            values[question.ordinal()] = value;
            return this;
        }
    }
}
