package org.example.intake.fhir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.Group;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;

/**
 * What {@link StreamingAnswerReader} checks a response against, for each Questionnaire version: its
 * groups and questions with type, required, range, answer options and enableWhen, in plain Java and
 * without HAPI. {@link #core()} builds them from intake-core's {@link Question} alone, so reading a
 * plain response never waits for HAPI's model or the Questionnaires' parse; {@link #of(IntakeQuestionnaires)}
 * builds them from compiled Questionnaires, and a test holds the two to the same specs for every
 * version shipped ({@link IntakeQuestionnaire} itself fails to compile a Questionnaire that disagrees
 * with intake-core).
 *
 * <p>Immutable and thread-safe.
 */
final class AnswerSpecs {

    /** The canonical URL of every version of the intake Questionnaire (a test holds it to the resources'). */
    static final String URL = "http://example.org/fhir/Questionnaire/buttock-cramp-intake";

    private static final AnswerSpecs CORE = new AnswerSpecs(URL, coreVersions());

    private final String url;
    private final Map<QuestionnaireVersion, VersionSpec> byVersion;
    private final VersionSpec current;

    private AnswerSpecs(String url, Map<QuestionnaireVersion, VersionSpec> byVersion) {
        this.url = Objects.requireNonNull(url, "url");
        this.byVersion = Collections.unmodifiableMap(byVersion);
        this.current = byVersion.get(QuestionnaireVersion.CURRENT);
        if (current == null) {
            throw new IllegalArgumentException("no spec of the current version " + QuestionnaireVersion.CURRENT.code());
        }
    }

    /** Every questionnaire version, as intake-core's {@link Question} says it. */
    static AnswerSpecs core() {
        return CORE;
    }

    /** The versions of these compiled Questionnaires (e.g. a host's tailored one). */
    static AnswerSpecs of(IntakeQuestionnaires questionnaires) {
        Map<QuestionnaireVersion, VersionSpec> all = new EnumMap<>(QuestionnaireVersion.class);
        for (IntakeQuestionnaire questionnaire : questionnaires.all()) {
            List<GroupSpec> groups = new ArrayList<>();
            for (IntakeQuestionnaire.GroupSpec group : questionnaire.groups()) {
                List<ItemSpec> items = new ArrayList<>();
                for (IntakeQuestionnaire.ItemSpec item : group.items()) {
                    items.add(new ItemSpec(item.linkId(), item.question(), item.groupLinkId(), item.type(),
                            item.required(), item.type() == AnswerType.INTEGER ? item.min() : null,
                            item.type() == AnswerType.INTEGER || item.type() == AnswerType.TEXT ? item.max() : null,
                            Map.copyOf(item.options()), List.copyOf(item.enabledWhenAnyTrue())));
                }
                groups.add(new GroupSpec(group.linkId(), group.index(), group.required(), List.copyOf(items)));
            }
            all.put(questionnaire.questionnaireVersion(),
                    new VersionSpec(questionnaires.url(), questionnaire.questionnaireVersion(), List.copyOf(groups)));
        }
        return new AnswerSpecs(questionnaires.url(), all);
    }

    private static Map<QuestionnaireVersion, VersionSpec> coreVersions() {
        Map<QuestionnaireVersion, VersionSpec> all = new EnumMap<>(QuestionnaireVersion.class);
        for (QuestionnaireVersion version : QuestionnaireVersion.values()) {
            List<GroupSpec> groups = new ArrayList<>();
            for (Group group : Group.values()) {
                List<ItemSpec> items = new ArrayList<>();
                boolean required = false;
                for (Question question : Question.values()) {
                    if (question.group() != group || !question.isAskedIn(version)) {
                        continue;
                    }
                    AnswerType type = question.type();
                    Map<String, String> options = new HashMap<>();
                    for (CodedAnswer option : question.options()) {
                        options.put(option.code(), CodedAnswer.SYSTEM);
                    }
                    items.add(new ItemSpec(question.linkId(), question, group.linkId(), type,
                            question.isRequiredIn(version), type == AnswerType.INTEGER ? question.min() : null,
                            type == AnswerType.INTEGER || type == AnswerType.TEXT ? question.max() : null,
                            Map.copyOf(options), question.enabledWhenAnyTrue().stream().map(Question::linkId).toList()));
                    // A group must be sent when it holds a question that must be answered (the Questionnaires say so).
                    required |= question.isRequiredIn(version);
                }
                if (!items.isEmpty()) {
                    groups.add(new GroupSpec(group.linkId(), groups.size(), required, List.copyOf(items)));
                }
            }
            all.put(version, new VersionSpec(URL, version, List.copyOf(groups)));
        }
        return all;
    }

