package org.example.intake.core.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.example.intake.core.answers.BenignAnswers;
import org.example.intake.core.answers.OlderVersions;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;
import org.junit.jupiter.api.Test;

/**
 * The advice says what the reviewed wording asks, and no more: an honest SELF_CARE heading, no
 * medicine, cold first after a strain, never heat on numb skin, plain words, and a safety-net
 * that names a sign for every EMERGENCY and URGENT rule in the list of its level. The signs
 * below are the patient-facing words for each trigger; a new rule without one fails here.
 */
class AdviceWordingUnitTests {

    /** For each rule above SOON, the sign of the safety-net that stands for it. */
    private static final Map<String, Advice> SAFETY_NET_SIGN = Map.ofEntries(
            Map.entry("CES-SADDLE", Advice.SIGN_SADDLE_NUMBNESS),
            Map.entry("CES-SPHINCTER", Advice.SIGN_PEEING_OR_BOWELS),
            Map.entry("CES-BILATERAL-DEFICIT", Advice.SIGN_WEAKNESS_WORSE),
            Map.entry("CES-BILATERAL-SCIATICA", Advice.SIGN_PAIN_BOTH_LEGS),
            Map.entry("BILATERAL-NUMBNESS-WORSE", Advice.SIGN_NUMBNESS_BOTH_LEGS_WORSE),
            Map.entry("CES-SEXUAL-NEURO", Advice.SIGN_SEXUAL_WITH_LEG),
            Map.entry("NEURO-PROGRESSIVE", Advice.SIGN_WEAKNESS_WORSE),
            Map.entry("VASC-ACUTE-LIMB", Advice.SIGN_COLD_LEG),
            Map.entry("VASC-SUDDEN-COLLAPSE", Advice.SIGN_FAINTING),
            Map.entry("SEPSIS-SIGNS", Advice.SIGN_VERY_UNWELL),
            Map.entry("COMPARTMENT-RHABDO", Advice.SIGN_SWOLLEN_BUTTOCK),
            Map.entry("INF-NEURO", Advice.SIGN_WEAKNESS_WORSE),
            Map.entry("MAL-CORD", Advice.SIGN_WEAKNESS_WORSE),
            Map.entry("FRAC-NO-WEIGHT-BEARING", Advice.SIGN_CANNOT_STAND_AFTER_FALL),
            Map.entry("CES-SEXUAL", Advice.SIGN_SEXUAL_WITH_LEG),
            Map.entry("BILATERAL-NUMBNESS", Advice.SIGN_NUMBNESS_BOTH_LEGS_WORSE),
            Map.entry("NEURO-WEAKNESS", Advice.SIGN_WEAKNESS_WORSE),
            Map.entry("INF-FEVER", Advice.SIGN_FEVER),
            Map.entry("INF-RISK", Advice.SIGN_PAINKILLERS),
            Map.entry("INF-ABSCESS", Advice.SIGN_LUMP),
            Map.entry("DVT-SIGNS", Advice.SIGN_CALF),
            Map.entry("VASC-REST-PAIN", Advice.SIGN_REST_PAIN),
            Map.entry("WEIGHT-BEARING-LOST", Advice.SIGN_CANNOT_STAND),
            Map.entry("PAIN-SEVERE-NEW", Advice.SIGN_PAIN_BECOMES_SEVERE),
            Map.entry("BLEED-ANTICOAGULANT", Advice.SIGN_PAIN_BECOMES_SEVERE),
            Map.entry("MAL-HISTORY", Advice.SIGN_WEAKNESS_WORSE),
            Map.entry("MAL-NIGHT-AGE", Advice.SIGN_WEIGHT_LOSS),
            Map.entry("FRAC-TRAUMA", Advice.SIGN_CANNOT_STAND_AFTER_FALL),
            Map.entry("FRAC-FRAGILITY", Advice.SIGN_PAINKILLERS),
            Map.entry("AGE-UNDER-16", Advice.SIGN_PAINKILLERS),
            Map.entry("PREG-SEVERE", Advice.SIGN_PREGNANCY_PAIN),
            Map.entry("FORM-INCOMPLETE", Advice.SIGN_PAINKILLERS));

    /** For each question an older version did not ask (and no retired question answers), its not-asked sign. */
    private static final Map<Question, Advice> NOT_ASKED_SIGN = Map.of(
            Question.STANDING, Advice.NOT_ASKED_CANNOT_STAND,
            Question.REST_PAIN, Advice.NOT_ASKED_REST_PAIN,
            Question.SUDDEN_SEVERE_ONSET, Advice.NOT_ASKED_COLLAPSE,
            Question.VERY_UNWELL, Advice.NOT_ASKED_VERY_UNWELL,
            Question.TENSE_SWELLING_DARK_URINE, Advice.NOT_ASKED_SWOLLEN_BUTTOCK,
            Question.CALF_SWELLING, Advice.NOT_ASKED_CALF,
            Question.ANAL_LUMP, Advice.NOT_ASKED_LUMP,
            Question.BLOOD_THINNERS, Advice.NOT_ASKED_BLOOD_THINNER,
            Question.PREGNANT, Advice.NOT_ASKED_PREGNANT,
            Question.NUMBNESS_WORSENING, Advice.NOT_ASKED_NUMBNESS_WORSE);

