package org.example.intake.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.OlderVersions;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.fhir.FormSpec.Group;
import org.example.intake.fhir.FormSpec.Item;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Checks a parsed QuestionnaireResponse against the compiled intake Questionnaire and, when
 * it holds, maps its answers to {@link IntakeAnswers}. Every problem becomes one issue with a
 * FHIRPath expression; checking goes on after a problem, so a caller sees them all at once.
 *
 * <p>Written by hand on purpose: HAPI's FhirInstanceValidator costs about 11 ms a response and
 * catches about half of these problems; this walks the response once, in microseconds. HAPI's
 * validator stays in the tests as the oracle. Stateless and thread-safe.
 */
final class QuestionnaireResponseValidator {

    private static final Question[] QUESTIONS = Question.values();

    /** The version a canonical names, or null. */
    private final Function<String, ? extends FormSpec> resolve;
    private final FormSpec current;
    /** Every version held as {@code url|version}, for messages. */
    private final String canonicals;

    /** Checks against these compiled Questionnaires ({@link IntakeReader}'s). */
    QuestionnaireResponseValidator(IntakeQuestionnaires questionnaires) {
        this(canonical -> questionnaires.resolve(canonical).orElse(null), questionnaires.current(),
                questionnaires.canonicals());
    }

    /**
     * Checks against these versions made without HAPI's context (the streaming reader's, {@link StreamingRefusals}):
     * the same checks in the same words, as long as they agree with the compiled Questionnaires (a test holds them to).
     */
    QuestionnaireResponseValidator(AnswerSpecs questionnaires) {
        this(questionnaires::resolve, questionnaires.current(), questionnaires.canonicals());
    }

    private QuestionnaireResponseValidator(Function<String, ? extends FormSpec> resolve, FormSpec current,
            String canonicals) {
        this.resolve = Objects.requireNonNull(resolve, "resolve");
        this.current = Objects.requireNonNull(current, "current");
        this.canonicals = Objects.requireNonNull(canonicals, "canonicals");
    }

    /**
     * The Questionnaire version the response names, or null when it names none this service
     * takes (it is then checked against the current version, so every other problem still shows).
     */
    FormSpec questionnaireOf(QuestionnaireResponse response) {
        return resolve.apply(response.getQuestionnaire());
    }

    /**
     * Checks the response against the Questionnaire it names, adding every problem to
     * {@code issues}; the answers, or null when there were errors.
     *
     * @param named what {@link #questionnaireOf} gave: the version to check against, or null
     */
    IntakeAnswers validate(QuestionnaireResponse response, FormSpec named, Issues issues) {
        checkHeader(response, named, issues);
        checkModifiers(response, issues);
        Walk walk = new Walk(named == null ? current : named, issues);
        walk.items(response.getItem());
        walk.enablementAndRequired();
        return issues.hasErrors() ? null : walk.answers();
    }

    private void checkHeader(QuestionnaireResponse response, FormSpec named, Issues issues) {
        if (!response.hasQuestionnaire()) {
            issues.error(Problem.MISSING_QUESTIONNAIRE, "QuestionnaireResponse.questionnaire",
                    "The response must name its questionnaire: " + current.canonical() + ".");
        } else if (named == null) {
            issues.error(Problem.WRONG_QUESTIONNAIRE, "QuestionnaireResponse.questionnaire",
                    "This service takes responses to " + canonicals + " (no version means "
                            + current.questionnaireVersion().code() + "), not to " + response.getQuestionnaire() + ".");
        }
        QuestionnaireResponseStatus status = response.getStatus();
        if (status == null || status == QuestionnaireResponseStatus.NULL) {
            issues.error(Problem.MISSING_STATUS, "QuestionnaireResponse.status",
                    "The response needs a status; only 'completed' or 'amended' responses are triaged.");
        } else if (status != QuestionnaireResponseStatus.COMPLETED && status != QuestionnaireResponseStatus.AMENDED) {
            issues.error(Problem.NOT_COMPLETED, "QuestionnaireResponse.status",
                    "Only 'completed' or 'amended' responses are triaged, not '" + status.toCode() + "'.");
        }
    }

