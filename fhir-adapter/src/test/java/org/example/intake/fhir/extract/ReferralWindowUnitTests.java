package org.example.intake.fhir.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.example.intake.core.triage.Level;
import org.junit.jupiter.api.Test;

/** The one rule for where a referral window starts and ends, which the queue and the EHR's ServiceRequest share. */
class ReferralWindowUnitTests {

    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:16:00.123456Z");
    private static final Instant OVERRIDDEN = Instant.parse("2026-11-25T13:40:07.987Z");

    @Test
    void theTriagesWindowRunsFromReceiptForTheLevelsWindowInWholeSeconds() {
        Instant received = Instant.parse("2026-11-25T10:16:00Z");

        assertThat(ReferralWindow.triaged(RECEIVED, Level.EMERGENCY))
                .contains(new ReferralWindow(received, received.plus(Duration.ofHours(4))));
        assertThat(ReferralWindow.triaged(RECEIVED, Level.URGENT).orElseThrow().end())
                .isEqualTo(received.plus(Duration.ofHours(24)));
        assertThat(ReferralWindow.triaged(RECEIVED, Level.SOON).orElseThrow().end())
                .isEqualTo(received.plus(Duration.ofDays(14)));
        assertThat(ReferralWindow.triaged(RECEIVED, Level.SELF_CARE)).isEmpty();
    }

    @Test
    void anOverrideToAMoreUrgentLevelStartsTheWindowAtTheOverride() {
        Instant overridden = Instant.parse("2026-11-25T13:40:07Z");

        assertThat(ReferralWindow.of(RECEIVED, Level.URGENT, Level.SOON, OVERRIDDEN))
                .contains(new ReferralWindow(overridden, overridden.plus(Duration.ofHours(24))));
        assertThat(ReferralWindow.of(RECEIVED, Level.SOON, Level.SELF_CARE, OVERRIDDEN))
                .contains(new ReferralWindow(overridden, overridden.plus(Duration.ofDays(14))));
    }

    @Test
    void anOverrideToALessUrgentLevelKeepsTheWindowFromReceipt() {
        Instant received = Instant.parse("2026-11-25T10:16:00Z");

        assertThat(ReferralWindow.of(RECEIVED, Level.SOON, Level.EMERGENCY, OVERRIDDEN))
                .contains(new ReferralWindow(received, received.plus(Duration.ofDays(14))));
        assertThat(ReferralWindow.of(RECEIVED, Level.URGENT, Level.EMERGENCY, OVERRIDDEN))
                .contains(new ReferralWindow(received, received.plus(Duration.ofHours(24))));
        assertThat(ReferralWindow.of(RECEIVED, Level.SELF_CARE, Level.URGENT, OVERRIDDEN)).isEmpty();
    }

    @Test
    void aDecisionTakesItsWindowFromTheLevelItsOverrideReplaced_theTriagesWhenNoneIsRecorded() {
        ClinicalDecision.Override firstToUrgent = new ClinicalDecision.Override(Level.URGENT, "r", OVERRIDDEN, "dr.ng");
        ClinicalDecision.Override urgentAfterSoon = new ClinicalDecision.Override(Level.URGENT, "r", OVERRIDDEN,
                "dr.ng", Optional.of(Level.SOON));

        assertThat(ClinicalDecision.overridden(firstToUrgent).referralWindow(RECEIVED, Level.EMERGENCY))
                .isEqualTo(ReferralWindow.of(RECEIVED, Level.URGENT, Level.EMERGENCY, OVERRIDDEN));
        assertThat(ClinicalDecision.overridden(urgentAfterSoon).referralWindow(RECEIVED, Level.EMERGENCY))
                .isEqualTo(ReferralWindow.of(RECEIVED, Level.URGENT, Level.SOON, OVERRIDDEN));
        assertThat(ClinicalDecision.NONE.referralWindow(RECEIVED, Level.URGENT))
                .isEqualTo(ReferralWindow.triaged(RECEIVED, Level.URGENT));
    }
}
