package org.example.intake.web.api;

import java.util.List;

import org.example.intake.web.submission.StoredSubmission;

/**
 * The API's body for one submission (DESIGN.md section 8), keys in this order.
 *
 * @param id       the submission id, as in {@code /api/intakes/{id}}
 * @param level    EMERGENCY, URGENT, SOON or SELF_CARE
 * @param rules    the fired rule ids, most urgent first
 * @param ruleSet  the rule-set version
 * @param advice   what the patient is told, most important first
 * @param delivery PENDING, DELIVERED, RETRYING or FAILED
 */
record IntakeView(String id, String level, List<String> rules, String ruleSet, List<String> advice, String delivery) {

    static IntakeView of(StoredSubmission submission) {
        return new IntakeView(submission.id(), submission.level().name(), submission.ruleIds(),
                submission.outcome().ruleSetVersion(), submission.adviceTexts(), submission.delivery().name());
    }
}