    /**
     * FHIR: a reader that meets a modifier it does not understand must not process the data,
     * since a modifier can change its meaning (even negate an answer). This reader understands
     * none, so any modifierExtension (on the response, an item or an answer, at any depth) or
     * implicitRules refuses the response.
     */
    private static void checkModifiers(QuestionnaireResponse response, Issues issues) {
        if (response.hasImplicitRules()) {
            issues.error(Problem.UNSUPPORTED_MODIFIER, "QuestionnaireResponse.implicitRules",
                    "The response names implicitRules, which may change its meaning; this service cannot process it.");
        }
        if (response.hasModifierExtension()) {
            unsupportedModifier(issues, "QuestionnaireResponse", response.getModifierExtension());
        }
        modifiersIn(response.getItem(), "QuestionnaireResponse", issues);
    }

    private static void modifiersIn(List<QuestionnaireResponseItemComponent> items, String parent, Issues issues) {
        for (int i = 0; i < items.size(); i++) {
            QuestionnaireResponseItemComponent item = items.get(i);
            String path = parent + ".item[" + i + "]";
            if (item.hasModifierExtension()) {
                unsupportedModifier(issues, path, item.getModifierExtension());
            }
            List<QuestionnaireResponseItemAnswerComponent> answers = item.getAnswer();
            for (int a = 0; a < answers.size(); a++) {
                QuestionnaireResponseItemAnswerComponent answer = answers.get(a);
                if (answer.hasModifierExtension()) {
                    unsupportedModifier(issues, path + ".answer[" + a + "]", answer.getModifierExtension());
                }
                if (answer.hasItem()) {
                    modifiersIn(answer.getItem(), path + ".answer[" + a + "]", issues);
                }
            }
            if (item.hasItem()) {
                modifiersIn(item.getItem(), path, issues);
            }
        }
    }

    private static void unsupportedModifier(Issues issues, String path,
            List<org.hl7.fhir.r4.model.Extension> extensions) {
        for (int e = 0; e < extensions.size(); e++) {
            String url = extensions.get(e).getUrl();
            issues.error(Problem.UNSUPPORTED_MODIFIER, path + ".modifierExtension[" + e + "]",
                    "Unknown modifier extension '" + (url == null ? "(no url)" : url)
                            + "': it may change the meaning of the data, so this service cannot process it.");
        }
    }

    /** The state of one walk over one response's items. */
    private static final class Walk {

        private final FormSpec questionnaire;
        private final Issues issues;
        /** The accepted value of each question, indexed by Question ordinal. */
        private final Object[] values = new Object[QUESTIONS.length];
        /** Whether each question has an item in the response (answered, wrongly answered, or empty). */
        private final boolean[] present = new boolean[QUESTIONS.length];
        /** Whether each question had an answer, valid or not. */
        private final boolean[] answered = new boolean[QUESTIONS.length];
        /** Whether each question's answer was refused (its dependants are then not judged). */
        private final boolean[] refused = new boolean[QUESTIONS.length];
        private final int[] groupIndexOfQuestion = new int[QUESTIONS.length];
        private final int[] itemIndexOfQuestion = new int[QUESTIONS.length];
        private final int[] responseIndexOfGroup;
        /** Whether a question's accepted answer is yes: what intake-core's enableWhen evaluator asks. */
        private final Predicate<Question> answeredYes = condition -> Boolean.TRUE.equals(values[condition.ordinal()]);

        Walk(FormSpec questionnaire, Issues issues) {
            this.questionnaire = questionnaire;
            this.issues = issues;
            this.responseIndexOfGroup = new int[questionnaire.groupCount()];
            java.util.Arrays.fill(responseIndexOfGroup, -1);
        }

        void items(List<QuestionnaireResponseItemComponent> topItems) {
            for (int g = 0; g < topItems.size(); g++) {
                QuestionnaireResponseItemComponent top = topItems.get(g);
                String linkId = top.getLinkId();
                if (linkId == null || linkId.isEmpty()) {
                    issues.error(Problem.MISSING_LINK_ID, groupPath(g), "Every item needs a linkId.");
                    continue;
                }
                Group group = questionnaire.groupOrNull(linkId);
                if (group == null) {
                    Item question = questionnaire.itemOrNull(linkId);
                    if (question != null) {
                        issues.error(Problem.MISPLACED_ITEM, groupPath(g), "'" + linkId + "' must sit inside its group '"
                                + question.groupLinkId() + "', not at the top level.");
                    } else {
                        unknown(linkId, groupPath(g));
                    }
                    continue;
                }
                if (responseIndexOfGroup[group.index()] >= 0) {
                    issues.error(Problem.REPEATED_ITEM, groupPath(g), "Group '" + linkId + "' appears more than once.");
                    continue;
                }
                responseIndexOfGroup[group.index()] = g;
                group(group, top, g);
            }
        }

