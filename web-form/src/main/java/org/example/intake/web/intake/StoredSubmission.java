package org.example.intake.web.intake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.core.triage.TriageOutcome;
import org.example.intake.fhir.extract.ClinicalDecision;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.retriage.Retriage;

/**
 * One accepted intake as the store keeps it: what the patient sent (the QuestionnaireResponse
 * as received, with subject and authored filled in), its triage outcome, and its delivery.
 *
 * @param id           the submission id, used in the API and in every EHR identifier; never null
 * @param patientId    the patient's FHIR id (the token's {@code fhir_patient_id}); never null
 * @param receivedAt   when the service accepted it; never null
 * @param responseJson the QuestionnaireResponse as stored, FHIR JSON; never null
 * @param outcome      the triage outcome given to the patient; never null
 * @param delivery     the delivery state; never null
 * @param attempts     delivery attempts so far
 * @param lastError    why the last attempt failed, without patient data; null when none failed
 * @param deliveredAt  when the EHR last took it; null until then
 * @param decision     what clinicians decided about it (review, override); never null
 * @param revision     how many decisions it has had: each one is a new revision of what the EHR must hold, and
 *                     {@code delivery} is the state of this revision's delivery
 * @param ehrResources the EHR's ids of the resources it holds for this submission ({@code Flag/12}, ...), from its
 *                     last answer; never null, empty until delivered
 * @param retriage     a newer rule set's verdict, kept beside {@code outcome} (which it never replaces), when the
 *                     submission was re-triaged; never null
 */
public record StoredSubmission(String id, String patientId, Instant receivedAt, String responseJson,
        TriageOutcome outcome, DeliveryState delivery, int attempts, String lastError, Instant deliveredAt,
        ClinicalDecision decision, int revision, List<String> ehrResources, Optional<Retriage> retriage) {

    public StoredSubmission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(responseJson, "responseJson");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(decision, "decision");
        ehrResources = List.copyOf(ehrResources);
        Objects.requireNonNull(retriage, "retriage (Optional.empty() for none)");
    }

    /** A new submission: no decision yet, revision 0, nothing in the EHR. */
    StoredSubmission(String id, String patientId, Instant receivedAt, String responseJson, TriageOutcome outcome) {
        this(id, patientId, receivedAt, responseJson, outcome, DeliveryState.PENDING, 0, null, null,
                ClinicalDecision.NONE, 0, List.of(), Optional.empty());
    }

    /** The level the triage gave, which the patient was told; see {@link #currentLevel()} for a clinician's. */
    public Level level() {
        return outcome.level();
    }

    /**
     * The level that counts now: the clinician's when one overrode the triage, else a newer rule
     * set's when it raised the triage's, else the triage's.
     */
    public Level currentLevel() {
        return decision.effectiveLevel(raisedTo().orElse(outcome.level()));
    }

    /** The newer rule set's level when it is more urgent than the triage's (it then counts, unless a clinician overrode it). */
    public Optional<Level> raisedTo() {
        return retriage.filter(r -> r.raises(outcome.level())).map(Retriage::level);
    }

    /** What a newer rule set said, in words for clinicians ("Raised to URGENT by rule set 1.2.0"), when it re-triaged this. */
    public Optional<String> retriageSummary() {
        return retriage.map(r -> r.summary(outcome.level()));
    }

    /**
     * The decision the EHR is to follow: the clinicians', and when a newer rule set raised the
     * level and no clinician has set one, that raise as an override by the rule set (so the EHR's
     * Flag and ServiceRequest follow it as they follow a clinician's, with a Provenance of its own).
     */
    public ClinicalDecision decisionForEhr() {
        Optional<Retriage> raise = retriage.filter(r -> r.raises(outcome.level()));
        if (raise.isEmpty() || decision.override().isPresent()) {
            return decision;
        }
        Retriage r = raise.get();
        return decision.withOverride(ClinicalDecision.Override.byRuleSet(r.level(), r.ruleSet(),
                r.summary(outcome.level()) + (r.ruleIds().isEmpty() ? "" : ": " + String.join(", ", r.ruleIds())),
                r.at()));
    }

    /** Whether a clinician has marked it reviewed. */
    public boolean reviewed() {
        return decision.review().isPresent();
    }

    /** The ids of the fired rules, most urgent first. */
    public List<String> ruleIds() {
        return outcome.ruleIds();
    }

    /** The stored outcome rebuilt from its parts (level, rule ids, rule-set version, advice names). */
    static TriageOutcome outcome(String level, List<String> ruleIds, String ruleSet, List<String> adviceNames) {
        List<RedFlagRule> rules = ruleIds.stream()
                .map(id -> RedFlagRule.byId(id).orElseThrow(() -> new IllegalStateException("unknown rule " + id)))
                .toList();
        return new TriageOutcome(Level.valueOf(level), rules, ruleSet, adviceNames.stream().map(Advice::valueOf).toList());
    }
}
