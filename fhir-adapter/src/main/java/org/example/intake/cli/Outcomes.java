package org.example.intake.cli;

import org.example.intake.fhir.Problem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/** OperationOutcomes the command line makes itself, and how it judges one. */
final class Outcomes {

    private Outcomes() {
    }

    /** An outcome for a record whose processing failed unexpectedly; names only the error's type. */
    static OperationOutcome processingFailed(Throwable failure) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(IssueType.EXCEPTION)
                .setDiagnostics("The response could not be processed (" + failure.getClass().getSimpleName() + ").");
        return outcome;
    }

    /** An outcome with one error issue at a FHIRPath expression. */
    static OperationOutcome error(IssueType type, String expression, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message).addExpression(expression);
        return outcome;
    }

    /** An outcome with one error issue at a FHIRPath expression, with the problem's stable code in its details. */
    static OperationOutcome error(Problem problem, String expression, String message) {
        OperationOutcome outcome = error(problem.issueType(), expression, message);
        OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
        issue.getDetails().addCoding().setSystem(Problem.SYSTEM).setCode(problem.code());
        issue.getDetails().setText(message);
        return outcome;
    }

    /** Whether the outcome has an issue of severity error or fatal. */
    static boolean hasErrors(OperationOutcome outcome) {
        for (OperationOutcomeIssueComponent issue : outcome.getIssue()) {
            if (issue.getSeverity() == IssueSeverity.ERROR || issue.getSeverity() == IssueSeverity.FATAL) {
                return true;
            }
        }
        return false;
    }
}