        private void group(Group group, QuestionnaireResponseItemComponent top, int g) {
            if (top.hasAnswer()) {
                issues.error(Problem.UNEXPECTED_ANSWER, groupPath(g) + ".answer[0]",
                        "Group '" + group.linkId() + "' is a group: it holds items, not answers.");
            }
            List<QuestionnaireResponseItemComponent> children = top.getItem();
            if (children.isEmpty()) {
                issues.error(Problem.EMPTY_GROUP, groupPath(g), "Group '" + group.linkId()
                        + "' has no items; leave it out when none of its questions is answered.");
            }
            for (int i = 0; i < children.size(); i++) {
                QuestionnaireResponseItemComponent child = children.get(i);
                String linkId = child.getLinkId();
                if (linkId == null || linkId.isEmpty()) {
                    issues.error(Problem.MISSING_LINK_ID, itemPath(g, i), "Every item needs a linkId.");
                    continue;
                }
                Item spec = questionnaire.itemOrNull(linkId);
                if (spec == null) {
                    if (questionnaire.groupOrNull(linkId) != null) {
                        issues.error(Problem.MISPLACED_ITEM, itemPath(g, i),
                                "Group '" + linkId + "' must be at the top level, not inside '" + group.linkId() + "'.");
                    } else {
                        unknown(linkId, itemPath(g, i));
                    }
                    continue;
                }
                if (!spec.groupLinkId().equals(group.linkId())) {
                    issues.error(Problem.MISPLACED_ITEM, itemPath(g, i), "'" + linkId + "' belongs in group '"
                            + spec.groupLinkId() + "', not in '" + group.linkId() + "'.");
                    continue;
                }
                int q = spec.question().ordinal();
                if (present[q]) {
                    issues.error(Problem.REPEATED_ITEM, itemPath(g, i), "'" + linkId + "' appears more than once.");
                    continue;
                }
                present[q] = true;
                groupIndexOfQuestion[q] = g;
                itemIndexOfQuestion[q] = i;
                question(spec, child, g, i);
            }
        }

        private void question(Item spec, QuestionnaireResponseItemComponent item, int g, int i) {
            if (item.hasItem()) {
                issues.error(Problem.UNEXPECTED_NESTED_ITEM, itemPath(g, i) + ".item[0]",
                        "'" + spec.linkId() + "' is a question: it cannot hold items.");
            }
            List<QuestionnaireResponseItemAnswerComponent> answers = item.getAnswer();
            if (answers.isEmpty()) {
                return;
            }
            int q = spec.question().ordinal();
            answered[q] = true;
            if (answers.size() > 1 && !spec.repeats()) {
                issues.error(Problem.REPEATED_ANSWER, answerPath(g, i, 1),
                        "'" + spec.linkId() + "' takes one answer, not " + answers.size() + ".");
                refused[q] = true;
            }
            for (int a = 0; a < answers.size(); a++) {
                QuestionnaireResponseItemAnswerComponent answer = answers.get(a);
                if (answer.hasItem()) {
                    issues.error(Problem.UNEXPECTED_NESTED_ITEM, answerPath(g, i, a) + ".item[0]",
                            "Answers to '" + spec.linkId() + "' cannot hold items.");
                }
                Object value = value(spec, answer.getValue(), g, i, a);
                if (value == null) {
                    refused[q] = true;
                } else if (a == 0) {
                    values[q] = value;
                }
            }
            if (refused[q]) {
                values[q] = null;
            }
        }

        /** The typed value, or null after reporting why it is refused. */
        private Object value(Item spec, Type value, int g, int i, int a) {
            if (value == null || value.isEmpty()) {
                issues.error(Problem.MISSING_VALUE, answerPath(g, i, a), "The answer to '" + spec.linkId() + "' has no value.");
                return null;
            }
            return switch (spec.type()) {
                case BOOLEAN -> value instanceof BooleanType bool ? bool.getValue() : wrongType(spec, value, g, i, a);
                case INTEGER -> value instanceof IntegerType integer ? integer(spec, integer.getValue(), g, i, a)
                        : wrongType(spec, value, g, i, a);
                case CHOICE -> value instanceof Coding coding ? choice(spec, coding, g, i, a)
                        : wrongType(spec, value, g, i, a);
                case TEXT -> value instanceof StringType text ? text(spec, text.getValue(), g, i, a)
                        : wrongType(spec, value, g, i, a);
            };
        }

