package org.example.intake.core.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.intake.core.advice.Advice.ACT_EMERGENCY;
import static org.example.intake.core.advice.Advice.ACT_SELF_CARE;
import static org.example.intake.core.advice.Advice.ACT_SOON;
import static org.example.intake.core.advice.Advice.ACT_URGENT;
import static org.example.intake.core.advice.Advice.COLD_FIRST;
import static org.example.intake.core.advice.Advice.FLUIDS;
import static org.example.intake.core.advice.Advice.FOOD;
import static org.example.intake.core.advice.Advice.NOT_ASKED_BEFORE_1_1_0;
import static org.example.intake.core.advice.Advice.NET_EMERGENCY;
import static org.example.intake.core.advice.Advice.NET_SOON;
import static org.example.intake.core.advice.Advice.NET_URGENT;
import static org.example.intake.core.advice.Advice.SELF_CARE_REVIEW;
import static org.example.intake.core.advice.Advice.SITTING;
import static org.example.intake.core.advice.Advice.STANDING;
import static org.example.intake.core.advice.Advice.STAY_ACTIVE;
import static org.example.intake.core.advice.Advice.STRETCH;
import static org.example.intake.core.advice.Advice.URGENT_IF_WORSE;
import static org.example.intake.core.advice.Advice.WARMTH;
import static org.example.intake.core.advice.Advice.WARM_UP;
import static org.example.intake.core.answers.Question.APPARENT_CAUSE;
import static org.example.intake.core.answers.Question.FOOTWEAR;
import static org.example.intake.core.answers.Question.LOW_FLUID;
import static org.example.intake.core.answers.Question.ONSET;
import static org.example.intake.core.answers.Question.PROLONGED_SITTING;
import static org.example.intake.core.answers.Question.PROLONGED_STANDING;
import static org.example.intake.core.answers.Question.STRENUOUS_ACTIVITY;
import static org.example.intake.core.triage.Level.EMERGENCY;
import static org.example.intake.core.triage.Level.SELF_CARE;
import static org.example.intake.core.triage.Level.SOON;
import static org.example.intake.core.triage.Level.URGENT;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;

