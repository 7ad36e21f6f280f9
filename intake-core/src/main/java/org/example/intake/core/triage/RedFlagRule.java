package org.example.intake.core.triage;

import static org.example.intake.core.answers.Question.AGE;
import static org.example.intake.core.answers.Question.ANAL_LUMP;
import static org.example.intake.core.answers.Question.APPARENT_CAUSE;
import static org.example.intake.core.answers.Question.BLADDER_CHANGE;
import static org.example.intake.core.answers.Question.BLOOD_THINNERS;
import static org.example.intake.core.answers.Question.BOWEL_CHANGE;
import static org.example.intake.core.answers.Question.CALF_SWELLING;
import static org.example.intake.core.answers.Question.CANCER_HISTORY;
import static org.example.intake.core.answers.Question.COLD_PALE_LEG;
import static org.example.intake.core.answers.Question.DAILY_ACTIVITIES;
import static org.example.intake.core.answers.Question.FEVER;
import static org.example.intake.core.answers.Question.IMMUNOSUPPRESSED;
import static org.example.intake.core.answers.Question.IV_DRUG_USE;
import static org.example.intake.core.answers.Question.LEG_WEAKNESS;
import static org.example.intake.core.answers.Question.MAJOR_TRAUMA;
import static org.example.intake.core.answers.Question.NUMBNESS_BOTH_LEGS;
import static org.example.intake.core.answers.Question.NUMBNESS_TINGLING;
import static org.example.intake.core.answers.Question.NUMBNESS_WORSENING;
import static org.example.intake.core.answers.Question.OSTEOPOROSIS_STEROIDS;
import static org.example.intake.core.answers.Question.PAIN_BOTH_LEGS;
import static org.example.intake.core.answers.Question.PAIN_SEVERITY;
import static org.example.intake.core.answers.Question.PREGNANT;
import static org.example.intake.core.answers.Question.RADIATES;
import static org.example.intake.core.answers.Question.RADIATES_BELOW_KNEE;
import static org.example.intake.core.answers.Question.REST_PAIN;
import static org.example.intake.core.answers.Question.SADDLE_NUMBNESS;
import static org.example.intake.core.answers.Question.SEXUAL_DYSFUNCTION;
import static org.example.intake.core.answers.Question.SUDDEN_SEVERE_ONSET;
import static org.example.intake.core.answers.Question.TENSE_SWELLING_DARK_URINE;
import static org.example.intake.core.answers.Question.VERY_UNWELL;
import static org.example.intake.core.answers.Question.WALKING_CLAUDICATION;
import static org.example.intake.core.answers.Question.WEAKNESS_BOTH_LEGS;
import static org.example.intake.core.answers.Question.WEAKNESS_PROGRESSING;
import static org.example.intake.core.answers.Question.WEIGHT_LOSS;
import static org.example.intake.core.triage.Level.EMERGENCY;
import static org.example.intake.core.triage.Level.SOON;
import static org.example.intake.core.triage.Level.URGENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;

import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.Frequency;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.OlderVersions;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.answers.Standing;

/**
 * The red-flag rules of rule set {@value RuleSet#VERSION}, one constant per rule, in the order of
 * the rule table (the README's "Red-flag rules", rendered from this enum by {@link RuleTable}):
 * most urgent first. Each carries its id, the level it calls for, the reason in plain words for
 * the clinician, where the criterion comes from, and the criterion itself in the table's words
 * beside the code that applies it.
 *
 * <p>A rule reads answers in the current questionnaire's terms ({@link IntakeAnswers#inCurrentTerms()}:
 * an older version's {@code both-legs} and {@code can-bear-weight} answer the questions that
 * replaced them), and only answers that are present and enabled: an unanswered or disabled
 * question makes every comparison on it false ("= false" needs an answer of false, "!=" needs
 * an answer), so it fires nothing.
 */
public enum RedFlagRule {

    /** Numbness in the saddle area: the most specific early sign of cauda equina compression. */
    CES_SADDLE("CES-SADDLE", EMERGENCY,
            "Saddle numbness (genitals, back passage, inner thighs) can mean the cauda equina nerves are compressed.",
            "cauda equina (BMJ Best Practice; NICE CKS)",
            "saddle-numbness",
            a -> a.isTrue(SADDLE_NUMBNESS)),

