package org.example.intake.core.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.intake.core.advice.Advice.ACT_EMERGENCY;
import static org.example.intake.core.advice.Advice.ACT_SELF_CARE_NO_DOCTOR_NOW;
import static org.example.intake.core.advice.Advice.ACT_SOON;
import static org.example.intake.core.advice.Advice.ACT_URGENT;
import static org.example.intake.core.advice.Advice.COLD_FIRST_THEN_WARM;
import static org.example.intake.core.advice.Advice.FLUIDS;
import static org.example.intake.core.advice.Advice.FOOD;
import static org.example.intake.core.advice.Advice.NET_CALL_999;
import static org.example.intake.core.advice.Advice.NET_GP;
import static org.example.intake.core.advice.Advice.NET_SAME_DAY;
import static org.example.intake.core.advice.Advice.SELF_CARE_REVIEW;
import static org.example.intake.core.advice.Advice.SITTING;
import static org.example.intake.core.advice.Advice.STANDING;
import static org.example.intake.core.advice.Advice.STAY_ACTIVE;
import static org.example.intake.core.advice.Advice.STRETCH_GENTLY;
import static org.example.intake.core.advice.Advice.URGENT_IF_WORSE;
import static org.example.intake.core.advice.Advice.WARM_PACK;
import static org.example.intake.core.advice.Advice.WARM_UP;
import static org.example.intake.core.advice.Advice.WHAT_HAPPENS_NEXT;
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
        void selfCareWithNoAnswersShowsTheHeadingTheThreeSafetyNetsTheCoreTipsAndWhatHappensNext() {
            IntakeAnswers answers = IntakeAnswers.builder().build();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(leads(advice)).containsExactly(ACT_SELF_CARE_NO_DOCTOR_NOW, NET_CALL_999, NET_SAME_DAY, NET_GP,
                    STAY_ACTIVE, STRETCH_GENTLY, WARM_PACK, FOOD, SELF_CARE_REVIEW, WHAT_HAPPENS_NEXT);
        }

        @Test
        void selfCareWithEveryLifestyleFactorShowsAllAdviceInOrder() {
            IntakeAnswers answers = everyLifestyleFactor();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(leads(advice)).containsExactly(ACT_SELF_CARE_NO_DOCTOR_NOW, NET_CALL_999, NET_SAME_DAY, NET_GP,
                    STAY_ACTIVE, STRETCH_GENTLY, COLD_FIRST_THEN_WARM, FLUIDS, FOOD, WARM_UP, SITTING, STANDING,
                    Advice.FOOTWEAR, SELF_CARE_REVIEW, WHAT_HAPPENS_NEXT);
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

            assertThat(advice).contains(COLD_FIRST_THEN_WARM).doesNotContain(WARM_PACK);
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

            assertThat(advice).contains(WARM_PACK).doesNotContain(COLD_FIRST_THEN_WARM);
        }

        @Test
        void warmthIsAdvisedWhenTheOnsetIsUnanswered() {
            IntakeAnswers answers = BenignAnswers.builder()
                    .clear(ONSET)
                    .answer(APPARENT_CAUSE, true)
                    .answer(STRENUOUS_ACTIVITY, true)
                    .build();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).contains(WARM_PACK).doesNotContain(COLD_FIRST_THEN_WARM);
        }
    }

    @Nested
    class ReferralLevels {

        @Test
        void emergencyGetsOnlyTheEmergencyActionAndWhatHappensNext() {
            IntakeAnswers answers = everyLifestyleFactor();

            List<Advice> advice = planner.adviseOn(EMERGENCY, answers);

            assertThat(advice).containsExactly(ACT_EMERGENCY, WHAT_HAPPENS_NEXT);
        }

        @Test
        void urgentGetsTheUrgentActionWhatToDoIfItWorsensTheEmergencyListAndWhatHappensNext() {
            IntakeAnswers answers = everyLifestyleFactor();

            List<Advice> advice = planner.adviseOn(URGENT, answers);

            assertThat(leads(advice)).containsExactly(ACT_URGENT, URGENT_IF_WORSE, NET_CALL_999, WHAT_HAPPENS_NEXT);
        }

        @Test
        void soonGetsTheEmergencyAndSameDayListsThenSelfCare() {
            IntakeAnswers answers = IntakeAnswers.builder().build();

            List<Advice> advice = planner.adviseOn(SOON, answers);

            assertThat(leads(advice)).containsExactly(ACT_SOON, NET_CALL_999, NET_SAME_DAY, STAY_ACTIVE, STRETCH_GENTLY,
                    WARM_PACK, FOOD, WHAT_HAPPENS_NEXT);
        }

        @Test
        void soonDoesNotGetTheSoonSafetyNet() {
            IntakeAnswers answers = everyLifestyleFactor();

            List<Advice> advice = planner.adviseOn(SOON, answers);

            assertThat(advice).doesNotContain(NET_GP, ACT_SELF_CARE_NO_DOCTOR_NOW, SELF_CARE_REVIEW);
        }

        @ParameterizedTest
        @EnumSource(Level.class)
        void adviceStartsWithExactlyOneActionForEveryLevel(Level level) {
            IntakeAnswers answers = everyLifestyleFactor();

            List<Advice> advice = planner.adviseOn(level, answers);

            assertThat(advice.get(0).kind()).isEqualTo(Advice.Kind.ACTION);
            assertThat(advice).filteredOn(a -> a.kind() == Advice.Kind.ACTION)
                    .hasSize(level == URGENT ? 2 : 1);
            assertThat(advice.get(advice.size() - 1)).isEqualTo(WHAT_HAPPENS_NEXT);
        }
    }

    @Nested
    class AnswersToOlderQuestionnaires {

        @ParameterizedTest
        @EnumSource(value = Level.class, names = { "URGENT", "SOON", "SELF_CARE" })
        void answersTo1_0_0ListTheTenWarningSignsItDidNotAskAboutRightAfterWhatToDoNow(Level level) {
            IntakeAnswers answers = BenignAnswers.builderFor1_0_0().build();

            List<Advice> advice = planner.adviseOn(level, answers);

            int firstNotAsked = level == URGENT ? 2 : 1;
            assertThat(advice.subList(0, firstNotAsked)).allMatch(a -> a.kind() == Advice.Kind.ACTION);
            assertThat(advice.get(firstNotAsked)).isEqualTo(Advice.NOT_ASKED_EMERGENCY);
            assertThat(advice).filteredOn(a -> a.kind() == Advice.Kind.NOT_ASKED && a.isListItem()).containsExactly(
                    Advice.NOT_ASKED_COLLAPSE, Advice.NOT_ASKED_VERY_UNWELL, Advice.NOT_ASKED_SWOLLEN_BUTTOCK,
                    Advice.NOT_ASKED_CANNOT_STAND_AFTER_FALL, Advice.NOT_ASKED_NUMBNESS_WORSE, Advice.NOT_ASKED_CALF,
                    Advice.NOT_ASKED_LUMP, Advice.NOT_ASKED_REST_PAIN, Advice.NOT_ASKED_CANNOT_STAND,
                    Advice.NOT_ASKED_BLOOD_THINNER);
            assertThat(advice).contains(Advice.NOT_ASKED_PREGNANT);
            assertThat(advice.indexOf(Advice.NOT_ASKED_PREGNANT)).isLessThan(advice.indexOf(NET_CALL_999));
        }

        @Test
        void answersTo1_0_0AtUrgentAreToldToTellTheDoctorTodayAboutTheSameDaySigns() {
            IntakeAnswers answers = BenignAnswers.builderFor1_0_0().build();

            List<Advice> advice = planner.adviseOn(URGENT, answers);

            assertThat(advice).contains(Advice.NOT_ASKED_TELL_TODAY).doesNotContain(Advice.NOT_ASKED_SAME_DAY,
                    NET_SAME_DAY);
        }

        @Test
        void answersTo1_1_0ListOnlyWorseningNumbnessAndPregnancy() {
            IntakeAnswers answers = BenignAnswers.builderFor1_1_0().build();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).filteredOn(a -> a.kind() == Advice.Kind.NOT_ASKED).containsExactly(
                    Advice.NOT_ASKED_EMERGENCY, Advice.NOT_ASKED_NUMBNESS_WORSE, Advice.NOT_ASKED_PREGNANT);
            assertThat(advice.indexOf(Advice.NOT_ASKED_EMERGENCY)).isEqualTo(1);
        }

        @Test
        void answersTo1_0_0AtEmergencyGetOnlyTheEmergencyActionAndWhatHappensNext() {
            IntakeAnswers answers = BenignAnswers.builderFor1_0_0().build();

            List<Advice> advice = planner.adviseOn(EMERGENCY, answers);

            assertThat(advice).containsExactly(ACT_EMERGENCY, WHAT_HAPPENS_NEXT);
        }

        @ParameterizedTest
        @EnumSource(Level.class)
        void answersToTheCurrentQuestionnaireNeverGetTheOldFormWarning(Level level) {
            IntakeAnswers answers = BenignAnswers.answers();

            List<Advice> advice = planner.adviseOn(level, answers);

            assertThat(advice).noneMatch(a -> a.kind() == Advice.Kind.NOT_ASKED);
        }
    }

    @Nested
    class Pregnancy {

        @ParameterizedTest
        @EnumSource(value = Level.class, names = { "URGENT", "SOON", "SELF_CARE" })
        void aPregnantPatientIsToldRightAfterTheActionThatTheMidwifeCanBeCalled(Level level) {
            IntakeAnswers answers = BenignAnswers.builder().answer(Question.PREGNANT, true).build();

            List<Advice> advice = planner.adviseOn(level, answers);

            int afterAction = level == URGENT ? 2 : 1;
            assertThat(advice.get(afterAction)).isEqualTo(Advice.PREGNANCY_MIDWIFE);
        }

        @Test
        void aPatientWhoIsNotPregnantIsToldNothingAboutPregnancy() {
            IntakeAnswers answers = BenignAnswers.answers();

            List<Advice> advice = planner.adviseOn(SELF_CARE, answers);

            assertThat(advice).doesNotContain(Advice.PREGNANCY_MIDWIFE, Advice.SIGN_PREGNANCY_PAIN);
        }
    }

    @ParameterizedTest
    @EnumSource(Level.class)
    void everyListItemHasAHeadingAndNoRetiredAdviceIsChosen(Level level) {
        for (IntakeAnswers answers : List.of(BenignAnswers.answers(), BenignAnswers.builderFor1_1_0().build(),
                BenignAnswers.builderFor1_0_0().build(), everyLifestyleFactor())) {
            List<Advice> advice = planner.adviseOn(level, answers);

            List<Advice.Section> sections = Advice.sections(advice);

            assertThat(sections).allSatisfy(section -> {
                assertThat(section.lead().isListItem()).isFalse();
                assertThat(section.items().isEmpty()).isEqualTo(!section.lead().text().endsWith(":"));
            });
            assertThat(advice).noneMatch(AdvicePlannerUnitTests::isDeprecated);
        }
    }

    /** The advice without its list items: the headings and the pieces that stand alone. */
    private static List<Advice> leads(List<Advice> advice) {
        return advice.stream().filter(a -> !a.isListItem()).toList();
    }

    static boolean isDeprecated(Advice advice) {
        try {
            return Advice.class.getField(advice.name()).isAnnotationPresent(Deprecated.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
