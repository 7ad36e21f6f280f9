package org.example.intake.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * Every kind of problem the intake finds in a QuestionnaireResponse, with a stable code that
 * integrators and the web form can key on (it appears in {@code issue.details.coding}, in
 * {@link #SYSTEM}), and the FHIR issue type.
 */
public enum Problem {
    MALFORMED_JSON("malformed-json", IssueType.STRUCTURE),
    NOT_A_QUESTIONNAIRE_RESPONSE("not-a-questionnaire-response", IssueType.STRUCTURE),
    INVALID_ELEMENT("invalid-element", IssueType.STRUCTURE),
    /** A modifierExtension or implicitRules: FHIR says data carrying a modifier the reader does not know must not be processed. */
    UNSUPPORTED_MODIFIER("unsupported-modifier", IssueType.NOTSUPPORTED),
    /** No {@code authored}: the response can be triaged, but not written to the EHR (its time is part of the record). */
    MISSING_AUTHORED("missing-authored", IssueType.REQUIRED),
    MISSING_QUESTIONNAIRE("missing-questionnaire", IssueType.REQUIRED),
    WRONG_QUESTIONNAIRE("wrong-questionnaire", IssueType.NOTSUPPORTED),
    MISSING_STATUS("missing-status", IssueType.REQUIRED),
    NOT_COMPLETED("not-completed", IssueType.BUSINESSRULE),
    MISSING_LINK_ID("missing-link-id", IssueType.REQUIRED),
    UNKNOWN_LINK_ID("unknown-link-id", IssueType.STRUCTURE),
    MISPLACED_ITEM("misplaced-item", IssueType.STRUCTURE),
    REPEATED_ITEM("repeated-item", IssueType.STRUCTURE),
    EMPTY_GROUP("empty-group", IssueType.STRUCTURE),
    UNEXPECTED_ANSWER("unexpected-answer", IssueType.STRUCTURE),
    UNEXPECTED_NESTED_ITEM("unexpected-nested-item", IssueType.STRUCTURE),
    REPEATED_ANSWER("repeated-answer", IssueType.STRUCTURE),
    MISSING_VALUE("missing-value", IssueType.REQUIRED),
    WRONG_TYPE("wrong-type", IssueType.STRUCTURE),
    OUT_OF_RANGE("out-of-range", IssueType.VALUE),
    UNKNOWN_CODE("unknown-code", IssueType.CODEINVALID),
    MISSING_CODE_SYSTEM("missing-code-system", IssueType.CODEINVALID),
    TOO_LONG("too-long", IssueType.TOOLONG),
    /** A whole record (one response's JSON text) over the size limit, refused unread. */
    TOO_LARGE("too-large", IssueType.TOOLONG),
    MISSING_GROUP("missing-group", IssueType.REQUIRED),
    MISSING_ANSWER("missing-answer", IssueType.REQUIRED),
    ANSWER_TO_DISABLED_ITEM("answer-to-disabled-item", IssueType.BUSINESSRULE);

    /** The code system of {@link #code()}. */
    public static final String SYSTEM = "http://example.org/fhir/CodeSystem/intake-validation-problem";

    private final String code;
    private final IssueType issueType;

    Problem(String code, IssueType issueType) {
        this.code = code;
        this.issueType = issueType;
    }

    /** The stable code, e.g. {@code unknown-link-id}; never null. */
    public String code() {
        return code;
    }

    /** The FHIR OperationOutcome issue type; never null. */
    public IssueType issueType() {
        return issueType;
    }

    /**
     * Adds one issue of this problem to the outcome: its issue type, its stable code in
     * {@code details.coding} ({@link #SYSTEM}), the message as {@code details.text} and
     * {@code diagnostics}, and the FHIRPath expression unless it is null.
     *
     * @return the issue added
     */
    public OperationOutcomeIssueComponent addTo(OperationOutcome outcome, IssueSeverity severity, String expression,
            String message) {
        OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(severity)
                .setCode(issueType)
                .setDiagnostics(message);
        issue.getDetails().addCoding().setSystem(SYSTEM).setCode(code);
        issue.getDetails().setText(message);
        if (expression != null) {
            issue.addExpression(expression);
        }
        return issue;
    }
}
