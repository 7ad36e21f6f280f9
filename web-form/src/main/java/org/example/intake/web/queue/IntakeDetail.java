package org.example.intake.web.queue;

import java.util.List;
import java.util.Objects;

import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.web.delivery.DeliveryAttempt;
import org.example.intake.web.intake.StoredSubmission;

/**
 * Everything a clinician needs to judge one submission: the answers in the questionnaire's
 * order (questions it did not show left out), why the triage decided as it did, what the
 * patient was told, what the EHR holds, and how delivery went.
 *
 * @param submission      the stored submission, with any clinician's decision
 * @param questionnaire   the canonical URL and version the patient answered
 * @param answers         every shown question with its answer, in the questionnaire's order
 * @param deliveryHistory every delivery attempt, oldest first
 */
public record IntakeDetail(StoredSubmission submission, String questionnaire, List<AnswerLine> answers,
        List<DeliveryAttempt> deliveryHistory) {

    public IntakeDetail {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(questionnaire, "questionnaire");
        answers = List.copyOf(answers);
        deliveryHistory = List.copyOf(deliveryHistory);
    }

    /** The fired rules, most urgent first, with their rationale and source. */
    public List<RedFlagRule> rules() {
        return submission.outcome().firedRules();
    }
}
