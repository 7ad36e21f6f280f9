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

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every question of the buttock-cramp intake, in form order (DESIGN.md section 3). The enum
 * is the intake's vocabulary in plain Java; the FHIR Questionnaire in {@code fhir-adapter}
 * says the same and a test keeps the two in step.
 *
 * <p>A question with {@link #enabledWhenAnyTrue()} is asked only when at least one of those
 * boolean questions was answered {@code true}; when it is asked and {@link #required()}, it
 * must be answered.
 */
public enum Question {
    ONSET("onset", CRAMP, CHOICE, true),
    SIDE("side", CRAMP, CHOICE, true),
    PAIN_SEVERITY("pain-severity", CRAMP, INTEGER, true, 0, 10),
    PATTERN("pattern", CRAMP, CHOICE, true),
    FREQUENCY("frequency", CRAMP, CHOICE, true),
    APPARENT_CAUSE("apparent-cause", CRAMP, BOOLEAN, true),
    MAJOR_TRAUMA("major-trauma", CRAMP, BOOLEAN, true),
    DAILY_ACTIVITIES("daily-activities", CRAMP, BOOLEAN, true),

    RADIATES("radiates", LEG, BOOLEAN, true),
    RADIATES_BELOW_KNEE("radiates-below-knee", LEG, BOOLEAN, true, RADIATES),
    NUMBNESS_TINGLING("numbness-tingling", LEG, BOOLEAN, true),
    LEG_WEAKNESS("leg-weakness", LEG, BOOLEAN, true),
    WEAKNESS_PROGRESSING("weakness-progressing", LEG, BOOLEAN, true, LEG_WEAKNESS),
    BOTH_LEGS("both-legs", LEG, BOOLEAN, true, RADIATES, NUMBNESS_TINGLING, LEG_WEAKNESS),

    SADDLE_NUMBNESS("saddle-numbness", WARNING, BOOLEAN, true),
    BLADDER_CHANGE("bladder-change", WARNING, BOOLEAN, true),
    BOWEL_CHANGE("bowel-change", WARNING, BOOLEAN, true),
    SEXUAL_DYSFUNCTION("sexual-dysfunction", WARNING, BOOLEAN, true),
    FEVER("fever", WARNING, BOOLEAN, true),
    WEIGHT_LOSS("weight-loss", WARNING, BOOLEAN, true),
    NIGHT_PAIN("night-pain", WARNING, BOOLEAN, true),
    COLD_PALE_LEG("cold-pale-leg", WARNING, BOOLEAN, true),
    WALKING_CLAUDICATION("walking-claudication", WARNING, BOOLEAN, true),

    AGE("age", HISTORY, INTEGER, true, 0, 120),
    CANCER_HISTORY("cancer-history", HISTORY, BOOLEAN, true),
    IMMUNOSUPPRESSED("immunosuppressed", HISTORY, BOOLEAN, true),
    IV_DRUG_USE("iv-drug-use", HISTORY, BOOLEAN, false),
    OSTEOPOROSIS_STEROIDS("osteoporosis-steroids", HISTORY, BOOLEAN, true),

    LOW_FLUID("low-fluid", LIFESTYLE, BOOLEAN, false),
    STRENUOUS_ACTIVITY("strenuous-activity", LIFESTYLE, BOOLEAN, false),
    PROLONGED_SITTING("prolonged-sitting", LIFESTYLE, BOOLEAN, false),
    PROLONGED_STANDING("prolonged-standing", LIFESTYLE, BOOLEAN, false),
    FOOTWEAR("footwear", LIFESTYLE, BOOLEAN, false),
    NOTES("notes", LIFESTYLE, TEXT, false, 0, 2000);

    private static final Map<String, Question> BY_LINK_ID = new HashMap<>();

    static {
        for (Question question : values()) {
            BY_LINK_ID.put(question.linkId, question);
        }
    }

    private final String linkId;
    private final Group group;
    private final AnswerType type;
    private final boolean required;
    private final int min;
    private final int max;
    private final List<Question> enabledWhenAnyTrue;

    Question(String linkId, Group group, AnswerType type, boolean required, Question... enabledWhenAnyTrue) {
        this(linkId, group, type, required, 0, 0, enabledWhenAnyTrue);
    }

    Question(String linkId, Group group, AnswerType type, boolean required, int min, int max,
            Question... enabledWhenAnyTrue) {
        this.linkId = linkId;
        this.group = group;
        this.type = type;
        this.required = required;
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

    /** Whether an answer is required whenever the question is enabled. */
    public boolean required() {
        return required;
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

    /** The answer options of a {@link AnswerType#CHOICE} question; empty for other types. */
    public List<CodedAnswer> options() {
        CodedAnswer[] options = switch (this) {
            case ONSET -> Onset.values();
            case SIDE -> Side.values();
            case PATTERN -> Pattern.values();
            case FREQUENCY -> Frequency.values();
            default -> new CodedAnswer[0];
        };
        return Collections.unmodifiableList(Arrays.asList(options));
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
