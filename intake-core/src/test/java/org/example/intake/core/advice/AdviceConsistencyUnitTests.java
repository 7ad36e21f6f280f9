package org.example.intake.core.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.example.intake.core.answers.BenignAnswers;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.answers.Standing;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.core.triage.TriageOutcome;
import org.junit.jupiter.api.Test;

/**
 * No advice line contradicts the patient's own answers or level. Each guarded case is a method
 * of {@link #contradictions(IntakeAnswers, TriageOutcome)}; {@link #noAdviceLineContradictsTheAnswersOrLevel()}
 * runs them over 20,000 generated intakes of every questionnaire version, and the named tests
 * show the cases one by one:
 * <ul>
 * <li>a patient told to be seen today (URGENT) or to call 999 is never sent for a same-day
 * appointment, and an EMERGENCY gets no safety-net or tip to read instead of acting;</li>
 * <li>a SOON patient, already told to book a GP within 2 weeks, is not given the
 * see-a-GP-within-2-weeks list;</li>
 * <li>a patient whose pain is severe now (7 or more) is not told to act when it "becomes
 * severe": "severe again" when it is improving, "worse than it is now" otherwise;</li>
 * <li>a patient who could not stand before this started is not told to act on not being able to
 * stand;</li>
 * <li>a patient who answered no to pregnancy reads nothing about pregnancy but the stretch's
 * caveat;</li>
 * <li>a sign listed for escalation is never one the patient already reported (it would have set
 * the level);</li>
 * <li>the safety-net comes right after what to do now (and an older form's missing signs), never
 * after a self-care tip.</li>
 * </ul>
 */
class AdviceConsistencyUnitTests {

    private final TriageEngine engine = new TriageEngine();

    @Test
    void noAdviceLineContradictsTheAnswersOrLevel() {
        Random random = new Random(20261203);
        List<String> found = new ArrayList<>();
        int[] levels = new int[Level.values().length];

        for (int i = 0; i < 20_000 && found.size() < 10; i++) {
            IntakeAnswers answers = randomAnswers(random);
            TriageOutcome outcome = engine.triage(answers);
            levels[outcome.level().ordinal()]++;
            for (String contradiction : contradictions(answers.inCurrentTerms(), outcome)) {
                found.add(answers + " " + outcome.level() + ": " + contradiction);
            }
        }

        assertThat(found).isEmpty();
        assertThat(Arrays.stream(levels).min().orElse(0)).as("intakes at the least common level of %s", Arrays.toString(levels)).isGreaterThan(200);
    }

    @Test
    void anUrgentPatientIsNotSentForASameDayAppointment() {
        IntakeAnswers answers = BenignAnswers.builder().answer(Question.FEVER, true).build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(Level.URGENT);
        assertThat(outcome.advice()).doesNotContain(Advice.NET_SAME_DAY, Advice.SIGN_FEVER, Advice.SIGN_CALF)
                .contains(Advice.ACT_URGENT, Advice.NET_CALL_999);
        assertThat(contradictions(answers, outcome)).isEmpty();
    }

    @Test
    void improvingSeverePainReadsBecomesSevereAgain() {
        IntakeAnswers severeImproving = BenignAnswers.builder().answer(Question.PAIN_SEVERITY, 9)
                .answer(Question.PATTERN, Pattern.IMPROVING).build();
        IntakeAnswers severeUnchanged = BenignAnswers.builder().answer(Question.PAIN_SEVERITY, 8)
                .answer(Question.PATTERN, Pattern.UNCHANGED).build();
        IntakeAnswers mild = BenignAnswers.builder().answer(Question.PAIN_SEVERITY, 6).build();

        TriageOutcome improving = engine.triage(severeImproving);
        TriageOutcome unchanged = engine.triage(severeUnchanged);
        TriageOutcome mildOutcome = engine.triage(mild);

        assertThat(improving.level()).isEqualTo(Level.SELF_CARE);
        assertThat(improving.advice()).contains(Advice.SIGN_PAIN_SEVERE_AGAIN)
                .doesNotContain(Advice.SIGN_PAIN_BECOMES_SEVERE, Advice.SIGN_PAIN_GETS_WORSE);
        assertThat(Advice.SIGN_PAIN_SEVERE_AGAIN.text()).contains("severe again");
        assertThat(unchanged.advice()).contains(Advice.SIGN_PAIN_GETS_WORSE).doesNotContain(Advice.SIGN_PAIN_BECOMES_SEVERE);
        assertThat(mildOutcome.advice()).contains(Advice.SIGN_PAIN_BECOMES_SEVERE);
    }

