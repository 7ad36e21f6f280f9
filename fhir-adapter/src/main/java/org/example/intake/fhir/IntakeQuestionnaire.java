package org.example.intake.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.EnableWhenBehavior;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemAnswerOptionComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemEnableWhenComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemType;

/**
 * One version of the buttock-cramp intake Questionnaire (the README's "Questionnaire versions"), loaded
 * from the FHIR JSON resource in this module ({@link #RESOURCE_PATTERN}) and compiled into lookup tables
 * for fast validation.
 * {@link IntakeQuestionnaires} holds every version and picks the one a response names.
 *
 * <p>Compiling fails fast when the resource uses a feature the validator does not support
 * (nested questions, enableWhen other than "= true" on a boolean) or when it disagrees with
 * intake-core's {@link Question} for its version (which questions it asks, linkId, group, type, required, range,
 * answer options with their order and wording, enableWhen):
 * the two must say the same thing, and a mismatch is a build error, not a silent drift.
 *
 * <p>Immutable and thread-safe. {@link #resource()} returns the shared resource: do not modify it.
 */
public final class IntakeQuestionnaire implements FormSpec {

    /** Classpath location of the Questionnaire resource of each version: {@code %s} is the version, e.g. 1.2.0. */
    public static final String RESOURCE_PATTERN = "/fhir/Questionnaire-buttock-cramp-intake-%s.json";
    /** Classpath location of the CodeSystem of the intake's local codes. */
    public static final String CODE_SYSTEM_RESOURCE = "/fhir/CodeSystem-buttock-cramp-intake.json";

    static final String MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue";
    static final String MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue";

    private final Questionnaire resource;
    private final QuestionnaireVersion questionnaireVersion;
    private final Map<String, GroupSpec> groups;
    private final List<GroupSpec> groupList;
    private final Map<String, ItemSpec> items;
    private final ItemSpec[] byQuestion = new ItemSpec[Question.values().length];

