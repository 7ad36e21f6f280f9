package org.example.intake.core.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.example.intake.core.answers.Question.AGE;
import static org.example.intake.core.answers.Question.BOTH_LEGS;
import static org.example.intake.core.answers.Question.FEVER;
import static org.example.intake.core.answers.Question.LEG_WEAKNESS;
import static org.example.intake.core.answers.Question.NOTES;
import static org.example.intake.core.answers.Question.NUMBNESS_TINGLING;
import static org.example.intake.core.answers.Question.ONSET;
import static org.example.intake.core.answers.Question.PAIN_SEVERITY;
import static org.example.intake.core.answers.Question.PATTERN;
import static org.example.intake.core.answers.Question.RADIATES;
import static org.example.intake.core.answers.Question.RADIATES_BELOW_KNEE;
import static org.example.intake.core.answers.Question.SIDE;
import static org.example.intake.core.answers.Question.WEAKNESS_PROGRESSING;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class IntakeAnswersUnitTests {

    @Nested
    class Versions {

        @Test
        void answersAreToTheCurrentQuestionnaireUnlessTheBuilderSaysOtherwise() {
            IntakeAnswers answers = IntakeAnswers.builder().answer(FEVER, true).build();

            assertThat(answers.version()).isEqualTo(QuestionnaireVersion.CURRENT).isEqualTo(QuestionnaireVersion.V1_2_0);
        }

        @Test
        void answersTo1_0_0WereNeverAskedTheQuestionsAddedIn1_1_0() {
            IntakeAnswers answers = IntakeAnswers.builder().version(QuestionnaireVersion.V1_0_0).build();

            assertThat(answers.wasAsked(Question.CAN_BEAR_WEIGHT)).isFalse();
            assertThat(answers.wasAsked(Question.BLOOD_THINNERS)).isFalse();
            assertThat(answers.wasAsked(FEVER)).isTrue();
        }

        @Test
        void answersTo1_2_0WereNeverAskedTheRetiredQuestions() {
            IntakeAnswers answers = IntakeAnswers.builder().build();

            assertThat(answers.wasAsked(Question.BOTH_LEGS)).isFalse();
            assertThat(answers.wasAsked(Question.CAN_BEAR_WEIGHT)).isFalse();
            assertThat(answers.wasAsked(Question.STANDING)).isTrue();
        }

        @Test
        void anAnswerToARetiredQuestionFailsFastIn1_2_0() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder()
                    .answer(RADIATES, true)
                    .answer(BOTH_LEGS, true);

            assertThatIllegalStateException().isThrownBy(builder::build).withMessageContaining("both-legs");
        }

        @Test
        void anAnswerToAQuestionTheVersionDidNotAskFailsFast() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder()
                    .version(QuestionnaireVersion.V1_0_0)
                    .answer(Question.CALF_SWELLING, false);

            assertThatIllegalStateException().isThrownBy(builder::build).withMessageContaining("calf-swelling");
        }

        @Test
        void theSameAnswersToTwoVersionsAreNotEqual() {
            IntakeAnswers current = IntakeAnswers.builder().answer(FEVER, true).build();
            IntakeAnswers old = IntakeAnswers.builder().answer(FEVER, true).version(QuestionnaireVersion.V1_0_0).build();

            assertThat(current).isNotEqualTo(old);
        }

        @Test
        void iv_drug_useIsOptionalIn1_0_0AndRequiredIn1_1_0() {
            Question question = Question.IV_DRUG_USE;

            assertThat(question.isRequiredIn(QuestionnaireVersion.V1_0_0)).isFalse();
            assertThat(question.isRequiredIn(QuestionnaireVersion.V1_1_0)).isTrue();
        }
    }

    @Nested
    class TypeChecks {

        @Test
        void builderRefusesABooleanForAnIntegerQuestion() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.answer(AGE, true))
                    .withMessageContaining("age");
        }

        @Test
        void builderRefusesAnIntegerForABooleanQuestion() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.answer(FEVER, 1))
                    .withMessageContaining("fever");
        }

        @Test
        void builderRefusesTextForAChoiceQuestion() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.answer(ONSET, "days"))
                    .withMessageContaining("onset");
        }

        @Test
        void builderRefusesAnOptionForATextQuestion() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.answer(NOTES, Onset.DAYS))
                    .withMessageContaining("notes");
        }

        @Test
        void readingAnAnswerAsTheWrongTypeIsRefused() {
            IntakeAnswers answers = BenignAnswers.answers();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> answers.integer(FEVER))
                    .withMessageContaining("fever");
        }

        @Test
        void readingAnAnswerAsItsOwnTypeGivesTheValue() {
            IntakeAnswers answers = BenignAnswers.answers();

            assertThat(answers.bool(FEVER)).contains(false);
            assertThat(answers.integer(AGE)).hasValue(BenignAnswers.AGE_YEARS);
            assertThat(answers.choice(ONSET)).contains(Onset.DAYS);
        }
    }

    @Nested
    class IntegerRanges {

        @ParameterizedTest(name = "{0} = {1} is refused")
        @CsvSource({ "PAIN_SEVERITY, 11", "PAIN_SEVERITY, -1", "AGE, -1", "AGE, 121" })
        void valueJustOutsideTheRangeIsRefused(Question question, int value) {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.answer(question, value))
                    .withMessageContaining(question.linkId())
                    .withMessageContaining(Integer.toString(value));
        }

        @ParameterizedTest(name = "{0} = {1} is accepted")
        @CsvSource({ "PAIN_SEVERITY, 10", "PAIN_SEVERITY, 0", "AGE, 0", "AGE, 120" })
        void valueJustInsideTheRangeIsAccepted(Question question, int value) {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            IntakeAnswers answers = builder.answer(question, value).build();

            assertThat(answers.integer(question)).hasValue(value);
        }
    }

    @Nested
    class ChoiceOptions {

        @Test
        void optionOfAnotherQuestionIsRefused() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.answer(ONSET, Pattern.WORSENING))
                    .withMessageContaining("worsening")
                    .withMessageContaining("onset");
        }

        @Test
        void optionOfTheQuestionItselfIsAccepted() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            IntakeAnswers answers = builder.answer(PATTERN, Pattern.WORSENING).build();

            assertThat(answers.pattern()).contains(Pattern.WORSENING);
        }

        @Test
        void sideOptionForTheOnsetQuestionIsRefused() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            assertThatIllegalArgumentException().isThrownBy(() -> builder.answer(ONSET, Side.BOTH));
        }

        @Test
        void sideOptionForTheSideQuestionIsAccepted() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            IntakeAnswers answers = builder.answer(SIDE, Side.BOTH).build();

            assertThat(answers.side()).contains(Side.BOTH);
        }

        @Test
        void missingOptionIsRefused() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            assertThatNullPointerException().isThrownBy(() -> builder.answer(ONSET, (CodedAnswer) null));
        }
    }

    @Nested
    class TextLength {

        @Test
        void notesOf2001CharactersAreRefused() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();
            String notes = "x".repeat(2001);

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.answer(NOTES, notes))
                    .withMessageContaining("2000");
        }

        @Test
        void notesOf2000CharactersAreAccepted() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();
            String notes = "x".repeat(2000);

            IntakeAnswers answers = builder.answer(NOTES, notes).build();

            assertThat(answers.text(NOTES)).contains(notes);
        }

        @Test
        void missingTextIsRefused() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder();

            assertThatNullPointerException().isThrownBy(() -> builder.answer(NOTES, (String) null));
        }
    }

    @Nested
    class DisabledAnswers {

        @Test
        void belowTheKneeIsDroppedWhenThePainDoesNotSpread() {
            IntakeAnswers.Builder builder = BenignAnswers.builder()
                    .answer(RADIATES, false)
                    .answer(RADIATES_BELOW_KNEE, true);

            IntakeAnswers answers = builder.build();

            assertThat(answers.isEnabled(RADIATES_BELOW_KNEE)).isFalse();
            assertThat(answers.isAnswered(RADIATES_BELOW_KNEE)).isFalse();
            assertThat(answers.isTrue(RADIATES_BELOW_KNEE)).isFalse();
        }

        @Test
        void belowTheKneeIsKeptWhenThePainSpreads() {
            IntakeAnswers.Builder builder = BenignAnswers.builder()
                    .answer(RADIATES, true)
                    .answer(RADIATES_BELOW_KNEE, true);

            IntakeAnswers answers = builder.build();

            assertThat(answers.isEnabled(RADIATES_BELOW_KNEE)).isTrue();
            assertThat(answers.isTrue(RADIATES_BELOW_KNEE)).isTrue();
        }

        @Test
        void belowTheKneeIsDroppedWhenSpreadingIsUnanswered() {
            IntakeAnswers.Builder builder = BenignAnswers.builder()
                    .clear(RADIATES)
                    .answer(RADIATES_BELOW_KNEE, true);

            IntakeAnswers answers = builder.build();

            assertThat(answers.isAnswered(RADIATES_BELOW_KNEE)).isFalse();
        }

        @Test
        void belowTheKneeIsKeptWhenItIsAnsweredBeforeThePainIsSaidToSpread() {
            IntakeAnswers.Builder builder = BenignAnswers.builder()
                    .answer(RADIATES_BELOW_KNEE, true)
                    .answer(RADIATES, true);

            IntakeAnswers answers = builder.build();

            assertThat(answers.isTrue(RADIATES_BELOW_KNEE)).isTrue();
        }

        @Test
        void weaknessProgressingIsDroppedWithoutLegWeakness() {
            IntakeAnswers.Builder builder = BenignAnswers.builder()
                    .answer(LEG_WEAKNESS, false)
                    .answer(WEAKNESS_PROGRESSING, true);

            IntakeAnswers answers = builder.build();

            assertThat(answers.isAnswered(WEAKNESS_PROGRESSING)).isFalse();
        }

        @Test
        void weaknessProgressingIsKeptWithLegWeakness() {
            IntakeAnswers.Builder builder = BenignAnswers.builder()
                    .answer(LEG_WEAKNESS, true)
                    .answer(WEAKNESS_PROGRESSING, true);

            IntakeAnswers answers = builder.build();

            assertThat(answers.isTrue(WEAKNESS_PROGRESSING)).isTrue();
        }

        @Test
        void bothLegsIsDroppedWhenNoLegSymptomIsPresent() {
            IntakeAnswers.Builder builder = BenignAnswers.builderFor1_1_0()
                    .answer(RADIATES, false)
                    .answer(NUMBNESS_TINGLING, false)
                    .answer(LEG_WEAKNESS, false)
                    .answer(BOTH_LEGS, true);

            IntakeAnswers answers = builder.build();

            assertThat(answers.isAnswered(BOTH_LEGS)).isFalse();
        }

        @ParameterizedTest(name = "both-legs is kept when {0} = yes")
        @EnumSource(names = { "RADIATES", "NUMBNESS_TINGLING", "LEG_WEAKNESS" })
        void bothLegsIsKeptWhenAnyLegSymptomIsPresent(Question legSymptom) {
            IntakeAnswers.Builder builder = BenignAnswers.builderFor1_1_0()
                    .answer(legSymptom, true)
                    .answer(BOTH_LEGS, true);

            IntakeAnswers answers = builder.build();

            assertThat(answers.isTrue(BOTH_LEGS)).isTrue();
        }

        @Test
        void droppedAnswerIsLeftOutOfTheMap() {
            IntakeAnswers.Builder builder = IntakeAnswers.builder()
                    .answer(RADIATES, false)
                    .answer(RADIATES_BELOW_KNEE, true);

            IntakeAnswers answers = builder.build();

            assertThat(answers.asMap()).containsOnlyKeys(RADIATES);
        }
    }

    @Nested
    class Values {

        @Test
        void unansweredBooleanIsNeitherTrueNorFalse() {
            IntakeAnswers answers = IntakeAnswers.builder().build();

            assertThat(answers.isTrue(FEVER)).isFalse();
            assertThat(answers.isFalse(FEVER)).isFalse();
            assertThat(answers.bool(FEVER)).isEmpty();
        }

        @Test
        void clearedAnswerIsUnanswered() {
            IntakeAnswers.Builder builder = BenignAnswers.builder().clear(AGE);

            IntakeAnswers answers = builder.build();

            assertThat(answers.isAnswered(AGE)).isFalse();
            assertThat(answers.integer(AGE)).isEmpty();
        }

        @Test
        void builtAnswersDoNotChangeWhenTheBuilderIsReused() {
            IntakeAnswers.Builder builder = BenignAnswers.builder();
            IntakeAnswers answers = builder.build();

            builder.answer(FEVER, true).answer(AGE, 90);

            assertThat(answers.isFalse(FEVER)).isTrue();
            assertThat(answers.integer(AGE)).hasValue(BenignAnswers.AGE_YEARS);
        }

        @Test
        void answersWithTheSameValuesAreEqual() {
            IntakeAnswers first = BenignAnswers.builder().answer(NOTES, "same").build();

            IntakeAnswers second = BenignAnswers.builder().answer(NOTES, "same").build();

            assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        }

        @Test
        void answersWithDifferentValuesAreNotEqual() {
            IntakeAnswers first = BenignAnswers.builder().answer(PAIN_SEVERITY, 4).build();

            IntakeAnswers second = BenignAnswers.builder().answer(PAIN_SEVERITY, 5).build();

            assertThat(first).isNotEqualTo(second);
        }

        @Test
        void toStringNamesAnsweredQuestionsButCarriesNoAnswerValues() {
            IntakeAnswers answers = IntakeAnswers.builder()
                    .answer(AGE, 87)
                    .answer(ONSET, Onset.OVER_6_WEEKS)
                    .answer(FEVER, true)
                    .answer(PAIN_SEVERITY, 9)
                    .answer(NOTES, "my neighbour Mrs Finch")
                    .build();

            String text = answers.toString();

            assertThat(text).contains("age", "onset", "fever", "pain-severity", "notes");
            assertThat(text).doesNotContain("87", "over-6-weeks", "OVER_6_WEEKS", "true", "9", "Finch", "neighbour");
        }
    }
}