    @Test
    void aPatientWhoCouldNotStandBeforeIsNotToldToActOnNotStanding() {
        IntakeAnswers answers = BenignAnswers.builder().answer(Question.STANDING, Standing.COULD_NOT_BEFORE).build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(Level.SELF_CARE);
        assertThat(outcome.advice()).doesNotContain(Advice.SIGN_CANNOT_STAND, Advice.SIGN_CANNOT_STAND_AFTER_FALL);
    }

    @Test
    void aSoonPatientIsNotToldToSeeAGpWithin2WeeksIfItGetsWorse() {
        IntakeAnswers answers = BenignAnswers.builder().answer(Question.WEIGHT_LOSS, true).build();

        TriageOutcome outcome = engine.triage(answers);

        assertThat(outcome.level()).isEqualTo(Level.SOON);
        assertThat(outcome.advice()).doesNotContain(Advice.NET_GP, Advice.SIGN_WEIGHT_LOSS, Advice.SIGN_GETS_WORSE);
    }

    @Test
    void safetyNetComesRightAfterTheActionAndBeforeAnyTip() {
        for (Level level : List.of(Level.URGENT, Level.SOON, Level.SELF_CARE)) {
            List<Advice> advice = new AdvicePlanner().adviseOn(level, BenignAnswers.builderFor1_1_0().build());

            int lastAction = lastIndexOf(advice, Advice.Kind.ACTION);
            int lastNotAsked = lastIndexOf(advice, Advice.Kind.NOT_ASKED);
            int firstNet = advice.indexOf(Advice.NET_CALL_999);
            int lastNet = lastIndexOf(advice, Advice.Kind.SAFETY_NET);
            int firstTip = advice.stream().filter(a -> a.kind() == Advice.Kind.SELF_CARE).findFirst()
                    .map(advice::indexOf).orElse(advice.size() - 1);

            assertThat(lastNotAsked).as(level.name()).isGreaterThan(lastAction);
            assertThat(firstNet).as(level.name()).isEqualTo(lastNotAsked + 1);
            assertThat(lastNet).as(level.name()).isLessThan(firstTip);
        }
    }

    @Test
    void patientTextUsesPlainWords() {
        String all = Arrays.stream(Advice.values()).filter(a -> !AdvicePlannerUnitTests.isDeprecated(a))
                .map(Advice::text).reduce("", String::concat).toLowerCase(Locale.ROOT);

        assertThat(all).doesNotContain("compress", "piriformis", "claudication", "ischaemia", "cauda equina",
                "back passage", "anticoagulant", "rhabdomyolysis");
    }

    @Test
    void selfCareHeadingPromisesNothing() {
        TriageOutcome outcome = engine.triage(BenignAnswers.answers());

        assertThat(outcome.level()).isEqualTo(Level.SELF_CARE);
        assertThat(outcome.advice().get(0)).isEqualTo(Advice.ACT_SELF_CARE_NO_DOCTOR_NOW);
        assertThat(outcome.advice().get(0).text()).startsWith("Your answers do not show a need to see a doctor now")
                .doesNotContainIgnoringCase("look after this at home").doesNotContainIgnoringCase("no warning signs");
    }

    /** Every way the advice contradicts these answers (in the current terms) or the level; empty when none. */
    static List<String> contradictions(IntakeAnswers answers, TriageOutcome outcome) {
        List<String> found = new ArrayList<>();
        List<Advice> advice = outcome.advice();
        Level level = outcome.level();
        if (!Level.URGENT.isMoreUrgentThan(level) && advice.contains(Advice.NET_SAME_DAY)) {
            found.add("told to be seen today or call 999, and sent for a same-day appointment");
        }
        if (level == Level.EMERGENCY && !advice.equals(List.of(Advice.ACT_EMERGENCY, Advice.WHAT_HAPPENS_NEXT))) {
            found.add("an emergency given more to read than to act");
        }
        if (level != Level.SELF_CARE && advice.contains(Advice.NET_GP)) {
            found.add("told to book or be seen sooner, and to see a GP within 2 weeks if it gets worse");
        }
        boolean severeNow = answers.integer(Question.PAIN_SEVERITY).orElse(0) >= 7;
        if (severeNow && advice.contains(Advice.SIGN_PAIN_BECOMES_SEVERE)) {
            found.add("severe pain now, told to act when the pain becomes severe");
        }
        if (severeNow && answers.pattern().orElse(null) != Pattern.IMPROVING && advice.contains(Advice.SIGN_PAIN_SEVERE_AGAIN)) {
            found.add("severe pain not improving, told about it becoming severe again");
        }
        if (answers.standing().orElse(null) == Standing.COULD_NOT_BEFORE
                && (advice.contains(Advice.SIGN_CANNOT_STAND) || advice.contains(Advice.SIGN_CANNOT_STAND_AFTER_FALL))) {
            found.add("could not stand before, told to act on not being able to stand");
        }
        if (answers.isFalse(Question.PREGNANT)
                && (advice.contains(Advice.PREGNANCY_MIDWIFE) || advice.contains(Advice.SIGN_PREGNANCY_PAIN))) {
            found.add("not pregnant, told about pregnancy");
        }
        for (Advice sign : advice) {
            Question reported = SIGN_QUESTION.get(sign);
            if (reported != null && answers.isTrue(reported)) {
                found.add("already reported " + reported.linkId() + ", told to act if it appears: " + sign);
            }
            if (sign == Advice.SIGN_CANNOT_STAND && answers.standing().orElse(null) == Standing.CANNOT_STAND) {
                found.add("cannot stand now, told to act if they cannot stand");
            }
        }
        int firstTip = advice.stream().filter(a -> a.kind() == Advice.Kind.SELF_CARE).findFirst()
                .map(advice::indexOf).orElse(Integer.MAX_VALUE);
        if (lastIndexOf(advice, Advice.Kind.SAFETY_NET) > firstTip) {
            found.add("a safety-net line after a self-care tip");
        }
        return found;
    }

