package org.example.intake.core.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.example.intake.core.answers.QuestionnaireVersion.V1_0_0;
import static org.example.intake.core.answers.QuestionnaireVersion.V1_1_0;
import static org.example.intake.core.answers.QuestionnaireVersion.V1_2_0;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The questionnaire is a contract relied on outside this repository. The expected values below
 * are copied by hand from the contract's table ("when enabled" items are required whenever they
 * are asked): group, linkId, type, the versions that ask it, whether 1.2.0, 1.1.0 and 1.0.0
 * require it (null: that version does not ask it).
 */
class QuestionContractTests {

    @Test
    void questionsHaveTheContractLinkIdsGroupsTypesVersionsAndRequiredFlagsInFormOrder() {
        Question[] questions = Question.values();

        assertThat(questions)
                .extracting(q -> q.group().linkId(), Question::linkId, q -> q.type().fhirType(), QuestionContractTests::in,
                        q -> required(q, V1_2_0), q -> required(q, V1_1_0), q -> required(q, V1_0_0))
                .containsExactly(
                        tuple("cramp", "onset", "choice", "all", true, true, true),
                        tuple("cramp", "side", "choice", "all", true, true, true),
                        tuple("cramp", "pain-severity", "integer", "all", true, true, true),
                        tuple("cramp", "pattern", "choice", "all", true, true, true),
                        tuple("cramp", "frequency", "choice", "all", true, true, true),
                        tuple("cramp", "apparent-cause", "boolean", "all", true, true, true),
                        tuple("cramp", "major-trauma", "boolean", "all", true, true, true),
                        tuple("cramp", "daily-activities", "boolean", "all", true, true, true),
                        tuple("cramp", "can-bear-weight", "boolean", "1.1.0", null, true, null),
                        tuple("cramp", "standing", "choice", "1.2.0", true, null, null),
                        tuple("leg", "radiates", "boolean", "all", true, true, true),
                        tuple("leg", "radiates-below-knee", "boolean", "all", true, true, true),
                        tuple("leg", "pain-both-legs", "boolean", "1.2.0", true, null, null),
                        tuple("leg", "numbness-tingling", "boolean", "all", true, true, true),
                        tuple("leg", "numbness-both-legs", "boolean", "1.2.0", true, null, null),
                        tuple("leg", "numbness-worsening", "boolean", "1.2.0", true, null, null),
                        tuple("leg", "leg-weakness", "boolean", "all", true, true, true),
                        tuple("leg", "weakness-progressing", "boolean", "all", true, true, true),
                        tuple("leg", "weakness-both-legs", "boolean", "1.2.0", true, null, null),
                        tuple("leg", "both-legs", "boolean", "1.0.0, 1.1.0", null, true, true),
                        tuple("warning", "saddle-numbness", "boolean", "all", true, true, true),
                        tuple("warning", "bladder-change", "boolean", "all", true, true, true),
                        tuple("warning", "bowel-change", "boolean", "all", true, true, true),
                        tuple("warning", "sexual-dysfunction", "boolean", "all", true, true, true),
                        tuple("warning", "fever", "boolean", "all", true, true, true),
                        tuple("warning", "weight-loss", "boolean", "all", true, true, true),
                        tuple("warning", "night-pain", "boolean", "all", true, true, true),
                        tuple("warning", "cold-pale-leg", "boolean", "all", true, true, true),
                        tuple("warning", "walking-claudication", "boolean", "all", true, true, true),
                        tuple("warning", "rest-pain", "boolean", "1.1.0, 1.2.0", true, true, null),
                        tuple("warning", "sudden-severe-onset", "boolean", "1.1.0, 1.2.0", true, true, null),
                        tuple("warning", "very-unwell", "boolean", "1.1.0, 1.2.0", true, true, null),
                        tuple("warning", "tense-swelling-dark-urine", "boolean", "1.1.0, 1.2.0", true, true, null),
                        tuple("warning", "calf-swelling", "boolean", "1.1.0, 1.2.0", true, true, null),
                        tuple("warning", "anal-lump", "boolean", "1.1.0, 1.2.0", true, true, null),
                        tuple("history", "age", "integer", "all", true, true, true),
                        tuple("history", "pregnant", "boolean", "1.2.0", true, null, null),
                        tuple("history", "cancer-history", "boolean", "all", true, true, true),
                        tuple("history", "immunosuppressed", "boolean", "all", true, true, true),
                        tuple("history", "iv-drug-use", "boolean", "all", true, true, false),
                        tuple("history", "osteoporosis-steroids", "boolean", "all", true, true, true),
                        tuple("history", "blood-thinners", "boolean", "1.1.0, 1.2.0", true, true, null),
                        tuple("lifestyle", "low-fluid", "boolean", "all", false, false, false),
                        tuple("lifestyle", "strenuous-activity", "boolean", "all", false, false, false),
                        tuple("lifestyle", "prolonged-sitting", "boolean", "all", false, false, false),
                        tuple("lifestyle", "prolonged-standing", "boolean", "all", false, false, false),
                        tuple("lifestyle", "footwear", "boolean", "all", false, false, false),
                        tuple("lifestyle", "notes", "text", "all", false, false, false));
    }