    /** New bladder or bowel disturbance: cauda equina compression until proven otherwise. */
    CES_SPHINCTER("CES-SPHINCTER", EMERGENCY,
            "New bladder or bowel disturbance (retention, loss of bladder sensation, overflow, loss of bowel control) can mean cauda equina compression; delay risks permanent loss of function.",
            "cauda equina",
            "bladder-change or bowel-change",
            a -> a.isTrue(BLADDER_CHANGE) || a.isTrue(BOWEL_CHANGE)),

    /** New weakness in both legs: a bilateral motor deficit points to the cauda equina. */
    CES_BILATERAL_DEFICIT("CES-BILATERAL-DEFICIT", EMERGENCY,
            "New weakness in both legs suggests compression of several nerve roots (cauda equina).",
            "cauda equina",
            "weakness-both-legs",
            a -> a.isTrue(WEAKNESS_BOTH_LEGS)),

    /** Pain spreading down both legs: bilateral sciatica. */
    CES_BILATERAL_SCIATICA("CES-BILATERAL-SCIATICA", EMERGENCY,
            "Sciatica in both legs can be the start of cauda equina compression; NHS guidance says call 999 or go to A&E.",
            "NHS sciatica: sciatica on both sides, call 999 or go to A&E",
            "pain-both-legs",
            a -> a.isTrue(PAIN_BOTH_LEGS)),

    /** New numbness in both legs that is getting worse or spreading. */
    BILATERAL_NUMBNESS_WORSE("BILATERAL-NUMBNESS-WORSE", EMERGENCY,
            "New numbness or tingling in both legs that is getting worse or spreading can be progressing cauda equina compression.",
            "NHS sciatica: numbness in both legs that is getting worse, call 999",
            "numbness-both-legs and numbness-worsening",
            a -> a.isTrue(NUMBNESS_BOTH_LEGS) && a.isTrue(NUMBNESS_WORSENING)),

    /** New sexual dysfunction together with leg nerve symptoms: a cauda equina picture. */
    CES_SEXUAL_NEURO("CES-SEXUAL-NEURO", EMERGENCY,
            "New loss of sexual function or sensation together with leg pain, numbness or weakness can mean cauda equina compression.",
            "cauda equina (BMJ Best Practice)",
            "sexual-dysfunction and (radiates or numbness-tingling or leg-weakness)",
            a -> a.isTrue(SEXUAL_DYSFUNCTION)
                    && (a.isTrue(RADIATES) || a.isTrue(NUMBNESS_TINGLING) || a.isTrue(LEG_WEAKNESS))),

    /** Leg weakness getting worse over hours or days: a progressing nerve deficit. */
    NEURO_PROGRESSIVE("NEURO-PROGRESSIVE", EMERGENCY,
            "New leg weakness that is getting worse over hours or days is a progressing nerve deficit.",
            "progressive neurological deficit",
            "leg-weakness and weakness-progressing",
            a -> a.isTrue(LEG_WEAKNESS) && a.isTrue(WEAKNESS_PROGRESSING)),

    /** A leg suddenly cold, pale or blue compared with the other: the blood supply may be blocked. */
    VASC_ACUTE_LIMB("VASC-ACUTE-LIMB", EMERGENCY,
            "A leg or foot that has suddenly become cold, pale or blue compared with the other can mean its blood supply is blocked (acute limb ischaemia).",
            "acute limb ischaemia",
            "cold-pale-leg",
            a -> a.isTrue(COLD_PALE_LEG)),

    /** Fainting or shock at the onset: a ruptured aortic aneurysm or internal bleeding. */
    VASC_SUDDEN_COLLAPSE("VASC-SUDDEN-COLLAPSE", EMERGENCY,
            "Fainting, or going cold, clammy and pale as the pain began, can mean a ruptured aortic aneurysm or internal bleeding.",
            "ruptured aortic aneurysm or internal bleeding (NHS AAA)",
            "sudden-severe-onset",
            a -> a.isTrue(SUDDEN_SEVERE_ONSET)),

    /** Confusion, severe breathlessness, mottled skin or no urine: signs of sepsis. */
    SEPSIS_SIGNS("SEPSIS-SIGNS", EMERGENCY,
            "New confusion, severe breathlessness, blue, grey or blotchy skin or no urine all day are signs of sepsis or another life-threatening illness.",
            "sepsis (NICE NG51; UK Sepsis Trust)",
            "very-unwell",
            a -> a.isTrue(VERY_UNWELL)),

