package org.example.intake.core.answers;

import static org.example.intake.core.answers.AnswerType.BOOLEAN;
import static org.example.intake.core.answers.AnswerType.CHOICE;
import static org.example.intake.core.answers.AnswerType.INTEGER;
import static org.example.intake.core.answers.AnswerType.TEXT;
import static org.example.intake.core.answers.Group.CRAMP;
import static org.example.intake.core.answers.Group.HISTORY;
import static org.example.intake.core.answers.Group.LEG;
import static org.example.intake.core.answers.Group.LIFESTYLE;
import static org.example.intake.core.answers.Group.WARNING;
import static org.example.intake.core.answers.QuestionnaireVersion.V1_0_0;
import static org.example.intake.core.answers.QuestionnaireVersion.V1_1_0;
import static org.example.intake.core.answers.QuestionnaireVersion.V1_2_0;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every question of the buttock-cramp intake, of every questionnaire version, in form order (the
 * questionnaire contract; the README's "Questionnaire versions" tells its story). The enum is the intake's
 * vocabulary in plain Java; the FHIR Questionnaire of each version in {@code fhir-adapter} says
 * the same and a test keeps the two in step.
 *
 * <p>Each question knows the questionnaire version that first asked it ({@link #since()}), the one
 * that retired it, if any ({@link #retiredIn()}), and from which version it is required
 * ({@link #isRequiredIn(QuestionnaireVersion)}): 1.1.0 added questions and made
 * {@code iv-drug-use} required; 1.2.0 replaced {@code both-legs} by one question per symptom and
 * {@code can-bear-weight} by {@code standing}, and added {@code numbness-worsening} and
 * {@code pregnant}.
 *
 * <p>A question with {@link #enabledWhenAnyTrue()} is asked only when at least one of those
 * boolean questions was answered {@code true} ({@link #isEnabled(Predicate)}); when it is asked and
 * {@link #required()}, it must be answered.
 */
public enum Question {
    // linkId, group, type, the version that first asks it, [the first version that no longer asks it,]
    // the version from which it is required (null: never), the questions that enable it
    ONSET("onset", CRAMP, CHOICE, V1_0_0, V1_0_0),
    SIDE("side", CRAMP, CHOICE, V1_0_0, V1_0_0),
    PAIN_SEVERITY("pain-severity", CRAMP, INTEGER, V1_0_0, V1_0_0, 0, 10),
    PATTERN("pattern", CRAMP, CHOICE, V1_0_0, V1_0_0),
    FREQUENCY("frequency", CRAMP, CHOICE, V1_0_0, V1_0_0),
    APPARENT_CAUSE("apparent-cause", CRAMP, BOOLEAN, V1_0_0, V1_0_0),
    MAJOR_TRAUMA("major-trauma", CRAMP, BOOLEAN, V1_0_0, V1_0_0),
    DAILY_ACTIVITIES("daily-activities", CRAMP, BOOLEAN, V1_0_0, V1_0_0),
    CAN_BEAR_WEIGHT("can-bear-weight", CRAMP, BOOLEAN, V1_1_0, V1_2_0, V1_1_0),
    STANDING("standing", CRAMP, CHOICE, V1_2_0, null, V1_2_0),

    RADIATES("radiates", LEG, BOOLEAN, V1_0_0, V1_0_0),
    RADIATES_BELOW_KNEE("radiates-below-knee", LEG, BOOLEAN, V1_0_0, V1_0_0, RADIATES),
    PAIN_BOTH_LEGS("pain-both-legs", LEG, BOOLEAN, V1_2_0, null, V1_2_0, RADIATES),
    NUMBNESS_TINGLING("numbness-tingling", LEG, BOOLEAN, V1_0_0, V1_0_0),
    NUMBNESS_BOTH_LEGS("numbness-both-legs", LEG, BOOLEAN, V1_2_0, null, V1_2_0, NUMBNESS_TINGLING),
    NUMBNESS_WORSENING("numbness-worsening", LEG, BOOLEAN, V1_2_0, null, V1_2_0, NUMBNESS_TINGLING),
    LEG_WEAKNESS("leg-weakness", LEG, BOOLEAN, V1_0_0, V1_0_0),
    WEAKNESS_PROGRESSING("weakness-progressing", LEG, BOOLEAN, V1_0_0, V1_0_0, LEG_WEAKNESS),
    WEAKNESS_BOTH_LEGS("weakness-both-legs", LEG, BOOLEAN, V1_2_0, null, V1_2_0, LEG_WEAKNESS),
    BOTH_LEGS("both-legs", LEG, BOOLEAN, V1_0_0, V1_2_0, V1_0_0, RADIATES, NUMBNESS_TINGLING, LEG_WEAKNESS),

    SADDLE_NUMBNESS("saddle-numbness", WARNING, BOOLEAN, V1_0_0, V1_0_0),
    BLADDER_CHANGE("bladder-change", WARNING, BOOLEAN, V1_0_0, V1_0_0),
    BOWEL_CHANGE("bowel-change", WARNING, BOOLEAN, V1_0_0, V1_0_0),
    SEXUAL_DYSFUNCTION("sexual-dysfunction", WARNING, BOOLEAN, V1_0_0, V1_0_0),
    FEVER("fever", WARNING, BOOLEAN, V1_0_0, V1_0_0),
    WEIGHT_LOSS("weight-loss", WARNING, BOOLEAN, V1_0_0, V1_0_0),
    NIGHT_PAIN("night-pain", WARNING, BOOLEAN, V1_0_0, V1_0_0),
    COLD_PALE_LEG("cold-pale-leg", WARNING, BOOLEAN, V1_0_0, V1_0_0),
    WALKING_CLAUDICATION("walking-claudication", WARNING, BOOLEAN, V1_0_0, V1_0_0),
    REST_PAIN("rest-pain", WARNING, BOOLEAN, V1_1_0, V1_1_0),
    SUDDEN_SEVERE_ONSET("sudden-severe-onset", WARNING, BOOLEAN, V1_1_0, V1_1_0),
    VERY_UNWELL("very-unwell", WARNING, BOOLEAN, V1_1_0, V1_1_0),
    TENSE_SWELLING_DARK_URINE("tense-swelling-dark-urine", WARNING, BOOLEAN, V1_1_0, V1_1_0),
    CALF_SWELLING("calf-swelling", WARNING, BOOLEAN, V1_1_0, V1_1_0),
    ANAL_LUMP("anal-lump", WARNING, BOOLEAN, V1_1_0, V1_1_0),

    AGE("age", HISTORY, INTEGER, V1_0_0, V1_0_0, 0, 120),
    PREGNANT("pregnant", HISTORY, BOOLEAN, V1_2_0, null, V1_2_0),
    CANCER_HISTORY("cancer-history", HISTORY, BOOLEAN, V1_0_0, V1_0_0),
    IMMUNOSUPPRESSED("immunosuppressed", HISTORY, BOOLEAN, V1_0_0, V1_0_0),
    IV_DRUG_USE("iv-drug-use", HISTORY, BOOLEAN, V1_0_0, V1_1_0),
    OSTEOPOROSIS_STEROIDS("osteoporosis-steroids", HISTORY, BOOLEAN, V1_0_0, V1_0_0),
    BLOOD_THINNERS("blood-thinners", HISTORY, BOOLEAN, V1_1_0, V1_1_0),

    LOW_FLUID("low-fluid", LIFESTYLE, BOOLEAN, V1_0_0, null),
    STRENUOUS_ACTIVITY("strenuous-activity", LIFESTYLE, BOOLEAN, V1_0_0, null),
    PROLONGED_SITTING("prolonged-sitting", LIFESTYLE, BOOLEAN, V1_0_0, null),
    PROLONGED_STANDING("prolonged-standing", LIFESTYLE, BOOLEAN, V1_0_0, null),
    FOOTWEAR("footwear", LIFESTYLE, BOOLEAN, V1_0_0, null),
    NOTES("notes", LIFESTYLE, TEXT, V1_0_0, null, 0, 2000);

    private static final Map<String, Question> BY_LINK_ID = new HashMap<>();

    static {
        for (Question question : values()) {
            BY_LINK_ID.put(question.linkId, question);
        }
    }

    private final String linkId;
    private final Group group;
    private final AnswerType type;
    private final QuestionnaireVersion since;
    private final QuestionnaireVersion until;
    private final QuestionnaireVersion requiredSince;
    private final int min;
    private final int max;
    private final List<Question> enabledWhenAnyTrue;

    Question(String linkId, Group group, AnswerType type, QuestionnaireVersion since,
            QuestionnaireVersion requiredSince, Question... enabledWhenAnyTrue) {
        this(linkId, group, type, since, null, requiredSince, 0, 0, enabledWhenAnyTrue);
    }

    Question(String linkId, Group group, AnswerType type, QuestionnaireVersion since, QuestionnaireVersion until,
            QuestionnaireVersion requiredSince, Question... enabledWhenAnyTrue) {
        this(linkId, group, type, since, until, requiredSince, 0, 0, enabledWhenAnyTrue);
    }

    Question(String linkId, Group group, AnswerType type, QuestionnaireVersion since,
            QuestionnaireVersion requiredSince, int min, int max, Question... enabledWhenAnyTrue) {
        this(linkId, group, type, since, null, requiredSince, min, max, enabledWhenAnyTrue);
    }

    Question(String linkId, Group group, AnswerType type, QuestionnaireVersion since, QuestionnaireVersion until,
            QuestionnaireVersion requiredSince, int min, int max, Question... enabledWhenAnyTrue) {
        this.linkId = linkId;
        this.group = group;
        this.type = type;
        this.since = since;
        this.until = until;
        this.requiredSince = requiredSince;
        this.min = min;
        this.max = max;
        this.enabledWhenAnyTrue = List.of(enabledWhenAnyTrue);
    }

    /** The Questionnaire linkId, never null. */
    public String linkId() {
        return linkId;
    }

    /** The group this question sits directly under, never null. */
    public Group group() {
        return group;
    }

    /** The answer type, never null. */
    public AnswerType type() {
        return type;
    }

    /** Whether the current questionnaire requires an answer whenever the question is enabled. */
    public boolean required() {
        return isRequiredIn(QuestionnaireVersion.CURRENT);
    }

    /** The questionnaire version that first asked this question; never null. */
    public QuestionnaireVersion since() {
        return since;
    }

    /**
     * The first questionnaire version that no longer asks this question (its answers are then read
     * into that version's terms by {@link OlderVersions}), or empty while the current version asks it.
     */
    public Optional<QuestionnaireVersion> retiredIn() {
        return Optional.ofNullable(until);
    }

    /** Whether the questionnaire of this version asks the question at all. */
    public boolean isAskedIn(QuestionnaireVersion version) {
        return version.isAtLeast(since) && (until == null || !version.isAtLeast(until));
    }

    /** Whether the questionnaire of this version asks the question and requires an answer whenever it is enabled. */
    public boolean isRequiredIn(QuestionnaireVersion version) {
        return isAskedIn(version) && requiredSince != null && version.isAtLeast(requiredSince);
    }

    /**
     * The smallest allowed value: for {@link AnswerType#INTEGER} questions the inclusive lower
     * bound; meaningless for other types.
     */
    public int min() {
        return min;
    }

    /**
     * For {@link AnswerType#INTEGER} the inclusive upper bound; for {@link AnswerType#TEXT} the
     * maximum length in characters; meaningless for other types.
     */
    public int max() {
        return max;
    }

    /**
     * The boolean questions of which at least one must be answered {@code true} for this one to
     * be asked; empty (never null) when the question is always asked.
     */
    public List<Question> enabledWhenAnyTrue() {
        return enabledWhenAnyTrue;
    }

    /**
     * Whether this question is asked, given which boolean questions were answered yes: the intake's one
     * enableWhen evaluator. Every Questionnaire version says the same ("enableWhen q = true" for each
     * of {@link #enabledWhenAnyTrue()}, enableBehavior "any"), the page's script evaluates the same
     * conditions, and tests hold each to this.
     *
     * @param answeredYes whether a question was answered {@code true} (unanswered or disabled is not)
     */
    public boolean isEnabled(Predicate<Question> answeredYes) {
        if (enabledWhenAnyTrue.isEmpty()) {
            return true;
        }
        for (Question condition : enabledWhenAnyTrue) {
            if (answeredYes.test(condition)) {
                return true;
            }
        }
        return false;
    }

    /** The answer options of a {@link AnswerType#CHOICE} question, in form order; empty for other types. */
    public List<CodedAnswer> options() {
        Class<? extends Enum<?>> type = optionType();
        return type == null ? List.of() : List.of((CodedAnswer[]) type.getEnumConstants());
    }

    /**
     * The answer option of this {@link AnswerType#CHOICE} question with this code, or empty when it has
     * none (always empty for other types, and for a null code).
     */
    public Optional<CodedAnswer> option(String code) {
        Class<? extends Enum<?>> type = optionType();
        return type == null || code == null ? Optional.empty() : Optional.ofNullable(Codes.byCode(type, code));
    }

    private Class<? extends Enum<?>> optionType() {
        return switch (this) {
            case ONSET -> Onset.class;
            case SIDE -> Side.class;
            case PATTERN -> Pattern.class;
            case FREQUENCY -> Frequency.class;
            case STANDING -> Standing.class;
            default -> null;
        };
    }

    /** The questions of a group, in form order. */
    public static Set<Question> of(Group group) {
        Set<Question> questions = EnumSet.noneOf(Question.class);
        for (Question question : values()) {
            if (question.group == group) {
                questions.add(question);
            }
        }
        return questions;
    }

    /** The question with this linkId, or empty if the intake has none. */
    public static Optional<Question> byLinkId(String linkId) {
        return Optional.ofNullable(BY_LINK_ID.get(linkId));
    }
}