import org.example.intake.core.answers.BenignAnswers;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.Level;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AdvicePlannerUnitTests {

    private final AdvicePlanner planner = new AdvicePlanner();

    /** Benign answers plus a yes to every lifestyle question: everything that could add advice. */
    private static IntakeAnswers everyLifestyleFactor() {
        return BenignAnswers.builder()
                .answer(LOW_FLUID, true)
                .answer(STRENUOUS_ACTIVITY, true)
                .answer(PROLONGED_SITTING, true)
                .answer(PROLONGED_STANDING, true)
                .answer(FOOTWEAR, true)
                .build();
    }

    @Nested
    class SelfCare {

        @Test
        void selfCareWithNoAnswersStillShowsTheCoreAdviceTheReviewAndAllThreeSafetyNets() {
            IntakeAnswers answers = IntakeAnswers.builder().build();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).containsExactly(ACT_SELF_CARE, STAY_ACTIVE, STRETCH, WARMTH, FOOD, SELF_CARE_REVIEW,
                    NET_EMERGENCY, NET_URGENT, NET_SOON);
        }

        @Test
        void selfCareWithEveryLifestyleFactorShowsAllAdviceInOrder() {
            IntakeAnswers answers = everyLifestyleFactor();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).containsExactly(ACT_SELF_CARE, STAY_ACTIVE, STRETCH, COLD_FIRST, FLUIDS, FOOD, WARM_UP,
                    SITTING, STANDING, Advice.FOOTWEAR, SELF_CARE_REVIEW, NET_EMERGENCY, NET_URGENT, NET_SOON);
        }
    }

    @Nested
    class LifestyleAdvice {

        static Stream<Arguments> lifestyleAdvice() {
            return Stream.of(
                    arguments(LOW_FLUID, FLUIDS),
                    arguments(STRENUOUS_ACTIVITY, WARM_UP),
                    arguments(PROLONGED_SITTING, SITTING),
                    arguments(PROLONGED_STANDING, STANDING),
                    arguments(FOOTWEAR, Advice.FOOTWEAR));
        }

        @ParameterizedTest(name = "{0} = yes adds {1}")
        @MethodSource("lifestyleAdvice")
        void lifestyleAnswerYesAddsItsAdvice(Question question, Advice expected) {
            IntakeAnswers answers = BenignAnswers.builder().answer(question, true).build();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).contains(expected);
        }

        @ParameterizedTest(name = "{0} = no leaves out {1}")
        @MethodSource("lifestyleAdvice")
        void lifestyleAnswerNoLeavesOutItsAdvice(Question question, Advice expected) {
            IntakeAnswers answers = BenignAnswers.builder().answer(question, false).build();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).doesNotContain(expected);
        }

        @ParameterizedTest(name = "{0} unanswered leaves out {1}")
        @MethodSource("lifestyleAdvice")
        void lifestyleAnswerMissingLeavesOutItsAdvice(Question question, Advice expected) {
            IntakeAnswers answers = BenignAnswers.builder().clear(question).build();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).doesNotContain(expected);
        }

        @ParameterizedTest(name = "{0} = yes adds {1} at SOON too")
        @MethodSource("lifestyleAdvice")
        void lifestyleAnswerYesAddsItsAdviceAtSoonToo(Question question, Advice expected) {
            IntakeAnswers answers = BenignAnswers.builder().answer(question, true).build();

            List<Advice> advice = planner.adviseOn(SOON, answers);

            assertThat(advice).contains(expected);
        }
    }

    @Nested
    class ColdFirstAfterAStrain {

        @ParameterizedTest(name = "onset {0}, apparent-cause {1}, strenuous-activity {2}: cold first, no warmth")
        @CsvSource({
                "HOURS, true,  false",
                "DAYS,  true,  false",
                "HOURS, false, true",
                "DAYS,  false, true" })
        void coldFirstReplacesWarmthForARecentStartAfterAStrain(Onset onset, boolean apparentCause, boolean strenuous) {
            IntakeAnswers answers = BenignAnswers.builder()
                    .answer(ONSET, onset)
                    .answer(APPARENT_CAUSE, apparentCause)
                    .answer(STRENUOUS_ACTIVITY, strenuous)
                    .build();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).contains(COLD_FIRST).doesNotContain(WARMTH);
        }

        @ParameterizedTest(name = "onset {0}, apparent-cause {1}, strenuous-activity {2}: warmth, not cold first")
        @CsvSource({
                "WEEKS,        true,  false",
                "OVER_6_WEEKS, true,  false",
                "WEEKS,        false, true",
                "DAYS,         false, false" })
        void warmthIsAdvisedForAnOlderStartOrWithoutAStrain(Onset onset, boolean apparentCause, boolean strenuous) {
            IntakeAnswers answers = BenignAnswers.builder()
                    .answer(ONSET, onset)
                    .answer(APPARENT_CAUSE, apparentCause)
                    .answer(STRENUOUS_ACTIVITY, strenuous)
                    .build();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).contains(WARMTH).doesNotContain(COLD_FIRST);
        }

        @Test
        void warmthIsAdvisedWhenTheOnsetIsUnanswered() {
            IntakeAnswers answers = BenignAnswers.builder()
                    .clear(ONSET)
                    .answer(APPARENT_CAUSE, true)
                    .answer(STRENUOUS_ACTIVITY, true)
                    .build();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).contains(WARMTH).doesNotContain(COLD_FIRST);
        }
    }

    @Nested
    class ReferralLevels {

        @Test
        void emergencyGetsOnlyTheEmergencyAction() {
            IntakeAnswers answers = everyLifestyleFactor();

            List<Advice> advice = planner.adviseOn(EMERGENCY, answers);

            assertThat(advice).containsExactly(ACT_EMERGENCY);
        }

        @Test
        void urgentGetsTheUrgentActionWhatToDoIfItWorsensAndTheEmergencySafetyNetOnly() {
            IntakeAnswers answers = everyLifestyleFactor();

            List<Advice> advice = planner.adviseOn(URGENT, answers);

            assertThat(advice).containsExactly(ACT_URGENT, URGENT_IF_WORSE, NET_EMERGENCY);
        }

        @Test
        void soonGetsSelfCareWithTheEmergencyAndUrgentSafetyNets() {
            IntakeAnswers answers = IntakeAnswers.builder().build();

            List<Advice> advice = planner.adviseOn(SOON, answers);

            assertThat(advice).containsExactly(ACT_SOON, STAY_ACTIVE, STRETCH, WARMTH, FOOD, NET_EMERGENCY, NET_URGENT);
        }

        @Test
        void soonDoesNotGetTheSoonSafetyNet() {
            IntakeAnswers answers = everyLifestyleFactor();

            List<Advice> advice = planner.adviseOn(SOON, answers);

            assertThat(advice).doesNotContain(NET_SOON, ACT_SELF_CARE, SELF_CARE_REVIEW);
        }

        @ParameterizedTest
        @EnumSource(Level.class)
        void adviceStartsWithExactlyOneActionForEveryLevel(Level level) {
            IntakeAnswers answers = everyLifestyleFactor();

            List<Advice> advice = planner.adviseOn(level, answers);

            assertThat(advice.get(0).kind()).isEqualTo(Advice.Kind.ACTION);
            assertThat(advice).filteredOn(a -> a.kind() == Advice.Kind.ACTION).hasSize(1);
        }
    }

    @Nested
    class AnswersToQuestionnaire1_0_0 {

        @ParameterizedTest
        @EnumSource(value = Level.class, names = { "URGENT", "SOON", "SELF_CARE" })
        void answersTo1_0_0ListTheWarningSignsItDidNotAskAboutRightAfterWhatToDoNow(Level level) {
            IntakeAnswers answers = BenignAnswers.builderFor1_0_0().build();

            List<Advice> advice = planner.adviseOn(level, answers);

            int action = advice.indexOf(advice.stream().filter(a -> a.kind() == Advice.Kind.ACTION).findFirst()
                    .orElseThrow());
            int afterUrgentIfWorse = level == URGENT ? 2 : 1;
            assertThat(action).isZero();
            assertThat(advice.indexOf(NOT_ASKED_BEFORE_1_1_0)).isEqualTo(afterUrgentIfWorse);
        }

        @Test
        void answersTo1_0_0AtEmergencyGetOnlyTheEmergencyAction() {
            IntakeAnswers answers = BenignAnswers.builderFor1_0_0().build();

            List<Advice> advice = planner.adviseOn(EMERGENCY, answers);

            assertThat(advice).containsExactly(ACT_EMERGENCY);
        }

        @ParameterizedTest
        @EnumSource(Level.class)
        void answersToTheCurrentQuestionnaireNeverGetTheOldFormWarning(Level level) {
            IntakeAnswers answers = BenignAnswers.answers();

            List<Advice> advice = planner.adviseOn(level, answers);

            assertThat(advice).doesNotContain(NOT_ASKED_BEFORE_1_1_0);
        }
    }
}