    /** A tense, swollen buttock or cola-coloured urine: compartment syndrome or rhabdomyolysis. */
    COMPARTMENT_RHABDO("COMPARTMENT-RHABDO", EMERGENCY,
            "A badly swollen, hard buttock or cola-coloured urine can mean gluteal compartment syndrome or muscle breakdown (rhabdomyolysis), which can harm the kidneys.",
            "gluteal compartment syndrome, rhabdomyolysis",
            "tense-swelling-dark-urine",
            a -> a.isTrue(TENSE_SWELLING_DARK_URINE)),

    /** Fever with nerve symptoms: a spinal epidural abscess. */
    INF_NEURO("INF-NEURO", EMERGENCY,
            "Fever with new leg weakness, numbness or tingling can mean a spinal epidural abscess pressing on the nerves.",
            "spinal epidural abscess",
            "fever and (leg-weakness or numbness-tingling)",
            a -> a.isTrue(FEVER) && (a.isTrue(LEG_WEAKNESS) || a.isTrue(NUMBNESS_TINGLING))),

    /** A past cancer with leg weakness: metastatic spinal cord compression. */
    MAL_CORD("MAL-CORD", EMERGENCY,
            "New leg weakness in someone who has had cancer can mean metastatic spinal cord compression, which needs treatment within hours.",
            "metastatic spinal cord compression (NICE NG234)",
            "cancer-history and leg-weakness",
            a -> a.isTrue(CANCER_HISTORY) && a.isTrue(LEG_WEAKNESS)),

    /** A fall, accident or blow, and now unable to stand: hip or pelvic fracture. */
    FRAC_NO_WEIGHT_BEARING("FRAC-NO-WEIGHT-BEARING", EMERGENCY,
            "Not being able to stand and take weight after a fall, accident or blow can mean a hip or pelvic fracture.",
            "hip or pelvic fracture (NHS hip fracture)",
            "major-trauma and standing = cannot-stand",
            a -> a.isTrue(MAJOR_TRAUMA) && is(a.standing(), s -> s == Standing.CANNOT_STAND)),

    /** New sexual dysfunction: a cauda equina sign, less specific on its own. */
    CES_SEXUAL("CES-SEXUAL", URGENT,
            "New loss of sexual function or sensation can be a sign of cauda equina compression, though less specific alone.",
            "cauda equina (less specific alone)",
            "sexual-dysfunction",
            a -> a.isTrue(SEXUAL_DYSFUNCTION)),

    /** New numbness or tingling in both legs, not getting worse: same-day assessment. */
    BILATERAL_NUMBNESS("BILATERAL-NUMBNESS", URGENT,
            "New numbness or pins and needles in both legs needs examination the same day; it is an emergency when it gets worse or spreads.",
            "sensory symptoms in both legs: same-day assessment",
            "numbness-both-legs",
            a -> a.isTrue(NUMBNESS_BOTH_LEGS)),

    /** New leg or foot weakness: a new motor deficit. */
    NEURO_WEAKNESS("NEURO-WEAKNESS", URGENT,
            "New weakness in the leg or foot is a new motor deficit and needs examination the same day.",
            "new motor deficit",
            "leg-weakness",
            a -> a.isTrue(LEG_WEAKNESS)),

    /** Fever: possible spinal or deep infection. */
    INF_FEVER("INF-FEVER", URGENT,
            "Fever with buttock or back pain can mean a spinal or deep infection.",
            "seed: fever; spinal infection",
            "fever",
            a -> a.isTrue(FEVER)),

    /** Immunosuppression or injected drugs, with pain that is not improving: infection risk. */
    INF_RISK("INF-RISK", URGENT,
            "A weakened immune system or injecting drugs raises the risk of spinal infection, and the pain is not improving.",
            "infection risk factors",
            "(immunosuppressed or iv-drug-use) and pattern != improving",
            a -> (a.isTrue(IMMUNOSUPPRESSED) || a.isTrue(IV_DRUG_USE)) && is(a.pattern(), p -> p != Pattern.IMPROVING)),

