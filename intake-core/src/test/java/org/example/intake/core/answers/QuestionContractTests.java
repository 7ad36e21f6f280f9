package org.example.intake.core.answers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The questionnaire of DESIGN.md section 3 is a contract relied on outside this repository.
 * The expected values below are copied by hand from that table ("when enabled" items are
 * required whenever they are asked).
 */
class QuestionContractTests {

    @Test
    void questionsHaveTheContractLinkIdsGroupsTypesAndRequiredFlagsInFormOrder() {
        Question[] questions = Question.values();

        assertThat(questions)
                .extracting(q -> q.group().linkId(), Question::linkId, q -> q.type().fhirType(), Question::required)
                .containsExactly(
                        tuple("cramp", "onset", "choice", true),
                        tuple("cramp", "side", "choice", true),
                        tuple("cramp", "pain-severity", "integer", true),
                        tuple("cramp", "pattern", "choice", true),
                        tuple("cramp", "frequency", "choice", true),
                        tuple("cramp", "apparent-cause", "boolean", true),
                        tuple("cramp", "major-trauma", "boolean", true),
                        tuple("cramp", "daily-activities", "boolean", true),
                        tuple("leg", "radiates", "boolean", true),
                        tuple("leg", "radiates-below-knee", "boolean", true),
                        tuple("leg", "numbness-tingling", "boolean", true),
                        tuple("leg", "leg-weakness", "boolean", true),
                        tuple("leg", "weakness-progressing", "boolean", true),
                        tuple("leg", "both-legs", "boolean", true),
                        tuple("warning", "saddle-numbness", "boolean", true),
                        tuple("warning", "bladder-change", "boolean", true),
                        tuple("warning", "bowel-change", "boolean", true),
                        tuple("warning", "sexual-dysfunction", "boolean", true),
                        tuple("warning", "fever", "boolean", true),
                        tuple("warning", "weight-loss", "boolean", true),
                        tuple("warning", "night-pain", "boolean", true),
                        tuple("warning", "cold-pale-leg", "boolean", true),
                        tuple("warning", "walking-claudication", "boolean", true),
                        tuple("history", "age", "integer", true),
                        tuple("history", "cancer-history", "boolean", true),
                        tuple("history", "immunosuppressed", "boolean", true),
                        tuple("history", "iv-drug-use", "boolean", false),
                        tuple("history", "osteoporosis-steroids", "boolean", true),
                        tuple("lifestyle", "low-fluid", "boolean", false),
                        tuple("lifestyle", "strenuous-activity", "boolean", false),
                        tuple("lifestyle", "prolonged-sitting", "boolean", false),
                        tuple("lifestyle", "prolonged-standing", "boolean", false),
                        tuple("lifestyle", "footwear", "boolean", false),
                        tuple("lifestyle", "notes", "text", false));
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