    @Test
    void theCurrentQuestionnaireIs1_2_0() {
        QuestionnaireVersion current = QuestionnaireVersion.CURRENT;

        assertThat(current).isEqualTo(V1_2_0);
        assertThat(QuestionnaireVersion.values()).extracting(QuestionnaireVersion::code)
                .containsExactly("1.0.0", "1.1.0", "1.2.0");
    }

    @Test
    void onlyTheTwoRetiredQuestionsAreRetiredAndBothIn1_2_0() {
        Question[] questions = Question.values();

        assertThat(questions).filteredOn(q -> q.retiredIn().isPresent())
                .extracting(Question::linkId, q -> q.retiredIn().get())
                .containsExactly(tuple("can-bear-weight", V1_2_0), tuple("both-legs", V1_2_0));
    }

    /** The table's "in" column: the versions that ask the item. */
    private static String in(Question question) {
        List<String> versions = Arrays.stream(QuestionnaireVersion.values()).filter(question::isAskedIn)
                .map(QuestionnaireVersion::code).toList();
        return versions.size() == QuestionnaireVersion.values().length ? "all" : String.join(", ", versions);
    }

    /** Whether the version requires the item whenever it is enabled; null when the version does not ask it. */
    private static Boolean required(Question question, QuestionnaireVersion version) {
        return question.isAskedIn(version) ? question.isRequiredIn(version) : null;
    }

    @Test
    void groupsHaveTheContractLinkIdsInFormOrder() {
        Group[] groups = Group.values();

        assertThat(groups).extracting(Group::linkId)
                .containsExactly("cramp", "leg", "warning", "history", "lifestyle");
    }

    @Test
    void onlyTheDependentQuestionsHaveAnEnableWhen() {
        Question[] questions = Question.values();

        assertThat(questions).filteredOn(q -> !q.enabledWhenAnyTrue().isEmpty())
                .extracting(Question::linkId, Question::enabledWhenAnyTrue)
                .containsExactly(
                        tuple("radiates-below-knee", List.of(Question.RADIATES)),
                        tuple("pain-both-legs", List.of(Question.RADIATES)),
                        tuple("numbness-both-legs", List.of(Question.NUMBNESS_TINGLING)),
                        tuple("numbness-worsening", List.of(Question.NUMBNESS_TINGLING)),
                        tuple("weakness-progressing", List.of(Question.LEG_WEAKNESS)),
                        tuple("weakness-both-legs", List.of(Question.LEG_WEAKNESS)),
                        tuple("both-legs",
                                List.of(Question.RADIATES, Question.NUMBNESS_TINGLING, Question.LEG_WEAKNESS)));
    }