    /** A painful lump near the back passage: a perianal or pilonidal abscess. */
    INF_ABSCESS("INF-ABSCESS", URGENT,
            "A painful, swollen lump near the back passage or between the buttocks is likely an abscess, which usually needs draining.",
            "perianal or pilonidal abscess (NHS abscess)",
            "anal-lump",
            a -> a.isTrue(ANAL_LUMP)),

    /** A swollen, painful calf: deep vein thrombosis. */
    DVT_SIGNS("DVT-SIGNS", URGENT,
            "A swollen, warm, red or darker, painful calf or leg can be a deep vein thrombosis (blood clot).",
            "deep vein thrombosis (NHS DVT)",
            "calf-swelling",
            a -> a.isTrue(CALF_SWELLING)),

    /** Foot pain at rest or sores that will not heal: critical limb ischaemia. */
    VASC_REST_PAIN("VASC-REST-PAIN", URGENT,
            "Foot or toe pain at rest, or leg or foot sores that will not heal, can mean critical limb ischaemia.",
            "critical limb ischaemia (NICE CG147)",
            "rest-pain",
            a -> a.isTrue(REST_PAIN)),

    /** Unable to stand since the pain started (and able before): fracture or serious injury. */
    WEIGHT_BEARING_LOST("WEIGHT-BEARING-LOST", URGENT,
            "Not being able to stand and take weight since the pain started can mean a fracture or another serious injury.",
            "fracture or serious injury",
            "standing = cannot-stand",
            a -> is(a.standing(), s -> s == Standing.CANNOT_STAND)),

    /** Severe pain that began in the last days, is not improving and stops normal activity. */
    PAIN_SEVERE_NEW("PAIN-SEVERE-NEW", URGENT,
            "Severe pain (8 or more) that began in the last days, is not improving and stops normal activity needs assessment the same day (an aneurysm or a bleed can present without collapse).",
            "severe new pain that stops normal activity: same-day assessment (aneurysm or bleed without collapse)",
            "pain-severity >= 8 and onset in (hours, days) and pattern != improving and daily-activities",
            a -> atLeast(a, PAIN_SEVERITY, 8) && is(a.onset(), o -> o == Onset.HOURS || o == Onset.DAYS)
                    && is(a.pattern(), p -> p != Pattern.IMPROVING) && a.isTrue(DAILY_ACTIVITIES)),

    /** New pain on anticoagulants that is moderate, worsening or after an injury: bleeding into the muscle. */
    BLEED_ANTICOAGULANT("BLEED-ANTICOAGULANT", URGENT,
            "New pain in someone taking a blood thinner that is moderate or worse (5 or more), getting worse or followed an injury can mean bleeding into the muscle, which shows as swelling or bruising before the pain is severe.",
            "bleeding into muscle on anticoagulants shows as swelling or bruising before severe pain",
            "blood-thinners and onset in (hours, days) and (pain-severity >= 5 or pattern = worsening or major-trauma)",
            a -> a.isTrue(BLOOD_THINNERS) && is(a.onset(), o -> o == Onset.HOURS || o == Onset.DAYS)
                    && (atLeast(a, PAIN_SEVERITY, 5) || is(a.pattern(), p -> p == Pattern.WORSENING)
                            || a.isTrue(MAJOR_TRAUMA))),

    /** A past cancer with a second sign: no clear cause, not improving, or night pain. */
    MAL_HISTORY("MAL-HISTORY", URGENT,
            "A past cancer with pain that has no clear cause, is not improving or comes at night could mean spread to the bone (metastasis).",
            "possible metastasis: past cancer is the red flag that most raises the probability (Downie et al., BMJ 2013)",
            "cancer-history and (apparent-cause = false or pattern != improving or night-pain)",
            a -> a.isTrue(CANCER_HISTORY) && (a.isFalse(APPARENT_CAUSE) || is(a.pattern(), p -> p != Pattern.IMPROVING)
                    || a.isTrue(Question.NIGHT_PAIN))),

    /** Night pain at 50 or older with weight loss or worsening: malignancy red flags together. */
    MAL_NIGHT_AGE("MAL-NIGHT-AGE", URGENT,
            "Pain at night that stays when lying still, at age 50 or over, together with weight loss or worsening pain, is a red flag for cancer.",
            "malignancy: single red flags have low predictive value (Henschke et al., Cochrane 2013)",
            "night-pain and age >= 50 and (weight-loss or pattern = worsening)",
            a -> a.isTrue(Question.NIGHT_PAIN) && atLeast(a, AGE, 50)
                    && (a.isTrue(WEIGHT_LOSS) || is(a.pattern(), p -> p == Pattern.WORSENING))),