        private Object wrongType(Item spec, Type value, int g, int i, int a) {
            issues.error(Problem.WRONG_TYPE, answerPath(g, i, a) + ".value", "'" + spec.linkId() + "' takes " + valueName(spec.type())
                    + ", not value" + capitalize(value.fhirType()) + ".");
            return null;
        }

        private Object integer(Item spec, Integer value, int g, int i, int a) {
            if (value == null) {
                issues.error(Problem.MISSING_VALUE, valuePath(g, i, a), "The answer to '" + spec.linkId() + "' has no value.");
                return null;
            }
            if ((spec.min() != null && value < spec.min()) || (spec.max() != null && value > spec.max())) {
                issues.error(Problem.OUT_OF_RANGE, valuePath(g, i, a), "'" + spec.linkId() + "' must be from " + spec.min() + " to "
                        + spec.max() + ", not " + value + ".");
                return null;
            }
            return value;
        }

        private Object choice(Item spec, Coding coding, int g, int i, int a) {
            String code = coding.getCode();
            if (code == null || !spec.options().containsKey(code)) {
                issues.error(Problem.UNKNOWN_CODE, valuePath(g, i, a), "'" + code + "' is not an answer option of '" + spec.linkId()
                        + "'; use one of " + String.join(", ", optionCodes(spec.question())) + ".");
                return null;
            }
            String system = spec.options().get(code);
            if (!coding.hasSystem()) {
                issues.warning(Problem.MISSING_CODE_SYSTEM, valuePath(g, i, a) + ".system",
                        "The coding for '" + spec.linkId() + "' should name its system " + system + ".");
            } else if (!system.equals(coding.getSystem())) {
                issues.error(Problem.UNKNOWN_CODE, valuePath(g, i, a) + ".system", "'" + spec.linkId() + "' takes codes from "
                        + system + ", not " + coding.getSystem() + ".");
                return null;
            }
            // compilation guarantees the Questionnaire's options are core's
            return spec.question().option(code).orElseThrow(
                    () -> new IllegalStateException("'" + code + "' is not an answer option of " + spec.linkId()));
        }

        private Object text(Item spec, String text, int g, int i, int a) {
            if (text == null) {
                issues.error(Problem.MISSING_VALUE, valuePath(g, i, a), "The answer to '" + spec.linkId() + "' has no value.");
                return null;
            }
            if (spec.max() != null && text.length() > spec.max()) {
                issues.error(Problem.TOO_LONG, valuePath(g, i, a), "'" + spec.linkId() + "' takes at most " + spec.max()
                        + " characters, not " + text.length() + ".");
                return null;
            }
            return text;
        }

        /**
         * An item the Questionnaire does not have. When it is a question of other versions (one this
         * version retired, such as {@code both-legs} in 1.2.0, or one a later version added, such as
         * {@code standing} in a 1.1.0 response), the message names the versions that ask it.
         */
        private void unknown(String linkId, String path) {
            String message = "'" + linkId + "' is not an item of " + questionnaire.canonical();
            Question other = Question.byLinkId(linkId).orElse(null);
            if (other != null) {
                List<String> asking = new ArrayList<>();
                for (QuestionnaireVersion version : QuestionnaireVersion.values()) {
                    if (other.isAskedIn(version)) {
                        asking.add(version.code());
                    }
                }
                message += ": only questionnaire version" + (asking.size() == 1 ? " " : "s ") + String.join(", ", asking)
                        + (asking.size() == 1 ? " asks" : " ask") + " it" + replacedBy(other)
                        + ". A response answers the questions of the version it names";
            }
            issues.error(Problem.UNKNOWN_LINK_ID, path, message + ".");
        }

