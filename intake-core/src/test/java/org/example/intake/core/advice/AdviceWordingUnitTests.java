package org.example.intake.core.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;
import org.junit.jupiter.api.Test;

/**
 * The advice says what DESIGN.md section 4 asks, and no more: honest self-care wording, no
 * medicine, cold first after a strain, never heat on numb skin, and safety-netting that names
 * every trigger of every EMERGENCY and URGENT rule. The phrases below are the patient-facing
 * words for each trigger; a new rule without one fails here.
 */
class AdviceWordingUnitTests {

    /** For each rule above SOON, a phrase the matching safety-net list must contain. */
    private static final Map<String, String> SAFETY_NET_PHRASE = Map.ofEntries(
            Map.entry("CES-SADDLE", "numbness around your genitals or back passage"),
            Map.entry("CES-SPHINCTER", "new trouble passing urine or controlling your bowels"),
            Map.entry("CES-BILATERAL-DEFICIT", "pain spreading down both legs"),
            Map.entry("CES-BILATERAL-SCIATICA", "pain spreading down both legs"),
            Map.entry("CES-SEXUAL-NEURO", "new problems with sexual function together with leg pain"),
            Map.entry("NEURO-PROGRESSIVE", "weakness in a leg that is new or getting worse"),
            Map.entry("VASC-ACUTE-LIMB", "a cold, pale or blue leg"),
            Map.entry("VASC-SUDDEN-COLLAPSE", "fainting, or going cold, clammy and pale"),
            Map.entry("SEPSIS-SIGNS", "new confusion or no urine all day"),
            Map.entry("COMPARTMENT-RHABDO", "a badly swollen, hard buttock or cola-coloured urine"),
            Map.entry("INF-NEURO", "above all with a fever"),
            Map.entry("MAL-CORD", "if you have had cancer"),
            Map.entry("FRAC-NO-WEIGHT-BEARING", "not being able to stand after a fall"),
            Map.entry("CES-SEXUAL", "new problems with sexual function"),
            Map.entry("BILATERAL-NUMBNESS", "pain spreading down both legs"),
            Map.entry("NEURO-WEAKNESS", "weakness in a leg that is new"),
            Map.entry("INF-FEVER", "fever (38 °C or more) or shivering"),
            Map.entry("INF-RISK", "pain that painkillers do not control"),
            Map.entry("INF-ABSCESS", "a painful lump near your back passage"),
            Map.entry("DVT-SIGNS", "a swollen, painful calf"),
            Map.entry("VASC-REST-PAIN", "foot pain at rest or sores that will not heal"),
            Map.entry("WEIGHT-BEARING-LOST", "not being able to stand on the painful side"),
            Map.entry("PAIN-SEVERE-NEW", "severe new pain"),
            Map.entry("BLEED-ANTICOAGULANT", "severe pain while you take a blood thinner"),
            Map.entry("MAL-HISTORY", "if you have had cancer"),
            Map.entry("MAL-WEIGHT", "weight loss you cannot explain"),
            Map.entry("MAL-NIGHT-AGE", "pain at night that rest does not ease, if you are 50 or over"),
            Map.entry("FRAC-TRAUMA", "not being able to stand after a fall"),
            Map.entry("FRAC-FRAGILITY", "pain that painkillers do not control"),
            Map.entry("AGE-UNDER-16", "pain that painkillers do not control"));

    /** For each question 1.0.0 did not ask, a phrase the old-form advice must contain. */
    private static final Map<String, String> NOT_ASKED_PHRASE = Map.of(
            "can-bear-weight", "you cannot stand on the painful side",
            "rest-pain", "your foot hurts at rest or has sores that will not heal",
            "sudden-severe-onset", "you fainted or nearly fainted, or went cold, clammy and pale",
            "very-unwell", "new confusion, severe breathlessness, blue, grey or blotchy skin, or no urine all day",
            "tense-swelling-dark-urine", "buttock is badly swollen and hard, or your urine is dark brown like cola",
            "calf-swelling", "one calf or leg is swollen and painful",
            "anal-lump", "a painful lump near your back passage",
            "blood-thinners", "you take a blood thinner and the pain is severe");

    @Test
    void everyEmergencyAndUrgentRuleHasAPhraseInTheSafetyNetOfItsLevel() {
        Set<String> rulesAboveSoon = Arrays.stream(RedFlagRule.values())
                .filter(rule -> rule.level().isMoreUrgentThan(Level.SOON))
                .map(RedFlagRule::id)
                .collect(Collectors.toSet());

        assertThat(SAFETY_NET_PHRASE.keySet()).isEqualTo(rulesAboveSoon);
        for (RedFlagRule rule : RedFlagRule.values()) {
            if (rule.level() == Level.EMERGENCY) {
                assertThat(Advice.NET_EMERGENCY.text()).as(rule.id()).contains(SAFETY_NET_PHRASE.get(rule.id()));
            } else if (rule.level() == Level.URGENT) {
                assertThat(Advice.NET_URGENT.text() + " " + Advice.NET_EMERGENCY.text()).as(rule.id())
                        .contains(SAFETY_NET_PHRASE.get(rule.id()));
            }
        }
    }

    @Test
    void theOldFormAdviceNamesEveryQuestionThatQuestionnaire1_0_0DidNotAsk() {
        Set<String> notAsked = Arrays.stream(Question.values())
                .filter(question -> !question.isAskedIn(QuestionnaireVersion.V1_0_0))
                .map(Question::linkId)
                .collect(Collectors.toSet());

        assertThat(NOT_ASKED_PHRASE.keySet()).isEqualTo(notAsked);
        assertThat(NOT_ASKED_PHRASE.values())
                .allSatisfy(phrase -> assertThat(Advice.NOT_ASKED_BEFORE_1_1_0.text()).contains(phrase));
    }

    @Test
    void noAdviceClaimsMoreThanTheAnswersShowOrSuggestsAMedicine() {
        String all = Arrays.stream(Advice.values()).map(Advice::text).collect(Collectors.joining(" "))
                .toLowerCase(Locale.ROOT);

        assertThat(all).doesNotContain("no warning signs", "settles within", "quinine", "ibuprofen", "paracetamol",
                "tablet");
        assertThat(Advice.ACT_SELF_CARE.text()).contains("no sign that you need to see a doctor now");
        assertThat(Advice.SELF_CARE_REVIEW.text())
                .contains("not improving within 2 weeks, or you are worried, see a GP or physiotherapist");
    }

    @Test
    void everyAdviceThatMentionsHeatWarnsNeverToPutItOnNumbSkin() {
        Advice[] all = Advice.values();

        assertThat(all).filteredOn(a -> a.kind() == Advice.Kind.SELF_CARE && a.text().matches("(?is).*\\b(heat|warm compress|warm bath)\\b.*"))
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.text()).contains("Never put heat on skin that feels numb"));
    }

    @Test
    void afterAStrainColdComesFirstWithNoHeatOrMassageForTwoDays() {
        String text = Advice.COLD_FIRST.text();

        assertThat(text).contains("cold for the first 2 days", "no heat or massage until then");
    }

    @Test
    void theStretchWarnsPeopleWithAHipReplacement() {
        String text = Advice.STRETCH.text();

        assertThat(text).contains("hip replacement", "physiotherapist");
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
}
