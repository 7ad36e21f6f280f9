package org.example.intake.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

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

    /** The outcome; when there is no issue at all, one information issue says so. */
    OperationOutcome toOutcome() {
        if (!outcome.hasIssue()) {
            outcome.addIssue()
                    .setSeverity(IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("The QuestionnaireResponse is valid.");
        }
        return outcome;
    }

    private void add(IssueSeverity severity, Problem problem, String expression, String message) {
        OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(severity)
                .setCode(problem.issueType())
                .setDiagnostics(message);
        issue.getDetails().addCoding().setSystem(Problem.SYSTEM).setCode(problem.code());
        issue.getDetails().setText(message);
        if (expression != null) {
            issue.addExpression(expression);
        }
    }
}
