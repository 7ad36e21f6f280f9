package org.example.intake.core.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The fixture the rule tests start from is what it claims to be. */
class BenignAnswersTests {

    @Test
    void benignAnswersAnswerEveryEnabledQuestionButTheNotes() {
        IntakeAnswers answers = BenignAnswers.answers();

        List<Question> unansweredButEnabled = Arrays.stream(Question.values())
                .filter(answers::wasAsked)
                .filter(answers::isEnabled)
                .filter(question -> !answers.isAnswered(question))
                .toList();

        assertThat(unansweredButEnabled).containsExactly(Question.NOTES);
    }

    @Test
    void benignAnswersLeaveTheDependentQuestionsDisabled() {
        IntakeAnswers answers = BenignAnswers.answers();

        List<Question> disabled = Arrays.stream(Question.values())
                .filter(answers::wasAsked)
                .filter(q -> !answers.isEnabled(q))
                .toList();

        assertThat(disabled).containsExactly(Question.RADIATES_BELOW_KNEE, Question.PAIN_BOTH_LEGS,
                Question.NUMBNESS_BOTH_LEGS, Question.NUMBNESS_WORSENING, Question.WEAKNESS_PROGRESSING,
                Question.WEAKNESS_BOTH_LEGS);
    }
}