        /** After the walk: answers to disabled questions, and required questions left unanswered. */
        void enablementAndRequired() {
            for (Group group : questionnaire.groups()) {
                int g = responseIndexOfGroup[group.index()];
                if (g < 0 && group.required()) {
                    issues.error(Problem.MISSING_GROUP, "QuestionnaireResponse", "Group '" + group.linkId()
                            + "' is required but missing; it holds the required questions " + linkIds(group) + ".");
                    continue;
                }
                for (Item spec : group.items()) {
                    Boolean enabled = enabled(spec);
                    if (enabled == null) {
                        continue;
                    }
                    int q = spec.question().ordinal();
                    if (!enabled && answered[q]) {
                        issues.error(Problem.ANSWER_TO_DISABLED_ITEM, questionPath(q), "'" + spec.linkId()
                                + "' is only asked when " + conditionText(spec) + ", so it must not be answered.");
                        values[q] = null;
                    } else if (enabled && spec.required() && !answered[q] && g >= 0) {
                        issues.error(Problem.MISSING_ANSWER, groupPath(g),
                                "'" + spec.linkId() + "' in group '" + group.linkId() + "' needs an answer.");
                    }
                }
            }
        }

        /**
         * Whether the question is enabled, by intake-core's evaluator over the accepted answers; null when
         * that leaves it disabled but a condition's own answer was refused (whether it is asked is then unknown).
         */
        private Boolean enabled(Item spec) {
            Question question = spec.question();
            if (question.isEnabled(answeredYes)) {
                return Boolean.TRUE;
            }
            for (Question condition : question.enabledWhenAnyTrue()) {
                if (refused[condition.ordinal()]) {
                    return null;
                }
            }
            return Boolean.FALSE;
        }

        private String questionPath(int q) {
            return itemPath(groupIndexOfQuestion[q], itemIndexOfQuestion[q]);
        }

        IntakeAnswers answers() {
            return QuestionnaireResponseValidator.answers(values, questionnaire.questionnaireVersion());
        }
    }

    /**
     * The answers of accepted values: Boolean, Integer, CodedAnswer or String (or null) per question,
     * indexed by ordinal, given to this version.
     */
    static IntakeAnswers answers(Object[] values, QuestionnaireVersion version) {
        IntakeAnswers.Builder builder = IntakeAnswers.builder().version(version);
        for (Question question : QUESTIONS) {
            Object value = values[question.ordinal()];
            if (value instanceof Boolean bool) {
                builder.answer(question, bool.booleanValue());
            } else if (value instanceof Integer integer) {
                builder.answer(question, integer.intValue());
            } else if (value instanceof CodedAnswer option) {
                builder.answer(question, option);
            } else if (value instanceof String text) {
                builder.answer(question, text);
            }
        }
        return builder.build();
    }

    // FHIRPath expressions are built only when an issue needs one: the valid path stays allocation-light.

    private static String groupPath(int g) {
        return "QuestionnaireResponse.item[" + g + "]";
    }

    private static String itemPath(int g, int i) {
        return groupPath(g) + ".item[" + i + "]";
    }

    private static String answerPath(int g, int i, int a) {
        return itemPath(g, i) + ".answer[" + a + "]";
    }

    private static String valuePath(int g, int i, int a) {
        return answerPath(g, i, a) + ".value";
    }

    /**
     * For a retired question, " ('a', 'b' replaced it in 1.2.0)" naming the questions whose answers it
     * gives in the current terms; else empty.
     */
    private static String replacedBy(Question retired) {
        if (retired.retiredIn().isEmpty()) {
            return "";
        }
        QuestionnaireVersion lastAsking = QuestionnaireVersion.values()[retired.retiredIn().get().ordinal() - 1];
        List<String> replacements = new ArrayList<>();
        for (Question question : QUESTIONS) {
            if (OlderVersions.readFrom(question, lastAsking).filter(retired::equals).isPresent()) {
                replacements.add("'" + question.linkId() + "'");
            }
        }
        return replacements.isEmpty() ? ""
                : " (" + String.join(", ", replacements) + " replaced it in " + retired.retiredIn().get().code() + ")";
    }

    private static List<String> optionCodes(Question question) {
        return question.options().stream().map(CodedAnswer::code).toList();
    }

    private static String linkIds(Group group) {
        return String.join(", ", group.items().stream()
                .filter(item -> item.required() && item.enabledWhenAnyTrue().isEmpty())
                .map(Item::linkId)
                .toList());
    }

    private static String conditionText(Item spec) {
        return String.join(" or ", spec.enabledWhenAnyTrue().stream().map(id -> "'" + id + "' is true").toList());
    }

    private static String valueName(AnswerType type) {
        return switch (type) {
            case BOOLEAN -> "valueBoolean";
            case INTEGER -> "valueInteger";
            case CHOICE -> "valueCoding";
            case TEXT -> "valueString";
        };
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
