package org.example.intake.web.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.triage.TriageEngine;
import org.junit.jupiter.api.Test;

/** The one place advice becomes words: intake-core's by default, the service's own "what happens next" when set. */
class AdviceWordsUnitTests {

    private static final String OURS = "What happens next: we will call you tomorrow.";

    /** What intake-core tells a patient with a fever (URGENT): action, the 999 list, what happens next. */
    private static List<Advice> urgentAdvice() {
        return new TriageEngine().triage(IntakeAnswers.builder().version(QuestionnaireVersion.CURRENT)
                .answer(Question.FEVER, true).build()).advice();
    }

    @Test
    void byDefaultEveryPieceReadsAsIntakeCoreWordsIt() {
        AdviceWords words = AdviceWords.defaults();

        for (Advice piece : Advice.values()) {
            assertThat(words.text(piece)).as(piece.name()).isEqualTo(piece.text());
        }
    }

    @Test
    void theServicesWordsReplaceWhatHappensNextAndNothingElse() {
        AdviceWords words = new AdviceWords("  " + OURS + "\n");

        assertThat(words.text(Advice.WHAT_HAPPENS_NEXT)).isEqualTo(OURS);
        for (Advice piece : Advice.values()) {
            if (piece != Advice.WHAT_HAPPENS_NEXT) {
                assertThat(words.text(piece)).as(piece.name()).isEqualTo(piece.text());
            }
        }
    }

    @Test
    void blankWordsLeaveTheDefault() {
        assertThat(new AdviceWords(" ").text(Advice.WHAT_HAPPENS_NEXT)).isEqualTo(Advice.WHAT_HAPPENS_NEXT.text());
        assertThat(new AdviceWords(null).text(Advice.WHAT_HAPPENS_NEXT)).isEqualTo(Advice.WHAT_HAPPENS_NEXT.text());
    }

    @Test
    void theFlatTextsHaveOneStringAPieceListItemsIncludedInOrder() {
        List<Advice> advice = urgentAdvice();

        List<String> texts = new AdviceWords(OURS).texts(advice);

        assertThat(texts).hasSameSizeAs(advice).endsWith(OURS).contains(Advice.NET_CALL_999.text(),
                Advice.SIGN_SADDLE_NUMBNESS.text());
        assertThat(texts.indexOf(Advice.SIGN_SADDLE_NUMBNESS.text()))
                .isEqualTo(texts.indexOf(Advice.NET_CALL_999.text()) + 1);
    }

    @Test
    void thePartsGroupEachHeadingWithItsSignsByKindInIntakeCoresOrder() {
        List<Advice> advice = urgentAdvice();

        List<AdvicePart> parts = new AdviceWords(OURS).parts(advice);

        assertThat(parts).extracting(AdvicePart::kind).containsExactly(Advice.Kind.ACTION, Advice.Kind.SAFETY_NET,
                Advice.Kind.NEXT);
        assertThat(parts.get(0).heading()).isNull();
        assertThat(parts.get(1).heading()).isEqualTo("When to get help");
        List<AdviceSection> sections = parts.stream().flatMap(part -> part.sections().stream()).toList();
        assertThat(sections).extracting(AdviceSection::name).containsExactlyElementsOf(
                Advice.sections(advice).stream().map(section -> section.lead().name()).toList());
        AdviceSection call999 = parts.get(1).sections().get(0);
        assertThat(call999.name()).isEqualTo("NET_CALL_999");
        assertThat(call999.isWarning()).isTrue();
        assertThat(call999.items()).first().isEqualTo(Advice.SIGN_SADDLE_NUMBNESS.text());
        assertThat(call999.items()).noneMatch(item -> item.contains(";"));
        assertThat(sections.get(0).isInset()).isTrue();
        assertThat(sections.get(sections.size() - 1).lead()).isEqualTo(OURS);
        assertThat(sections.get(sections.size() - 1).isParagraph()).isTrue();
        assertThat(sections.get(sections.size() - 1).hasItems()).isFalse();
    }

    @Test
    void theSectionUnderAHeadingIsFoundOrEmpty() {
        AdviceWords words = AdviceWords.defaults();

        assertThat(words.section(urgentAdvice(), Advice.NET_CALL_999)).get().extracting(AdviceSection::lead)
                .isEqualTo(Advice.NET_CALL_999.text());
        assertThat(words.section(urgentAdvice(), Advice.NET_GP)).isEmpty();
    }
}