    private IntakeQuestionnaire(Questionnaire resource) {
        this.resource = resource;
        Map<String, GroupSpec> groupMap = new LinkedHashMap<>();
        Map<String, ItemSpec> itemMap = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!resource.hasUrl() || !resource.hasVersion()) {
            problems.add("the Questionnaire needs a url and a version");
        }
        QuestionnaireVersion version = QuestionnaireVersion.fromCode(resource.getVersion()).orElse(null);
        if (version == null) {
            throw new IllegalStateException("The intake Questionnaire has version '" + resource.getVersion()
                    + "', which intake-core does not know; it knows "
                    + Arrays.stream(QuestionnaireVersion.values()).map(QuestionnaireVersion::code).toList());
        }
        this.questionnaireVersion = version;
        for (QuestionnaireItemComponent groupItem : resource.getItem()) {
            if (groupItem.getType() != QuestionnaireItemType.GROUP) {
                problems.add("top-level item '" + groupItem.getLinkId() + "' is not a group");
                continue;
            }
            List<ItemSpec> children = new ArrayList<>();
            GroupSpec group = new GroupSpec(groupItem.getLinkId(), groupMap.size(), groupItem.getRequired(),
                    Collections.unmodifiableList(children), groupItem);
            groupMap.put(group.linkId(), group);
            for (QuestionnaireItemComponent item : groupItem.getItem()) {
                ItemSpec spec = compile(item, group, version, problems);
                if (spec != null) {
                    children.add(spec);
                    itemMap.put(spec.linkId(), spec);
                    byQuestion[spec.question().ordinal()] = spec;
                }
            }
        }
        for (ItemSpec item : itemMap.values()) {
            for (String condition : item.enabledWhenAnyTrue()) {
                ItemSpec source = itemMap.get(condition);
                if (source == null || source.type() != AnswerType.BOOLEAN) {
                    problems.add(item.linkId() + ": enableWhen names '" + condition + "', which is not a boolean item");
                }
            }
            List<String> expected = item.question().enabledWhenAnyTrue().stream().map(Question::linkId).toList();
            if (!expected.equals(item.enabledWhenAnyTrue())) {
                problems.add(item.linkId() + ": enableWhen " + item.enabledWhenAnyTrue() + " but intake-core says "
                        + expected);
            }
        }
        for (Question question : Question.values()) {
            if (byQuestion[question.ordinal()] == null && question.isAskedIn(version)) {
                problems.add("intake-core's question '" + question.linkId() + "' is missing from the Questionnaire "
                        + version.code());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The intake Questionnaire does not fit the validator or intake-core: "
                    + String.join("; ", problems));
        }
        this.groups = Collections.unmodifiableMap(groupMap);
        this.groupList = List.copyOf(groupMap.values());
        this.items = Collections.unmodifiableMap(itemMap);
    }

    /**
     * The current intake Questionnaire shipped in this module (the one forms render), loaded once;
     * never null. {@link IntakeQuestionnaires#standard()} holds every version.
     */
    public static IntakeQuestionnaire standard() {
        return IntakeQuestionnaires.standard().current();
    }

    /** Loads and compiles the Questionnaire of this version shipped in this module. */
    static IntakeQuestionnaire load(QuestionnaireVersion version) {
        IntakeQuestionnaire questionnaire = of(readResource(Questionnaire.class,
                String.format(RESOURCE_PATTERN, version.code())));
        if (questionnaire.questionnaireVersion() != version) {
            throw new IllegalStateException("The Questionnaire resource of " + version.code() + " says version "
                    + questionnaire.version());
        }
        return questionnaire;
    }

    /**
     * Compiles a Questionnaire.
     *
     * @throws IllegalStateException listing every problem when it does not fit (see class doc)
     */
    public static IntakeQuestionnaire of(Questionnaire questionnaire) {
        return new IntakeQuestionnaire(Objects.requireNonNull(questionnaire, "questionnaire"));
    }

    /** The intake's CodeSystem (local question and answer codes), freshly parsed; never null. */
    public static CodeSystem codeSystem() {
        return readResource(CodeSystem.class, CODE_SYSTEM_RESOURCE);
    }

    /** The Questionnaire resource itself (shared: do not modify). */
    public Questionnaire resource() {
        return resource;
    }

    /** The canonical URL, without version. */
    public String url() {
        return resource.getUrl();
    }

    /** The business version, e.g. {@code 1.2.0}. */
    public String version() {
        return resource.getVersion();
    }

    /** The business version as intake-core knows it; never null. */
    public QuestionnaireVersion questionnaireVersion() {
        return questionnaireVersion;
    }

    /** The versioned canonical, e.g. {@code http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.2.0}. */
    public String canonical() {
        return resource.getUrl() + "|" + resource.getVersion();
    }

    /** The groups in form order. */
    public List<GroupSpec> groups() {
        return groupList;
    }

    /** The group with this linkId, or empty. */
    public Optional<GroupSpec> group(String linkId) {
        return Optional.ofNullable(groups.get(linkId));
    }

    /** The question with this linkId, or empty. */
    public Optional<ItemSpec> item(String linkId) {
        return Optional.ofNullable(items.get(linkId));
    }

    @Override
    public GroupSpec groupOrNull(String linkId) {
        return linkId == null ? null : groups.get(linkId);
    }

    @Override
    public ItemSpec itemOrNull(String linkId) {
        return linkId == null ? null : items.get(linkId);
    }

    /**
     * The compiled item of an intake-core question, or null when this version does not ask it
     * (compilation guarantees every question it asks is there).
     */
    public ItemSpec item(Question question) {
        return byQuestion[question.ordinal()];
    }

    @Override
    public int groupCount() {
        return groups.size();
    }

    private static ItemSpec compile(QuestionnaireItemComponent item, GroupSpec group, QuestionnaireVersion version,
            List<String> problems) {
        String linkId = item.getLinkId();
        Optional<Question> question = Question.byLinkId(linkId);
        if (question.isEmpty()) {
            problems.add("'" + linkId + "' is not a question intake-core knows");
            return null;
        }
        if (!question.get().isAskedIn(version)) {
            problems.add("'" + linkId + "' is not asked in version " + version.code() + " according to intake-core");
            return null;
        }
        if (item.hasItem()) {
            problems.add(linkId + ": nested items under a question are not supported");
        }
        AnswerType type = switch (item.getType()) {
            case BOOLEAN -> AnswerType.BOOLEAN;
            case INTEGER -> AnswerType.INTEGER;
            case CHOICE -> AnswerType.CHOICE;
            case TEXT -> AnswerType.TEXT;
            default -> null;
        };
        if (type == null) {
            problems.add(linkId + ": item type " + item.getType().toCode() + " is not supported");
            return null;
        }
        Integer min = integerExtension(item, MIN_VALUE);
        Integer max = type == AnswerType.TEXT ? (item.hasMaxLength() ? item.getMaxLength() : null)
                : integerExtension(item, MAX_VALUE);
        Map<String, String> options = new HashMap<>();
        for (QuestionnaireItemAnswerOptionComponent option : item.getAnswerOption()) {
            if (!option.hasValueCoding()) {
                problems.add(linkId + ": only Coding answer options are supported");
                continue;
            }
            Coding coding = option.getValueCoding();
            options.put(coding.getCode(), coding.getSystem());
        }
        List<String> conditions = new ArrayList<>();
        for (QuestionnaireItemEnableWhenComponent enableWhen : item.getEnableWhen()) {
            boolean equalsTrue = enableWhen.getOperator() == Questionnaire.QuestionnaireItemOperator.EQUAL
                    && enableWhen.getAnswer() instanceof BooleanType answer && Boolean.TRUE.equals(answer.getValue());
            if (!equalsTrue) {
                problems.add(linkId + ": only enableWhen '= true' is supported");
            }
            conditions.add(enableWhen.getQuestion());
        }
        if (conditions.size() > 1 && item.getEnableBehavior() != EnableWhenBehavior.ANY) {
            problems.add(linkId + ": several enableWhen must use enableBehavior 'any'");
        }
        ItemSpec spec = new ItemSpec(linkId, question.get(), group.linkId(), type, item.getRequired(),
                item.getRepeats(), min, max, Collections.unmodifiableMap(options), List.copyOf(conditions), item);
        checkAgreesWithCore(spec, version, problems);
        return spec;
    }

    private static void checkAgreesWithCore(ItemSpec spec, QuestionnaireVersion version, List<String> problems) {
        Question question = spec.question();
        String linkId = spec.linkId();
        if (!question.group().linkId().equals(spec.groupLinkId())) {
            problems.add(linkId + ": in group '" + spec.groupLinkId() + "' but intake-core says '"
                    + question.group().linkId() + "'");
        }
        if (question.type() != spec.type()) {
            problems.add(linkId + ": type " + spec.type() + " but intake-core says " + question.type());
        }
        if (question.isRequiredIn(version) != spec.required()) {
            problems.add(linkId + ": required=" + spec.required() + " but intake-core says "
                    + question.isRequiredIn(version) + " in version " + version.code());
        }
        if (spec.repeats()) {
            problems.add(linkId + ": repeating questions are not part of the intake");
        }
        if (question.type() == AnswerType.INTEGER
                && (!Objects.equals(spec.min(), question.min()) || !Objects.equals(spec.max(), question.max()))) {
            problems.add(linkId + ": range " + spec.min() + ".." + spec.max() + " but intake-core says "
                    + question.min() + ".." + question.max());
        }
        if (question.type() == AnswerType.TEXT && !Objects.equals(spec.max(), question.max())) {
            problems.add(linkId + ": maxLength " + spec.max() + " but intake-core says " + question.max());
        }
        if (question.type() == AnswerType.CHOICE) {
            Map<String, String> expected = new HashMap<>();
            for (CodedAnswer option : question.options()) {
                expected.put(option.code(), CodedAnswer.SYSTEM);
            }
            if (!expected.equals(spec.options())) {
                problems.add(linkId + ": answer options " + spec.options().keySet() + " but intake-core says "
                        + expected.keySet());
            } else {
                List<String> shown = spec.element().getAnswerOption().stream()
                        .map(option -> option.getValueCoding().getCode() + " \"" + option.getValueCoding().getDisplay() + "\"")
                        .toList();
                List<String> core = question.options().stream()
                        .map(option -> option.code() + " \"" + option.display() + "\"").toList();
                if (!core.equals(shown)) {
                    problems.add(linkId + ": answer options in order " + shown + " but intake-core says " + core);
                }
            }
        }
    }

    private static Integer integerExtension(QuestionnaireItemComponent item, String url) {
        Extension extension = item.getExtensionByUrl(url);
        return extension != null && extension.getValue() instanceof IntegerType value ? value.getValue() : null;
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T readResource(Class<T> type,
            String path) {
        try (InputStream in = IntakeQuestionnaire.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return FhirContext.forR4Cached().newJsonParser().parseResource(type, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * A group of the Questionnaire.
     *
     * @param linkId   the group's linkId
     * @param index    its position among the groups, from 0
     * @param required whether a response must contain it
     * @param items    its questions in form order
     * @param element  the Questionnaire item (shared: do not modify)
     */
    public record GroupSpec(String linkId, int index, boolean required, List<ItemSpec> items,
            QuestionnaireItemComponent element) implements FormSpec.Group {
    }

    /**
     * A question of the Questionnaire, compiled.
     *
     * @param linkId             the linkId
     * @param question           the matching intake-core question
     * @param groupLinkId        the linkId of the group it sits directly under
     * @param type               the answer type
     * @param required           whether it must be answered when enabled
     * @param repeats            whether it takes several answers
     * @param min                for integers the lowest allowed value, else null
     * @param max                for integers the highest allowed value, for text the maximum length, else null
     * @param options            for choices: answer code to code system; else empty
     * @param enabledWhenAnyTrue linkIds of which one answered true enables the question; empty if always enabled
     * @param element            the Questionnaire item (shared: do not modify)
     */
    public record ItemSpec(String linkId, Question question, String groupLinkId, AnswerType type, boolean required,
            boolean repeats, Integer min, Integer max, Map<String, String> options, List<String> enabledWhenAnyTrue,
            QuestionnaireItemComponent element) implements FormSpec.Item {
    }
}
