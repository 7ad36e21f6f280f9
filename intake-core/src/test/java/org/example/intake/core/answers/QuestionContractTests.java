package org.example.intake.core.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The questionnaire of DESIGN.md section 3 is a contract relied on outside this repository.
 * The expected values below are copied by hand from that table ("when enabled" items are
 * required whenever they are asked): group, linkId, type, the version that first asks it,
 * whether 1.1.0 requires it, whether 1.0.0 requires it (null: 1.0.0 does not ask it).
 */
class QuestionContractTests {

    @Test
    void questionsHaveTheContractLinkIdsGroupsTypesVersionsAndRequiredFlagsInFormOrder() {
        Question[] questions = Question.values();

        assertThat(questions)
                .extracting(q -> q.group().linkId(), Question::linkId, q -> q.type().fhirType(), Question::since,
                        Question::required,
                        q -> q.isAskedIn(QuestionnaireVersion.V1_0_0) ? q.isRequiredIn(QuestionnaireVersion.V1_0_0) : null)
                .containsExactly(
                        tuple("cramp", "onset", "choice", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("cramp", "side", "choice", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("cramp", "pain-severity", "integer", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("cramp", "pattern", "choice", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("cramp", "frequency", "choice", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("cramp", "apparent-cause", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("cramp", "major-trauma", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("cramp", "daily-activities", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("cramp", "can-bear-weight", "boolean", QuestionnaireVersion.V1_1_0, true, null),
                        tuple("leg", "radiates", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("leg", "radiates-below-knee", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("leg", "numbness-tingling", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("leg", "leg-weakness", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("leg", "weakness-progressing", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("leg", "both-legs", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("warning", "saddle-numbness", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("warning", "bladder-change", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("warning", "bowel-change", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("warning", "sexual-dysfunction", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("warning", "fever", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("warning", "weight-loss", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("warning", "night-pain", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("warning", "cold-pale-leg", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("warning", "walking-claudication", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("warning", "rest-pain", "boolean", QuestionnaireVersion.V1_1_0, true, null),
                        tuple("warning", "sudden-severe-onset", "boolean", QuestionnaireVersion.V1_1_0, true, null),
                        tuple("warning", "very-unwell", "boolean", QuestionnaireVersion.V1_1_0, true, null),
                        tuple("warning", "tense-swelling-dark-urine", "boolean", QuestionnaireVersion.V1_1_0, true, null),
                        tuple("warning", "calf-swelling", "boolean", QuestionnaireVersion.V1_1_0, true, null),
                        tuple("warning", "anal-lump", "boolean", QuestionnaireVersion.V1_1_0, true, null),
                        tuple("history", "age", "integer", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("history", "cancer-history", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("history", "immunosuppressed", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("history", "iv-drug-use", "boolean", QuestionnaireVersion.V1_0_0, true, false),
                        tuple("history", "osteoporosis-steroids", "boolean", QuestionnaireVersion.V1_0_0, true, true),
                        tuple("history", "blood-thinners", "boolean", QuestionnaireVersion.V1_1_0, true, null),
                        tuple("lifestyle", "low-fluid", "boolean", QuestionnaireVersion.V1_0_0, false, false),
                        tuple("lifestyle", "strenuous-activity", "boolean", QuestionnaireVersion.V1_0_0, false, false),
                        tuple("lifestyle", "prolonged-sitting", "boolean", QuestionnaireVersion.V1_0_0, false, false),
                        tuple("lifestyle", "prolonged-standing", "boolean", QuestionnaireVersion.V1_0_0, false, false),
                        tuple("lifestyle", "footwear", "boolean", QuestionnaireVersion.V1_0_0, false, false),
                        tuple("lifestyle", "notes", "text", QuestionnaireVersion.V1_0_0, false, false));
    }

    @Test
    void groupsHaveTheContractLinkIdsInFormOrder() {
        Group[] groups = Group.values();

        assertThat(groups).extracting(Group::linkId)
                .containsExactly("cramp", "leg", "warning", "history", "lifestyle");
    }

    @Test
    void onlyTheThreeDependentQuestionsHaveAnEnableWhen() {
        Question[] questions = Question.values();

        assertThat(questions).filteredOn(q -> !q.enabledWhenAnyTrue().isEmpty())
                .extracting(Question::linkId, Question::enabledWhenAnyTrue)
                .containsExactly(
                        tuple("radiates-below-knee", List.of(Question.RADIATES)),
                        tuple("weakness-progressing", List.of(Question.LEG_WEAKNESS)),
                        tuple("both-legs",
                                List.of(Question.RADIATES, Question.NUMBNESS_TINGLING, Question.LEG_WEAKNESS)));
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
                        tuple("frequency", List.of("first-time", "occasional", "weekly", "daily-or-constant")));
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