    /** A fall, accident or blow with a fracture risk sign. */
    FRAC_TRAUMA("FRAC-TRAUMA", URGENT,
            "Pain after a fall, accident or blow, at 65 or over, with fragile bones or a blood thinner, or with severe or unsettled pain, may come from a fracture.",
            "fracture risk after a fall (older age, fragile bones, anticoagulants, severe or unsettled pain)",
            "major-trauma and (age >= 65 or osteoporosis-steroids or blood-thinners or pain-severity >= 7 or pattern != improving)",
            a -> a.isTrue(MAJOR_TRAUMA) && (atLeast(a, AGE, 65) || a.isTrue(OSTEOPOROSIS_STEROIDS)
                    || a.isTrue(BLOOD_THINNERS) || atLeast(a, PAIN_SEVERITY, 7)
                    || is(a.pattern(), p -> p != Pattern.IMPROVING))),

    /** Osteoporosis or long-term steroids with severe pain: possible fragility fracture. */
    FRAC_FRAGILITY("FRAC-FRAGILITY", URGENT,
            "Severe pain (7 or more) with osteoporosis or long-term steroids may be a fragility fracture.",
            "fragility fracture",
            "osteoporosis-steroids and pain-severity >= 7",
            a -> a.isTrue(OSTEOPOROSIS_STEROIDS) && atLeast(a, PAIN_SEVERITY, 7)),

    /** Under 16: outside the validated scope; a limping child needs a clinician the same day. */
    AGE_UNDER_16("AGE-UNDER-16", URGENT,
            "These rules are validated for people aged 16 and over; a child with hip or buttock pain may have a slipped growth plate or an infection.",
            "rule set validated for 16 and over (NICE NG59 scope); a limping child may have a slipped epiphysis or infection: same-day clinician",
            "age < 16",
            a -> a.integer(AGE).orElse(Integer.MAX_VALUE) < 16),

    /** Severe or worsening pain in pregnancy or within 6 weeks of a birth. */
    PREG_SEVERE("PREG-SEVERE", URGENT,
            "Severe (7 or more) or worsening pain in pregnancy or in the 6 weeks after a birth needs a midwife or doctor the same day (obstetric causes, blood clots).",
            "severe or worsening pain in pregnancy or after birth: same-day midwife or doctor (obstetric causes, clots)",
            "pregnant and (pain-severity >= 7 or pattern = worsening)",
            a -> a.isTrue(PREGNANT) && (atLeast(a, PAIN_SEVERITY, 7) || is(a.pattern(), p -> p == Pattern.WORSENING))),

    /** An answer to the retired 1.0.0, which never asked ten warning questions. */
    FORM_INCOMPLETE("FORM-INCOMPLETE", URGENT,
            "The patient answered questionnaire 1.0.0, which never asked ten warning questions (collapse, sepsis, swelling, calf, lump, rest pain, standing, blood thinners, pregnancy, worsening numbness): a clinician asks them today.",
            "1.0.0 never asked ten warning questions (collapse, sepsis, swelling, calf, lump, rest pain, standing, blood thinners, pregnancy, worsening numbness): a clinician asks them today",
            "the response answers questionnaire 1.0.0",
            a -> a.version() == QuestionnaireVersion.V1_0_0),

    /** Unexplained weight loss: possible malignancy, low predictive value alone. */
    MAL_WEIGHT("MAL-WEIGHT", SOON,
            "Weight loss without trying (about 3 kg or more in 6 months) with pain can be a sign of cancer; alone it has low predictive value, so within 2 weeks.",
            "seed: unexplained weight loss (was URGENT: low predictive value alone)",
            "weight-loss",
            a -> a.isTrue(WEIGHT_LOSS)),

    /** A past cancer with a clear cause and improving pain. */
    MAL_HISTORY_ROUTINE("MAL-HISTORY-ROUTINE", SOON,
            "A past cancer, even with a clear cause and improving pain, is worth a clinician's review within 2 weeks.",
            "past cancer with a clear cause and improving: review within 2 weeks",
            "cancer-history",
            a -> a.isTrue(CANCER_HISTORY)),

