package org.example.intake.web.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.fhir.extract.ReferralWindow;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.retriage.Retriage;

/**
 * One row of the clinicians' queue: what it takes to decide whom to see first, without the
 * answers themselves.
 *
 * @param id            the submission id
 * @param patientId     the patient's FHIR id
 * @param receivedAt    when the intake was accepted
 * @param triageLevel   the level the triage gave (what the patient was told)
 * @param overrideLevel a clinician's level, when one changed it
 * @param overriddenAt  when they did
 * @param replaced      the level that counted just before that override, when known (empty: the triage's)
 * @param ruleIds       the fired rules, most urgent first
 * @param delivery      the state of its delivery to the EHR
 * @param reviewed      whether a clinician has marked it reviewed
 * @param attempts      delivery attempts of its latest revision
 * @param lastError     why the last attempt failed, without patient data; null when none did
 * @param retriage      a newer rule set's verdict, beside the triage's, when it was re-triaged
 */
public record QueueItem(String id, String patientId, Instant receivedAt, Level triageLevel,
        Optional<Level> overrideLevel, Optional<Instant> overriddenAt, Optional<Level> replaced, List<String> ruleIds,
        DeliveryState delivery, boolean reviewed, int attempts, String lastError, Optional<Retriage> retriage) {

    public QueueItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(triageLevel, "triageLevel");
        Objects.requireNonNull(overrideLevel, "overrideLevel");
        Objects.requireNonNull(overriddenAt, "overriddenAt");
        Objects.requireNonNull(replaced, "replaced");
        ruleIds = List.copyOf(ruleIds);
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(retriage, "retriage");
    }

    /**
     * The level that counts: the clinician's, else a newer rule set's when it raised the
     * triage's, else the triage's (a newer, less urgent verdict never lowers it: a clinician does).
     */
    public Level level() {
        return overrideLevel.orElseGet(() -> raisedTo().orElse(triageLevel));
    }

    /** The newer rule set's level when it raised the triage's. */
    public Optional<Level> raisedTo() {
        return retriage.filter(r -> r.raises(triageLevel)).map(Retriage::level);
    }

    /** What a newer rule set said, in words for clinicians, when the submission was re-triaged. */
    public Optional<String> retriageSummary() {
        return retriage.map(r -> r.summary(triageLevel));
    }

    /** The fired rules, most urgent first. */
    public List<RedFlagRule> rules() {
        return ruleIds.stream().flatMap(id -> RedFlagRule.byId(id).stream()).toList();
    }

    /**
     * By when a clinician should see the patient: the end of the {@link ReferralWindow} that holds,
     * the very time the EHR's ServiceRequest ends its {@code occurrencePeriod} at. The level's window
     * (4 h, 24 h, 14 days) from the intake; after an override to a more urgent level, from the
     * override; after one to a less urgent level, still from the intake; when a newer rule set
     * raised the level, from the re-triage (as an override to a more urgent level). Empty for
     * self-care.
     */
    public Optional<Instant> dueBy() {
        return referralWindow().map(ReferralWindow::end);
    }

    /** The referral window that holds (see {@link ReferralWindow}); empty for self-care. */
    public Optional<ReferralWindow> referralWindow() {
        if (overrideLevel.isPresent() && overriddenAt.isPresent()) {
            return ReferralWindow.of(receivedAt, overrideLevel.get(), replaced.orElse(triageLevel), overriddenAt.get());
        }
        Optional<Retriage> raised = retriage.filter(r -> r.raises(triageLevel));
        if (raised.isPresent()) {
            return ReferralWindow.of(receivedAt, raised.get().level(), triageLevel, raised.get().at());
        }
        return ReferralWindow.triaged(receivedAt, triageLevel);
    }
}
