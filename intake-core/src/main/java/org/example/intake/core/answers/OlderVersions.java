package org.example.intake.core.answers;

import static org.example.intake.core.answers.Question.BOTH_LEGS;
import static org.example.intake.core.answers.Question.CAN_BEAR_WEIGHT;
import static org.example.intake.core.answers.Question.NUMBNESS_BOTH_LEGS;
import static org.example.intake.core.answers.Question.PAIN_BOTH_LEGS;
import static org.example.intake.core.answers.Question.STANDING;
import static org.example.intake.core.answers.Question.WEAKNESS_BOTH_LEGS;

import java.util.Optional;

/**
 * How answers to a retired questionnaire version (1.0.0, 1.1.0) are read into the current
 * version's terms (1.2.0) before triage. This is the one place that knows it, and it infers
 * nothing else:
 * <ul>
 * <li>{@code both-legs} (asked when the pain spreads down a leg, or there is numbness or
 * weakness) gives its answer to each of {@code pain-both-legs}, {@code numbness-both-legs} and
 * {@code weakness-both-legs} whose own enableWhen holds ({@code radiates},
 * {@code numbness-tingling}, {@code leg-weakness} answered yes): a yes becomes yes, a no becomes
 * no for each of those;</li>
 * <li>{@code can-bear-weight} yes gives {@code standing} = {@code can-stand}, no gives
 * {@code cannot-stand};</li>
 * <li>{@code numbness-worsening} and {@code pregnant} stay unanswered: nothing in the older
 * versions says what they would be, so they fire nothing, and the advice names them as warning
 * signs the form did not ask about.</li>
 * </ul>
 * Stateless.
 */
public final class OlderVersions {

    private OlderVersions() {
    }

    /**
     * The answers in the current terms; a current-version answer set is returned as it is.
     * The retired questions' own answers are kept, so what the patient said is never lost.
     */
    static IntakeAnswers readIntoCurrent(IntakeAnswers answers) {
        if (answers.version() == QuestionnaireVersion.CURRENT) {
            return answers;
        }
        Object[] values = new Object[Question.values().length];
        for (Question question : Question.values()) {
            values[question.ordinal()] = answers.value(question);
        }
        Object bothLegs = answers.value(BOTH_LEGS);
        if (bothLegs != null) {
            giveIfEnabled(values, PAIN_BOTH_LEGS, bothLegs);
            giveIfEnabled(values, NUMBNESS_BOTH_LEGS, bothLegs);
            giveIfEnabled(values, WEAKNESS_BOTH_LEGS, bothLegs);
        }
        Object canBearWeight = answers.value(CAN_BEAR_WEIGHT);
        if (canBearWeight != null) {
            values[STANDING.ordinal()] = Boolean.TRUE.equals(canBearWeight) ? Standing.CAN_STAND : Standing.CANNOT_STAND;
        }
        return IntakeAnswers.readAs(values, answers.version());
    }

    /**
     * The question of an older version whose answer a current question's answer was read from
     * ({@code both-legs} for the three "both legs" questions, {@code can-bear-weight} for
     * {@code standing}), when the answers' version did not ask the current question itself; empty
     * when the version asked it, or when no older question stands for it.
     */
    public static Optional<Question> readFrom(Question question, QuestionnaireVersion version) {
        if (question.isAskedIn(version)) {
            return Optional.empty();
        }
        return switch (question) {
            case PAIN_BOTH_LEGS, NUMBNESS_BOTH_LEGS, WEAKNESS_BOTH_LEGS ->
                    BOTH_LEGS.isAskedIn(version) ? Optional.of(BOTH_LEGS) : Optional.empty();
            case STANDING -> CAN_BEAR_WEIGHT.isAskedIn(version) ? Optional.of(CAN_BEAR_WEIGHT) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Gives the answer to the target when the answers so far enable it ({@link Question#isEnabled}). */
    private static void giveIfEnabled(Object[] values, Question target, Object answer) {
        if (target.isEnabled(condition -> Boolean.TRUE.equals(values[condition.ordinal()]))) {
            values[target.ordinal()] = answer;
        }
    }
}