    /** The escalation signs that stand for one answer the patient gives. */
    private static final java.util.Map<Advice, Question> SIGN_QUESTION = java.util.Map.ofEntries(
            java.util.Map.entry(Advice.SIGN_SADDLE_NUMBNESS, Question.SADDLE_NUMBNESS),
            java.util.Map.entry(Advice.SIGN_PAIN_BOTH_LEGS, Question.PAIN_BOTH_LEGS),
            java.util.Map.entry(Advice.SIGN_COLD_LEG, Question.COLD_PALE_LEG),
            java.util.Map.entry(Advice.SIGN_FAINTING, Question.SUDDEN_SEVERE_ONSET),
            java.util.Map.entry(Advice.SIGN_SWOLLEN_BUTTOCK, Question.TENSE_SWELLING_DARK_URINE),
            java.util.Map.entry(Advice.SIGN_VERY_UNWELL, Question.VERY_UNWELL),
            java.util.Map.entry(Advice.SIGN_FEVER, Question.FEVER),
            java.util.Map.entry(Advice.SIGN_CALF, Question.CALF_SWELLING),
            java.util.Map.entry(Advice.SIGN_LUMP, Question.ANAL_LUMP),
            java.util.Map.entry(Advice.SIGN_REST_PAIN, Question.REST_PAIN),
            java.util.Map.entry(Advice.SIGN_WEIGHT_LOSS, Question.WEIGHT_LOSS));

    private static int lastIndexOf(List<Advice> advice, Advice.Kind kind) {
        for (int i = advice.size() - 1; i >= 0; i--) {
            if (advice.get(i).kind() == kind) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A random intake of a random version (most to the current one): the benign answers with each
     * yes/no flipped with a small chance (a warning sign rarely, so every level is common), any
     * pain, age and choice, and the dependent questions answered at random when enabled.
     */
    private static IntakeAnswers randomAnswers(Random random) {
        int pick = random.nextInt(10);
        QuestionnaireVersion version = pick == 0 ? QuestionnaireVersion.V1_0_0
                : pick < 3 ? QuestionnaireVersion.V1_1_0 : QuestionnaireVersion.V1_2_0;
        IntakeAnswers benign = switch (version) {
            case V1_0_0 -> BenignAnswers.builderFor1_0_0().build();
            case V1_1_0 -> BenignAnswers.builderFor1_1_0().build();
            case V1_2_0 -> BenignAnswers.answers();
        };
        IntakeAnswers.Builder builder = IntakeAnswers.builder().version(version);
        for (Question question : Question.values()) {
            if (!question.isAskedIn(version)) {
                continue;
            }
            Object value = benign.asMap().get(question);
            switch (question.type()) {
                case BOOLEAN -> {
                    boolean flip = random.nextInt(question.group() == org.example.intake.core.answers.Group.WARNING ? 60 : 12) == 0;
                    boolean answer = value == null ? random.nextBoolean() : flip != (Boolean) value;
                    builder.answer(question, answer);
                }
                case INTEGER -> builder.answer(question, question == Question.AGE ? 10 + random.nextInt(80)
                        : random.nextInt(question.max() + 1));
                case CHOICE -> {
                    List<CodedAnswer> options = question.options();
                    builder.answer(question, random.nextInt(3) == 0 ? options.get(random.nextInt(options.size()))
                            : (CodedAnswer) value);
                }
                case TEXT -> {
                }
            }
        }
        return builder.build();
    }
}