    /** The canonical URL shared by every version, without version. */
    String url() {
        return url;
    }

    /** The current version's spec (the one a response naming no version, or no version held, is checked against). */
    VersionSpec current() {
        return current;
    }

    /** Every version held as {@code url|version}, oldest first, comma-separated (for messages). */
    String canonicals() {
        return String.join(", ", byVersion.values().stream().map(VersionSpec::canonical).toList());
    }

    /** The spec of every version held, oldest first. */
    List<VersionSpec> all() {
        return List.copyOf(byVersion.values());
    }

    /**
     * The version a response's {@code questionnaire} element names, as {@link IntakeQuestionnaires#resolve(String)}
     * picks it: the version after {@code |}, or the current one when there is none; null for another URL, an
     * unknown version, or null.
     */
    VersionSpec resolve(String canonical) {
        if (canonical == null) {
            return null;
        }
        if (canonical.equals(url)) {
            return current;
        }
        if (canonical.length() > url.length() + 1 && canonical.startsWith(url) && canonical.charAt(url.length()) == '|') {
            return QuestionnaireVersion.fromCode(canonical.substring(url.length() + 1)).map(byVersion::get).orElse(null);
        }
        return null;
    }

    /** One questionnaire version: its groups in form order, each with its index in that list. */
    static final class VersionSpec implements FormSpec {
        private final String canonical;
        private final QuestionnaireVersion version;
        private final List<GroupSpec> groups;
        private final Map<String, GroupSpec> groupsByLinkId = new HashMap<>();
        private final Map<String, ItemSpec> items = new HashMap<>();

        VersionSpec(String url, QuestionnaireVersion version, List<GroupSpec> groups) {
            this.version = Objects.requireNonNull(version, "version");
            this.canonical = Objects.requireNonNull(url, "url") + "|" + version.code();
            this.groups = List.copyOf(groups);
            for (GroupSpec group : this.groups) {
                groupsByLinkId.put(group.linkId(), group);
                for (ItemSpec item : group.items()) {
                    items.put(item.linkId(), item);
                }
            }
        }

        QuestionnaireVersion version() {
            return version;
        }

        @Override
        public QuestionnaireVersion questionnaireVersion() {
            return version;
        }

        @Override
        public String canonical() {
            return canonical;
        }

        @Override
        public List<GroupSpec> groups() {
            return groups;
        }

        @Override
        public GroupSpec groupOrNull(String linkId) {
            return linkId == null ? null : groupsByLinkId.get(linkId);
        }

        @Override
        public ItemSpec itemOrNull(String linkId) {
            return linkId == null ? null : items.get(linkId);
        }

        @Override
        public int groupCount() {
            return groups.size();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof VersionSpec that && version == that.version && groups.equals(that.groups);
        }

        @Override
        public int hashCode() {
            return version.hashCode() * 31 + groups.hashCode();
        }

        @Override
        public String toString() {
            return version.code() + " " + groups;
        }
    }

    /**
     * A group.
     *
     * @param linkId   the group's linkId
     * @param index    its position among the version's groups, from 0
     * @param required whether a response must contain it
     * @param items    its questions in form order
     */
    record GroupSpec(String linkId, int index, boolean required, List<ItemSpec> items) implements FormSpec.Group {
    }

    /**
     * A question.
     *
     * @param linkId             the linkId
     * @param question           the intake-core question
     * @param groupLinkId        the linkId of the group it sits directly under
     * @param type               the answer type
     * @param required           whether it must be answered when enabled
     * @param min                for integers the lowest allowed value, else null
     * @param max                for integers the highest allowed value, for text the maximum length, else null
     * @param options            for choices: answer code to code system; else empty
     * @param enabledWhenAnyTrue linkIds of which one answered true enables the question; empty if always enabled
     */
    record ItemSpec(String linkId, Question question, String groupLinkId, AnswerType type, boolean required,
            Integer min, Integer max, Map<String, String> options, List<String> enabledWhenAnyTrue)
            implements FormSpec.Item {

        /** No question of the intake repeats ({@link IntakeQuestionnaire} refuses a Questionnaire where one does). */
        @Override
        public boolean repeats() {
            return false;
        }
    }
}