    @Test
    void aQuestionIsEnabledWhenAnyOfItsConditionsWasAnsweredYes_andAlwaysWhenItHasNone() {
        Question bothLegs = Question.BOTH_LEGS;

        assertThat(bothLegs.isEnabled(q -> false)).isFalse();
        assertThat(bothLegs.isEnabled(q -> q == Question.LEG_WEAKNESS)).isTrue();
        assertThat(bothLegs.isEnabled(q -> q == Question.FEVER)).as("not one of its conditions").isFalse();
        assertThat(Question.RADIATES_BELOW_KNEE.isEnabled(q -> q == Question.NUMBNESS_TINGLING)).isFalse();
        assertThat(Question.FEVER.isEnabled(q -> false)).isTrue();
    }

    @Test
    void warningGroupIsNeverHidden() {
        Iterable<Question> warnings = Question.of(Group.WARNING);

        assertThat(warnings).allSatisfy(q -> assertThat(q.enabledWhenAnyTrue()).isEmpty());
    }

    @Test
    void choiceQuestionsHaveTheContractAnswerCodes() {
        Question[] questions = Question.values();

        assertThat(questions).filteredOn(q -> q.type() == AnswerType.CHOICE)
                .extracting(Question::linkId, q -> q.options().stream().map(CodedAnswer::code).toList())
                .containsExactly(
                        tuple("onset", List.of("hours", "days", "weeks", "over-6-weeks")),
                        tuple("side", List.of("left", "right", "both")),
                        tuple("pattern", List.of("improving", "unchanged", "worsening")),
                        tuple("frequency", List.of("first-time", "occasional", "weekly", "daily-or-constant")),
                        tuple("standing", List.of("can-stand", "cannot-stand", "could-not-before")));
    }

    @Test
    void everyAnswerOptionIsFoundByItsCode_throughItsQuestionAndItsEnum() {
        Question[] questions = Question.values();

        assertThat(questions).filteredOn(q -> q.type() == AnswerType.CHOICE).allSatisfy(q -> {
            assertThat(q.options()).isNotEmpty().allSatisfy(option -> assertThat(q.option(option.code())).contains(option));
            assertThat(q.option("no-such-code")).isEmpty();
            assertThat(q.option(null)).isEmpty();
        });
        assertThat(Question.AGE.option("34")).isEmpty();
        assertThat(CodedAnswer.fromCode(Standing.class, "cannot-stand")).contains(Standing.CANNOT_STAND);
        assertThat(CodedAnswer.fromCode(Side.class, "days")).as("another enum's code").isEmpty();
        assertThat(CodedAnswer.fromCode(Onset.class, null)).isEmpty();
    }

    @Test
    void answerOptionsKeepTheirPatientFacingWords() {
        Question[] questions = Question.values();

        assertThat(questions).filteredOn(q -> q.type() == AnswerType.CHOICE)
                .flatExtracting(Question::options).extracting(CodedAnswer::display)
                .containsExactly("Less than 24 hours ago", "1 to 6 days ago", "1 to 6 weeks ago", "More than 6 weeks ago",
                        "Left", "Right", "Both",
                        "Getting better", "About the same", "Getting worse",
                        "This is the first time", "Now and then", "Every week", "Every day or all the time",
                        "Yes, I can", "No, I can't", "I could not stand before this started");
    }

    @Test
    void integerQuestionsHaveTheContractRanges() {
        Question[] questions = Question.values();

        assertThat(questions).filteredOn(q -> q.type() == AnswerType.INTEGER)
                .extracting(Question::linkId, Question::min, Question::max)
                .containsExactly(tuple("pain-severity", 0, 10), tuple("age", 0, 120));
    }

    @Test
    void notesTakeAtMost2000Characters() {
        Question notes = Question.NOTES;

        assertThat(notes.max()).isEqualTo(2000);
    }

    @Test
    void answerCodesUseTheIntakeCodeSystem() {
        String system = CodedAnswer.SYSTEM;

        assertThat(system).isEqualTo("http://example.org/fhir/CodeSystem/buttock-cramp-intake");
    }

    @Test
    void everyQuestionIsFoundByItsLinkId() {
        Question[] questions = Question.values();

        assertThat(questions).allSatisfy(q -> assertThat(Question.byLinkId(q.linkId())).contains(q));
        assertThat(Question.byLinkId("no-such-question")).isEmpty();
    }
}
