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

    /**
     * An outcome for a record refused unread because it is over the size limit: one error issue
     * with problem code {@code too-large} (in {@code details.coding}, system {@link Problem#SYSTEM}).
     *
     * @param maxRecordBytes the limit, in bytes of UTF-8
     */
    static OperationOutcome tooLarge(long maxRecordBytes) {
        return problem(Problem.TOO_LARGE, null, "This record is over " + maxRecordBytes
                + " bytes, the most one response may have, so it was not read. To allow larger responses, run with "
                + IntakeCommand.MAX_RECORD_BYTES + " N (bytes).");
    }

    /**
     * An outcome with one error issue of a stable problem code, as the reader's own issues carry
     * it: in {@code details.coding} (system {@link Problem#SYSTEM}), the message in
     * {@code details.text} and {@code diagnostics}.
     *
     * @param expression the FHIRPath expression, or null when the issue is about the whole input
     */
    static OperationOutcome problem(Problem problem, String expression, String message) {
        OperationOutcome outcome = new OperationOutcome();
        problem.addTo(outcome, IssueSeverity.ERROR, expression, message);
        return outcome;
    }

    /** An outcome with one error issue at a FHIRPath expression. */
    static OperationOutcome error(IssueType type, String expression, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message).addExpression(expression);
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
