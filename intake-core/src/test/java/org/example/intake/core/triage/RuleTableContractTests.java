package org.example.intake.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The rule table (rule set 1.2.0) is a contract relied on outside this repository. The expected
 * values below are copied from the reviewed and signed-off table, so changing a rule means
 * changing that table first: a new rule set version, reviewed as a whole.
 */
class RuleTableContractTests {

    @Test
    void rulesHaveTheContractIdsAndLevelsInTableOrder() {
        RedFlagRule[] rules = RedFlagRule.values();

        assertThat(rules).extracting(RedFlagRule::id, RedFlagRule::level).containsExactly(
                tuple("CES-SADDLE", Level.EMERGENCY),
                tuple("CES-SPHINCTER", Level.EMERGENCY),
                tuple("CES-BILATERAL-DEFICIT", Level.EMERGENCY),
                tuple("CES-BILATERAL-SCIATICA", Level.EMERGENCY),
                tuple("BILATERAL-NUMBNESS-WORSE", Level.EMERGENCY),
                tuple("CES-SEXUAL-NEURO", Level.EMERGENCY),
                tuple("NEURO-PROGRESSIVE", Level.EMERGENCY),
                tuple("VASC-ACUTE-LIMB", Level.EMERGENCY),
                tuple("VASC-SUDDEN-COLLAPSE", Level.EMERGENCY),
                tuple("SEPSIS-SIGNS", Level.EMERGENCY),
                tuple("COMPARTMENT-RHABDO", Level.EMERGENCY),
                tuple("INF-NEURO", Level.EMERGENCY),
                tuple("MAL-CORD", Level.EMERGENCY),
                tuple("FRAC-NO-WEIGHT-BEARING", Level.EMERGENCY),
                tuple("CES-SEXUAL", Level.URGENT),
                tuple("BILATERAL-NUMBNESS", Level.URGENT),
                tuple("NEURO-WEAKNESS", Level.URGENT),
                tuple("INF-FEVER", Level.URGENT),
                tuple("INF-RISK", Level.URGENT),
                tuple("INF-ABSCESS", Level.URGENT),
                tuple("DVT-SIGNS", Level.URGENT),
                tuple("VASC-REST-PAIN", Level.URGENT),
                tuple("WEIGHT-BEARING-LOST", Level.URGENT),
                tuple("PAIN-SEVERE-NEW", Level.URGENT),
                tuple("BLEED-ANTICOAGULANT", Level.URGENT),
                tuple("MAL-HISTORY", Level.URGENT),
                tuple("MAL-NIGHT-AGE", Level.URGENT),
                tuple("FRAC-TRAUMA", Level.URGENT),
                tuple("FRAC-FRAGILITY", Level.URGENT),
                tuple("AGE-UNDER-16", Level.URGENT),
                tuple("PREG-SEVERE", Level.URGENT),
                tuple("FORM-INCOMPLETE", Level.URGENT),
                tuple("MAL-WEIGHT", Level.SOON),
                tuple("MAL-HISTORY-ROUTINE", Level.SOON),
                tuple("FRAC-TRAUMA-MINOR", Level.SOON),
                tuple("PREG-CARE", Level.SOON),
                tuple("PERSIST-DURATION", Level.SOON),
                tuple("PERSIST-WORSENING", Level.SOON),
                tuple("PERSIST-RECUR-UNEXPLAINED", Level.SOON),
                tuple("NEURO-SENSORY", Level.SOON),
                tuple("SCIATICA-BELOW-KNEE", Level.SOON),
                tuple("FUNCTION-ADL", Level.SOON),
                tuple("VASC-CLAUDICATION", Level.SOON),
                tuple("NIGHT-PAIN", Level.SOON),
                tuple("AGE-NEW-ONSET", Level.SOON),
                tuple("AGE-SEVERE", Level.SOON));
    }