    /** A fall or blow without the fracture risk signs. */
    FRAC_TRAUMA_MINOR("FRAC-TRAUMA-MINOR", SOON,
            "Pain after a fall, accident or blow, without the fracture risk signs, is worth a review within 2 weeks.",
            "a fall or blow without the risk signs above",
            "major-trauma",
            a -> a.isTrue(MAJOR_TRAUMA)),

    /** Pregnancy or a birth in the last 6 weeks. */
    PREG_CARE("PREG-CARE", SOON,
            "Pelvic girdle pain is common in pregnancy and after birth; a midwife or physiotherapist can help.",
            "pelvic girdle pain is common in pregnancy: midwife or physiotherapist",
            "pregnant",
            a -> a.isTrue(PREGNANT)),

    /** Pain for more than 6 weeks: persistent. */
    PERSIST_DURATION("PERSIST-DURATION", SOON,
            "Cramps or pain for more than 6 weeks are persistent and need a diagnosis.",
            "seed: persistent",
            "onset = over-6-weeks",
            a -> is(a.onset(), o -> o == Onset.OVER_6_WEEKS)),

    /** Getting worse. */
    PERSIST_WORSENING("PERSIST-WORSENING", SOON,
            "Cramps that are getting worse need assessment.",
            "seed: worsening",
            "pattern = worsening",
            a -> is(a.pattern(), p -> p == Pattern.WORSENING)),

    /** Weekly or more often, with no apparent cause. */
    PERSIST_RECUR_UNEXPLAINED("PERSIST-RECUR-UNEXPLAINED", SOON,
            "Cramps that come back weekly or more often without an obvious cause need assessment.",
            "seed: recurs without apparent cause",
            "frequency in (weekly, daily-or-constant) and apparent-cause = false",
            a -> is(a.frequency(), f -> f == Frequency.WEEKLY || f == Frequency.DAILY_OR_CONSTANT)
                    && a.isFalse(APPARENT_CAUSE)),

    /** New numbness or pins and needles: nerve involvement. */
    NEURO_SENSORY("NEURO-SENSORY", SOON,
            "New numbness or pins and needles in the leg suggest a nerve is involved.",
            "seed: numbness, tingling",
            "numbness-tingling",
            a -> a.isTrue(NUMBNESS_TINGLING)),

    /** Pain spreading below the knee: sciatica or another spinal cause. */
    SCIATICA_BELOW_KNEE("SCIATICA-BELOW-KNEE", SOON,
            "Pain spreading below the knee suggests sciatica or another spinal cause.",
            "seed: radiating below the knee",
            "radiates-below-knee",
            a -> a.isTrue(RADIATES_BELOW_KNEE)),

    /** Stops work, walking or sleep. */
    FUNCTION_ADL("FUNCTION-ADL", SOON,
            "The pain stops the patient doing normal daily things (work, walking, sleep).",
            "seed: interferes with daily activities",
            "daily-activities",
            a -> a.isTrue(DAILY_ACTIVITIES)),

    /** Comes on walking, eases standing still: vascular claudication. */
    VASC_CLAUDICATION("VASC-CLAUDICATION", SOON,
            "Pain that comes on walking and eases standing still can be vascular claudication (narrowed arteries).",
            "vascular claudication",
            "walking-claudication",
            a -> a.isTrue(WALKING_CLAUDICATION)),

    /** Night pain that stays when lying still: non-mechanical pain. */
    NIGHT_PAIN("NIGHT-PAIN", SOON,
            "Pain at night that stays when lying still (not cramps that wake and pass) is non-mechanical and needs assessment.",
            "non-mechanical pain",
            "night-pain",
            a -> a.isTrue(Question.NIGHT_PAIN)),

    /** New pain without an obvious cause at 50 or older. */
    AGE_NEW_ONSET("AGE-NEW-ONSET", SOON,
            "New pain without an obvious cause at age 50 or over needs assessment.",
            "new pain over 50",
            "age >= 50 and onset != over-6-weeks and apparent-cause = false",
            a -> atLeast(a, AGE, 50) && is(a.onset(), o -> o != Onset.OVER_6_WEEKS) && a.isFalse(APPARENT_CAUSE)),

