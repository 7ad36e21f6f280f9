package org.example.intake.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;

/** Collects the issues of one read into an OperationOutcome. Not thread-safe: one per read. */
final class Issues {

    private final OperationOutcome outcome = new OperationOutcome();
    private int errors;

    void error(Problem problem, String expression, String message) {
        add(IssueSeverity.ERROR, problem, expression, message);
        errors++;
    }

    void warning(Problem problem, String expression, String message) {
        add(IssueSeverity.WARNING, problem, expression, message);
    }

    boolean hasErrors() {
        return errors > 0;
    }

    /** The outcome of a read that never got to a Questionnaire; when there is no issue at all, one information issue says so. */
    OperationOutcome toOutcome() {
        return toOutcome(null);
    }

    /**
     * The outcome, ending with one information issue that names the Questionnaire version checked
     * against (when {@code checkedAgainst} is not null) and says whether the response is valid.
     *
     * @param checkedAgainst the versioned canonical of the Questionnaire, or null when none was identified
     */
    OperationOutcome toOutcome(String checkedAgainst) {
        if (checkedAgainst != null) {
            String verdict = hasErrors() ? "Checked against Questionnaire " + checkedAgainst + "."
                    : "The QuestionnaireResponse is valid against Questionnaire " + checkedAgainst + ".";
            outcome.addIssue()
                    .setSeverity(IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics(verdict);
        } else if (!outcome.hasIssue()) {
            outcome.addIssue()
                    .setSeverity(IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("The QuestionnaireResponse is valid.");
        }
        return outcome;
    }

    private void add(IssueSeverity severity, Problem problem, String expression, String message) {
        problem.addTo(outcome, severity, expression, message);
    }
}