    @Test
    void rulesCarryTheContractCriteriaAndSources() {
        RedFlagRule[] rules = RedFlagRule.values();

        assertThat(rules).extracting(RedFlagRule::id, RedFlagRule::criterion, RedFlagRule::source).containsExactly(
                tuple("CES-SADDLE", "saddle-numbness",
                        "cauda equina (BMJ Best Practice; NICE CKS)"),
                tuple("CES-SPHINCTER", "bladder-change or bowel-change",
                        "cauda equina"),
                tuple("CES-BILATERAL-DEFICIT", "weakness-both-legs",
                        "cauda equina"),
                tuple("CES-BILATERAL-SCIATICA", "pain-both-legs",
                        "NHS sciatica: sciatica on both sides, call 999 or go to A&E"),
                tuple("BILATERAL-NUMBNESS-WORSE", "numbness-both-legs and numbness-worsening",
                        "NHS sciatica: numbness in both legs that is getting worse, call 999"),
                tuple("CES-SEXUAL-NEURO", "sexual-dysfunction and (radiates or numbness-tingling or leg-weakness)",
                        "cauda equina (BMJ Best Practice)"),
                tuple("NEURO-PROGRESSIVE", "leg-weakness and weakness-progressing",
                        "progressive neurological deficit"),
                tuple("VASC-ACUTE-LIMB", "cold-pale-leg",
                        "acute limb ischaemia"),
                tuple("VASC-SUDDEN-COLLAPSE", "sudden-severe-onset",
                        "ruptured aortic aneurysm or internal bleeding (NHS AAA)"),
                tuple("SEPSIS-SIGNS", "very-unwell",
                        "sepsis (NICE NG51; UK Sepsis Trust)"),
                tuple("COMPARTMENT-RHABDO", "tense-swelling-dark-urine",
                        "gluteal compartment syndrome, rhabdomyolysis"),
                tuple("INF-NEURO", "fever and (leg-weakness or numbness-tingling)",
                        "spinal epidural abscess"),
                tuple("MAL-CORD", "cancer-history and leg-weakness",
                        "metastatic spinal cord compression (NICE NG234)"),
                tuple("FRAC-NO-WEIGHT-BEARING", "major-trauma and standing = cannot-stand",
                        "hip or pelvic fracture (NHS hip fracture)"),
                tuple("CES-SEXUAL", "sexual-dysfunction",
                        "cauda equina (less specific alone)"),
                tuple("BILATERAL-NUMBNESS", "numbness-both-legs",
                        "sensory symptoms in both legs: same-day assessment"),
                tuple("NEURO-WEAKNESS", "leg-weakness",
                        "new motor deficit"),
                tuple("INF-FEVER", "fever",
                        "seed: fever; spinal infection"),
                tuple("INF-RISK", "(immunosuppressed or iv-drug-use) and pattern != improving",
                        "infection risk factors"),
                tuple("INF-ABSCESS", "anal-lump",
                        "perianal or pilonidal abscess (NHS abscess)"),
                tuple("DVT-SIGNS", "calf-swelling",
                        "deep vein thrombosis (NHS DVT)"),
                tuple("VASC-REST-PAIN", "rest-pain",
                        "critical limb ischaemia (NICE CG147)"),
                tuple("WEIGHT-BEARING-LOST", "standing = cannot-stand",
                        "fracture or serious injury"),
                tuple("PAIN-SEVERE-NEW", "pain-severity >= 8 and onset in (hours, days) and pattern != improving and daily-activities",
                        "severe new pain that stops normal activity: same-day assessment (aneurysm or bleed without collapse)"),
                tuple("BLEED-ANTICOAGULANT", "blood-thinners and onset in (hours, days) and (pain-severity >= 5 or pattern = worsening or major-trauma)",
                        "bleeding into muscle on anticoagulants shows as swelling or bruising before severe pain"),
                tuple("MAL-HISTORY", "cancer-history and (apparent-cause = false or pattern != improving or night-pain)",
                        "possible metastasis: past cancer is the red flag that most raises the probability (Downie et al., BMJ 2013)"),
                tuple("MAL-NIGHT-AGE", "night-pain and age >= 50 and (weight-loss or pattern = worsening)",
                        "malignancy: single red flags have low predictive value (Henschke et al., Cochrane 2013)"),
                tuple("FRAC-TRAUMA", "major-trauma and (age >= 65 or osteoporosis-steroids or blood-thinners or pain-severity >= 7 or pattern != improving)",
                        "fracture risk after a fall (older age, fragile bones, anticoagulants, severe or unsettled pain)"),
                tuple("FRAC-FRAGILITY", "osteoporosis-steroids and pain-severity >= 7",
                        "fragility fracture"),
                tuple("AGE-UNDER-16", "age < 16",
                        "rule set validated for 16 and over (NICE NG59 scope); a limping child may have a slipped epiphysis or infection: same-day clinician"),
                tuple("PREG-SEVERE", "pregnant and (pain-severity >= 7 or pattern = worsening)",
                        "severe or worsening pain in pregnancy or after birth: same-day midwife or doctor (obstetric causes, clots)"),
                tuple("FORM-INCOMPLETE", "the response answers questionnaire 1.0.0",
                        "1.0.0 never asked ten warning questions (collapse, sepsis, swelling, calf, lump, rest pain, standing, blood thinners, pregnancy, worsening numbness): a clinician asks them today"),
                tuple("MAL-WEIGHT", "weight-loss",
                        "seed: unexplained weight loss (was URGENT: low predictive value alone)"),
                tuple("MAL-HISTORY-ROUTINE", "cancer-history",
                        "past cancer with a clear cause and improving: review within 2 weeks"),
                tuple("FRAC-TRAUMA-MINOR", "major-trauma",
                        "a fall or blow without the risk signs above"),
                tuple("PREG-CARE", "pregnant",
                        "pelvic girdle pain is common in pregnancy: midwife or physiotherapist"),
                tuple("PERSIST-DURATION", "onset = over-6-weeks",
                        "seed: persistent"),
                tuple("PERSIST-WORSENING", "pattern = worsening",
                        "seed: worsening"),
                tuple("PERSIST-RECUR-UNEXPLAINED", "frequency in (weekly, daily-or-constant) and apparent-cause = false",
                        "seed: recurs without apparent cause"),
                tuple("NEURO-SENSORY", "numbness-tingling",
                        "seed: numbness, tingling"),
                tuple("SCIATICA-BELOW-KNEE", "radiates-below-knee",
                        "seed: radiating below the knee"),
                tuple("FUNCTION-ADL", "daily-activities",
                        "seed: interferes with daily activities"),
                tuple("VASC-CLAUDICATION", "walking-claudication",
                        "vascular claudication"),
                tuple("NIGHT-PAIN", "night-pain",
                        "non-mechanical pain"),
                tuple("AGE-NEW-ONSET", "age >= 50 and onset != over-6-weeks and apparent-cause = false",
                        "new pain over 50"),
                tuple("AGE-SEVERE", "age >= 65 and pain-severity >= 7",
                        "severe pain in older age"));
    }

    @Test
    void everyRuleExplainsItselfToTheClinician() {
        RedFlagRule[] rules = RedFlagRule.values();

        assertThat(rules).allSatisfy(rule -> assertThat(rule.rationale()).isNotBlank().doesNotContain("|"));
    }

    @Test
    void ruleSetVersionIs1_2_0() {
        String version = RuleSet.VERSION;

        assertThat(version).isEqualTo("1.2.0");
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
