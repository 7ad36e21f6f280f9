package org.example.intake.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The rule table of DESIGN.md section 4 is a contract relied on outside this repository. The
 * expected values below are copied by hand from that table, so changing a rule means changing
 * the design first.
 */
class RuleTableContractTests {

    @Test
    void rulesHaveTheContractIdsAndLevelsInTableOrder() {
        RedFlagRule[] rules = RedFlagRule.values();

        assertThat(rules).extracting(RedFlagRule::id, RedFlagRule::level).containsExactly(
                tuple("CES-SADDLE", Level.EMERGENCY),
                tuple("CES-SPHINCTER", Level.EMERGENCY),
                tuple("CES-BILATERAL-DEFICIT", Level.EMERGENCY),
                tuple("NEURO-PROGRESSIVE", Level.EMERGENCY),
                tuple("VASC-ACUTE-LIMB", Level.EMERGENCY),
                tuple("CES-SEXUAL", Level.URGENT),
                tuple("CES-BILATERAL-SCIATICA", Level.URGENT),
                tuple("NEURO-WEAKNESS", Level.URGENT),
                tuple("INF-FEVER", Level.URGENT),
                tuple("INF-RISK", Level.URGENT),
                tuple("MAL-HISTORY", Level.URGENT),
                tuple("MAL-WEIGHT", Level.URGENT),
                tuple("MAL-NIGHT-AGE", Level.URGENT),
                tuple("FRAC-TRAUMA", Level.URGENT),
                tuple("FRAC-FRAGILITY", Level.URGENT),
                tuple("PERSIST-DURATION", Level.SOON),
                tuple("PERSIST-WORSENING", Level.SOON),
                tuple("PERSIST-RECUR-UNEXPLAINED", Level.SOON),
                tuple("NEURO-SENSORY", Level.SOON),
                tuple("SCIATICA-BELOW-KNEE", Level.SOON),
                tuple("FUNCTION-ADL", Level.SOON),
                tuple("VASC-CLAUDICATION", Level.SOON),
                tuple("NIGHT-PAIN", Level.SOON),
                tuple("AGE-NEW-ONSET", Level.SOON));
    }

    @Test
    void rulesCarryTheContractCriteriaAndSources() {
        RedFlagRule[] rules = RedFlagRule.values();

        assertThat(rules).extracting(RedFlagRule::id, RedFlagRule::criterion, RedFlagRule::source).containsExactly(
                tuple("CES-SADDLE", "saddle-numbness", "cauda equina (BMJ Best Practice; NICE CKS)"),
                tuple("CES-SPHINCTER", "bladder-change or bowel-change", "cauda equina"),
                tuple("CES-BILATERAL-DEFICIT", "both-legs and leg-weakness", "cauda equina"),
                tuple("NEURO-PROGRESSIVE", "leg-weakness and weakness-progressing", "progressive neurological deficit"),
                tuple("VASC-ACUTE-LIMB", "cold-pale-leg", "acute limb ischaemia"),
                tuple("CES-SEXUAL", "sexual-dysfunction", "cauda equina (less specific alone)"),
                tuple("CES-BILATERAL-SCIATICA", "both-legs", "bilateral sciatica"),
                tuple("NEURO-WEAKNESS", "leg-weakness", "new motor deficit"),
                tuple("INF-FEVER", "fever", "seed: fever; spinal infection"),
                tuple("INF-RISK", "(immunosuppressed or iv-drug-use) and pattern != improving",
                        "infection risk factors"),
                tuple("MAL-HISTORY", "cancer-history", "possible metastasis"),
                tuple("MAL-WEIGHT", "weight-loss", "seed: unexplained weight loss"),
                tuple("MAL-NIGHT-AGE", "night-pain and age >= 50", "malignancy red flags"),
                tuple("FRAC-TRAUMA", "major-trauma", "fracture"),
                tuple("FRAC-FRAGILITY", "osteoporosis-steroids and pain-severity >= 7", "fragility fracture"),
                tuple("PERSIST-DURATION", "onset = over-6-weeks", "seed: persistent"),
                tuple("PERSIST-WORSENING", "pattern = worsening", "seed: worsening"),
                tuple("PERSIST-RECUR-UNEXPLAINED",
                        "frequency in (weekly, daily-or-constant) and apparent-cause = false",
                        "seed: recurs without apparent cause"),
                tuple("NEURO-SENSORY", "numbness-tingling", "seed: numbness, tingling"),
                tuple("SCIATICA-BELOW-KNEE", "radiates-below-knee", "seed: radiating below the knee"),
                tuple("FUNCTION-ADL", "daily-activities", "seed: interferes with daily activities"),
                tuple("VASC-CLAUDICATION", "walking-claudication", "vascular claudication"),
                tuple("NIGHT-PAIN", "night-pain", "non-mechanical pain"),
                tuple("AGE-NEW-ONSET", "age >= 50 and onset != over-6-weeks and apparent-cause = false",
                        "new pain over 50"));
    }

    @Test
    void everyRuleExplainsItselfToTheClinician() {
        RedFlagRule[] rules = RedFlagRule.values();

        assertThat(rules).allSatisfy(rule -> assertThat(rule.rationale()).isNotBlank().doesNotContain("|"));
    }

    @Test
    void ruleSetVersionIs1_0_0() {
        String version = RuleSet.VERSION;

        assertThat(version).isEqualTo("1.0.0");
    }

    @Test
    void levelsAreOrderedHighestFirstWithTheirReferralWindows() {
        Level[] levels = Level.values();

        assertThat(levels).extracting(Level::name, level -> level.referralWindow().orElse(null)).containsExactly(
                tuple("EMERGENCY", Duration.ofHours(4)),
                tuple("URGENT", Duration.ofHours(24)),
                tuple("SOON", Duration.ofDays(14)),
                tuple("SELF_CARE", null));
    }

    @Test
    void eachLevelIsMoreUrgentThanTheOnesAfterItAndNoOthers() {
        Level[] levels = Level.values();

        for (int i = 0; i < levels.length; i++) {
            for (int j = 0; j < levels.length; j++) {
                assertThat(levels[i].isMoreUrgentThan(levels[j]))
                        .as("%s more urgent than %s", levels[i], levels[j])
                        .isEqualTo(i < j);
            }
        }
    }

    @Test
    void everyLevelButSelfCareNeedsAReferral() {
        Level[] levels = Level.values();

        assertThat(Arrays.stream(levels).filter(Level::needsReferral))
                .containsExactly(Level.EMERGENCY, Level.URGENT, Level.SOON);
    }
}
