package org.example.intake.web.submission;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.core.triage.TriageOutcome;

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
 * @param deliveredAt  when the EHR took it; null until then
 */
public record StoredSubmission(String id, String patientId, Instant receivedAt, String responseJson,
        TriageOutcome outcome, DeliveryState delivery, int attempts, String lastError, Instant deliveredAt) {

    public StoredSubmission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(responseJson, "responseJson");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** The level of the outcome. */
    public Level level() {
        return outcome.level();
    }

    /** The ids of the fired rules, most urgent first. */
    public List<String> ruleIds() {
        return outcome.ruleIds();
    }

    /** The advice as the patient read it, most important first. */
    public List<String> adviceTexts() {
        return outcome.advice().stream().map(Advice::text).toList();
    }

    /** The stored outcome rebuilt from its parts (level, rule ids, rule-set version, advice names). */
    static TriageOutcome outcome(String level, List<String> ruleIds, String ruleSet, List<String> adviceNames) {
        List<RedFlagRule> rules = ruleIds.stream()
                .map(id -> RedFlagRule.byId(id).orElseThrow(() -> new IllegalStateException("unknown rule " + id)))
                .toList();
        return new TriageOutcome(Level.valueOf(level), rules, ruleSet, adviceNames.stream().map(Advice::valueOf).toList());
    }
}