    /** Severe pain at 65 or older. */
    AGE_SEVERE("AGE-SEVERE", SOON,
            "Severe pain (7 or more) at age 65 or over needs assessment: fractures and other serious causes are commoner.",
            "severe pain in older age",
            "age >= 65 and pain-severity >= 7",
            a -> atLeast(a, AGE, 65) && atLeast(a, PAIN_SEVERITY, 7));

    private final String id;
    private final Level level;
    private final String rationale;
    private final String source;
    private final String criterion;
    private final Predicate<IntakeAnswers> firesWhen;
    private final List<Question> reads;

    RedFlagRule(String id, Level level, String rationale, String source, String criterion,
            Predicate<IntakeAnswers> firesWhen) {
        this.id = id;
        this.level = level;
        this.rationale = rationale;
        this.source = source;
        this.criterion = criterion;
        this.firesWhen = firesWhen;
        this.reads = questionsNamedIn(criterion);
    }

    /** The stable rule id of the contract, e.g. {@code CES-SADDLE}; never null. */
    public String id() {
        return id;
    }

    /** The level the rule calls for when it fires; never null. */
    public Level level() {
        return level;
    }

    /** Why the rule matters, in plain words for the clinician; never null. */
    public String rationale() {
        return rationale;
    }

    /** Where the criterion comes from; never null. */
    public String source() {
        return source;
    }

    /**
     * When the rule fires, in the exact words of the rule table's "fires when" column
     * (linkIds and answer codes, e.g. {@code bladder-change or bowel-change}); never null. It
     * documents {@link #firesOn(IntakeAnswers)}, which is what triage uses.
     */
    public String criterion() {
        return criterion;
    }

    /**
     * The questions the criterion reads, in the order it names them; empty only for a rule that
     * reads the questionnaire version rather than an answer ({@link #FORM_INCOMPLETE}).
     */
    public List<Question> reads() {
        return reads;
    }

    /**
     * The answers that made the rule fire, as the evidence a clinician (or an EHR reason
     * reference) should see: every answered non-boolean question the criterion reads, the
     * boolean ones answered yes, and those answered no where the criterion asks for "= false"
     * (so for {@code bladder-change or bowel-change} only the one answered yes). Meaningful only
     * when {@link #firesOn(IntakeAnswers)}; never null.
     */
    public List<Question> evidenceIn(IntakeAnswers answers) {
        IntakeAnswers current = answers.inCurrentTerms();
        List<Question> evidence = new ArrayList<>(reads.size());
        for (Question question : reads) {
            if (!current.isAnswered(question)) {
                continue;
            }
            boolean counts = question.type() != AnswerType.BOOLEAN || current.isTrue(question)
                    || criterion.contains(question.linkId() + " = false");
            if (counts) {
                Question asked = OlderVersions.readFrom(question, answers.version()).orElse(question);
                if (!evidence.contains(asked)) {
                    evidence.add(asked);
                }
            }
        }
        return evidence;
    }

    /** Whether the rule fires on these answers, read in the current questionnaire's terms. */
    public boolean firesOn(IntakeAnswers answers) {
        return firesWhen.test(answers.inCurrentTerms());
    }

    /** Whether the rule fires on answers already in the current terms: for the engine, which reads them once. */
    boolean firesOnCurrentTerms(IntakeAnswers current) {
        return firesWhen.test(current);
    }

    /** The rule with this id, e.g. {@code CES-SADDLE}, or empty when the rule set has none (or id is null). */
    public static Optional<RedFlagRule> byId(String id) {
        for (RedFlagRule rule : values()) {
            if (rule.id.equals(id)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static List<Question> questionsNamedIn(String criterion) {
        List<Question> questions = new ArrayList<>();
        Matcher words = java.util.regex.Pattern.compile("[a-z][a-z0-9-]*").matcher(criterion);
        while (words.find()) {
            Question.byLinkId(words.group()).filter(q -> !questions.contains(q)).ifPresent(questions::add);
        }
        if (questions.isEmpty() && !criterion.contains("questionnaire")) {
            throw new IllegalStateException("criterion '" + criterion + "' names no question");
        }
        return List.copyOf(questions);
    }

    private static <T> boolean is(Optional<T> answer, Predicate<T> test) {
        return answer.isPresent() && test.test(answer.get());
    }

    private static boolean atLeast(IntakeAnswers answers, Question question, int threshold) {
        return answers.integer(question).orElse(Integer.MIN_VALUE) >= threshold;
    }
}