    @Test
    void everyEmergencyAndUrgentRuleHasASignInTheSafetyNetASelfCarePatientReads() {
        Set<String> rulesAboveSoon = Arrays.stream(RedFlagRule.values())
                .filter(rule -> rule.level().isMoreUrgentThan(Level.SOON))
                .map(RedFlagRule::id)
                .collect(Collectors.toSet());
        List<Advice> selfCare = new AdvicePlanner().adviseOn(Level.SELF_CARE,
                BenignAnswers.builder().clear(Question.PREGNANT).build());

        assertThat(SAFETY_NET_SIGN.keySet()).isEqualTo(rulesAboveSoon);
        for (RedFlagRule rule : RedFlagRule.values()) {
            Advice sign = SAFETY_NET_SIGN.get(rule.id());
            if (sign == null) {
                continue;
            }
            assertThat(sign.isListItem()).as(rule.id()).isTrue();
            assertThat(selfCare).as(rule.id()).contains(sign);
            if (rule.level() == Level.EMERGENCY) {
                assertThat(headingOf(selfCare, sign)).as(rule.id()).isEqualTo(Advice.NET_CALL_999);
            }
        }
    }

    @Test
    void theOldFormAdviceNamesEveryWarningQuestionThatAnOlderVersionDidNotAsk() {
        Set<Question> notAskedIn100 = Arrays.stream(Question.values())
                .filter(question -> question.isAskedIn(QuestionnaireVersion.CURRENT))
                .filter(question -> !question.isAskedIn(QuestionnaireVersion.V1_0_0))
                .filter(question -> OlderVersions.readFrom(question, QuestionnaireVersion.V1_0_0).isEmpty())
                .collect(Collectors.toSet());
        List<Advice> advice = new AdvicePlanner().adviseOn(Level.URGENT, BenignAnswers.builderFor1_0_0().build());

        assertThat(notAskedIn100).hasSize(10);
        assertThat(NOT_ASKED_SIGN.keySet()).isEqualTo(notAskedIn100);
        assertThat(advice).containsAll(NOT_ASKED_SIGN.values());
    }

    @Test
    void noAdviceClaimsMoreThanTheAnswersShowOrSuggestsAMedicine() {
        String all = current().map(Advice::text).collect(Collectors.joining(" ")).toLowerCase(Locale.ROOT);

        assertThat(all).doesNotContain("no warning signs", "look after this at home", "settles within", "quinine",
                "ibuprofen", "paracetamol", "tablet");
        assertThat(Advice.ACT_SELF_CARE_NO_DOCTOR_NOW.text()).startsWith("Your answers do not show a need to see a doctor now");
        assertThat(Advice.SELF_CARE_REVIEW.text())
                .contains("not improving within 2 weeks, or you are worried, see a GP or physiotherapist");
    }

    @Test
    void everyAdviceThatMentionsHeatWarnsNeverToPutItOnNumbSkin() {
        List<Advice> all = current().toList();

        assertThat(all).filteredOn(a -> a.kind() == Advice.Kind.SELF_CARE && a.text().matches("(?is).*\\b(heat|warm pack|warm bath)\\b.*"))
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.text()).contains("Never put heat on skin that feels numb"));
    }

    @Test
    void afterAStrainColdComesFirstWithNoHeatOrMassageForTwoDays() {
        String text = Advice.COLD_FIRST_THEN_WARM.text();

        assertThat(text).contains("cold for the first 2 days", "no heat or massage until then");
    }

    @Test
    void theStretchWarnsPeopleWithAHipReplacementAndThoseWhoArePregnant() {
        String text = Advice.STRETCH_GENTLY.text();

        assertThat(text).contains("hip replacement", "physiotherapist", "pregnant", "midwife");
    }

    @Test
    void fluidAndFoodAdviceDeferToADoctorsLimits() {
        String fluids = Advice.FLUIDS.text();
        String food = Advice.FOOD.text();

        assertThat(fluids).contains("unless a doctor has told you to limit fluids");
        assertThat(food).contains("limit potassium");
    }

    @Test
    void urgentAdviceSaysWhatToDoIfNobodyCanSeeThemTodayAndIfItGetsWorse() {
        String urgent = Advice.ACT_URGENT.text();
        String worse = Advice.URGENT_IF_WORSE.text();

        assertThat(urgent).contains("If nobody can see you today");
        assertThat(worse).contains("If it gets worse while you wait");
    }

    @Test
    void whatHappensNextByDefaultSaysNeverToWaitForACallWhenToldToActNow() {
        String next = Advice.WHAT_HAPPENS_NEXT.text();

        assertThat(next).contains("clinician", "look at your answers", "do not wait for anyone to call you");
    }

    @Test
    void headingsEndWithAColonAndSignsAreShortLinesWithoutAFullStop() {
        List<Advice> all = current().toList();

        assertThat(all).filteredOn(Advice::isListItem)
                .allSatisfy(sign -> assertThat(sign.text()).doesNotEndWith(".").hasSizeLessThan(120));
    }

    /** Every piece of advice rule set 1.2.0 may choose (not the deprecated 1.1.0 words). */
    private static java.util.stream.Stream<Advice> current() {
        return Arrays.stream(Advice.values()).filter(a -> !AdvicePlannerUnitTests.isDeprecated(a));
    }

    private static Advice headingOf(List<Advice> advice, Advice item) {
        for (int i = advice.indexOf(item); i >= 0; i--) {
            if (!advice.get(i).isListItem()) {
                return advice.get(i);
            }
        }
        throw new AssertionError(item + " has no heading");
    }
}
