package org.example.intake.fhir.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.util.Optional;

import org.example.intake.core.triage.Level;
import org.example.intake.fhir.Responses;
import org.junit.jupiter.api.Test;

class ClinicalDecisionUnitTests {

    static final Instant AT = Instant.parse("2026-11-25T11:00:00Z");

    @Test
    void none_hasNoReviewAndNoOverride_andKeepsTheTriagedLevel() {
        ClinicalDecision none = ClinicalDecision.NONE;

        assertThat(none.isNone()).isTrue();
        assertThat(none.review()).isEmpty();
        assertThat(none.override()).isEmpty();
        assertThat(none.effectiveLevel(Level.SOON)).isEqualTo(Level.SOON);
    }

    @Test
    void effectiveLevel_isTheOverridesLevel_whenThereIsOne() {
        ClinicalDecision down = ClinicalDecision.overridden(
                new ClinicalDecision.Override(Level.URGENT, "no saddle numbness on examination", AT, "dr.ng"));
        ClinicalDecision reviewedOnly = ClinicalDecision.reviewed(new ClinicalDecision.Review(AT, "dr.ng"));

        assertThat(down.effectiveLevel(Level.EMERGENCY)).isEqualTo(Level.URGENT);
        assertThat(down.isNone()).isFalse();
        assertThat(reviewedOnly.effectiveLevel(Level.EMERGENCY)).isEqualTo(Level.EMERGENCY);
        assertThat(reviewedOnly.isNone()).isFalse();
    }

    @Test
    void withReviewAndWithOverride_keepTheOtherPart() {
        ClinicalDecision.Review review = new ClinicalDecision.Review(AT, "dr.ng", Optional.of("called the patient"));
        ClinicalDecision.Override override = new ClinicalDecision.Override(Level.SOON, "known sciatica", AT, "dr.ng");

        ClinicalDecision both = ClinicalDecision.reviewed(review).withOverride(override);

        assertThat(both).isEqualTo(new ClinicalDecision(Optional.of(review), Optional.of(override)));
        assertThat(ClinicalDecision.overridden(override).withReview(review)).isEqualTo(both);
    }

    @Test
    void anOverrideWithoutAReason_isRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClinicalDecision.Override(Level.URGENT, " \t", AT, "dr.ng"))
                .withMessageContaining("reason");
        assertThatNullPointerException()
                .isThrownBy(() -> new ClinicalDecision.Override(Level.URGENT, null, AT, "dr.ng"))
                .withMessageContaining("reason");
    }

    @Test
    void anOverrideWithoutLevelTimeOrClinician_isRefused() {
        assertThatNullPointerException().isThrownBy(() -> new ClinicalDecision.Override(null, "r", AT, "dr.ng"))
                .withMessageContaining("level");
        assertThatNullPointerException().isThrownBy(() -> new ClinicalDecision.Override(Level.SOON, "r", null, "dr.ng"))
                .withMessageContaining("at");
        assertThatIllegalArgumentException().isThrownBy(() -> new ClinicalDecision.Override(Level.SOON, "r", AT, ""))
                .withMessageContaining("by");
    }

    @Test
    void aReviewWithoutClinicianOrWithABlankNote_isRefused_butOneWithoutNoteIsFine() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClinicalDecision.Review(AT, " "))
                .withMessageContaining("by");
        assertThatNullPointerException().isThrownBy(() -> new ClinicalDecision.Review(null, "dr.ng"))
                .withMessageContaining("at");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ClinicalDecision.Review(AT, "dr.ng", Optional.of("  ")))
                .withMessageContaining("note");
        assertThatNullPointerException().isThrownBy(() -> new ClinicalDecision.Review(AT, "dr.ng", null))
                .withMessageContaining("note");

        assertThat(new ClinicalDecision.Review(AT, "dr.ng").note()).isEmpty();
    }

    @Test
    void aDecisionWithNullInsteadOfEmpty_isRefused() {
        assertThatNullPointerException().isThrownBy(() -> new ClinicalDecision(null, Optional.empty()))
                .withMessageContaining("review");
        assertThatNullPointerException().isThrownBy(() -> new ClinicalDecision(Optional.empty(), null))
                .withMessageContaining("override");
    }

    @Test
    void aSubmissionMadeWithFiveArguments_hasNoDecision_andWithDecisionChangesOnlyTheDecision() {
        Submission plain = SubmissionBundleBuilderUnitTests.submission("sub-d1", Responses.benign());
        ClinicalDecision reviewed = ClinicalDecision.reviewed(new ClinicalDecision.Review(AT, "dr.ng"));

        Submission decided = plain.withDecision(reviewed);

        assertThat(plain.decision()).isSameAs(ClinicalDecision.NONE);
        assertThat(decided.decision()).isEqualTo(reviewed);
        assertThat(decided.withDecision(ClinicalDecision.NONE)).isEqualTo(plain);
        assertThat(decided).extracting(Submission::id, Submission::response, Submission::answers, Submission::outcome,
                Submission::triagedAt).containsExactly(plain.id(), plain.response(), plain.answers(), plain.outcome(),
                plain.triagedAt());
    }

    @Test
    void aSubmissionWithANullDecision_isRefused() {
        Submission plain = SubmissionBundleBuilderUnitTests.submission("sub-d2", Responses.benign());

        assertThatNullPointerException().isThrownBy(() -> plain.withDecision(null)).withMessageContaining("decision");
    }

    @Test
    void aDecisionBeforeTheTriage_isRefused_oneAtTheSameInstantIsNot() {
        Submission plain = SubmissionBundleBuilderUnitTests.submission("sub-d3", Responses.benign());
        Instant triagedAt = plain.triagedAt();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> plain.withDecision(ClinicalDecision.reviewed(
                        new ClinicalDecision.Review(triagedAt.minusMillis(1), "dr.ng"))))
                .withMessageContaining("review").withMessageContaining("before the triage");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> plain.withDecision(ClinicalDecision.overridden(
                        new ClinicalDecision.Override(Level.URGENT, "r", triagedAt.minusSeconds(60), "dr.ng"))))
                .withMessageContaining("override");
        assertThat(plain.withDecision(ClinicalDecision.reviewed(new ClinicalDecision.Review(triagedAt, "dr.ng")))
                .decision().review()).isPresent();
    }
}
