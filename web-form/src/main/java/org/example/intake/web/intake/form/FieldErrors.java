package org.example.intake.web.intake.form;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.example.intake.fhir.Problem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The validator's refusal in words for a patient, one message per question, in form order:
 * the validator names the question first in each message ({@code 'age' must be ...}), and
 * its stable problem code says what kind of mistake it is.
 */
final class FieldErrors {

    /** The key of a message that belongs to no single question. */
    static final String GENERAL = "";

    private static final Pattern FIRST_QUOTED = Pattern.compile("'([a-z0-9-]+)'");

    private FieldErrors() {
    }

    /** linkId to message, in form order, for every error issue of the outcome. */
    static Map<String, String> of(OperationOutcome outcome, QuestionnaireForm form) {
        Map<String, String> byLinkId = new LinkedHashMap<>();
        for (OperationOutcomeIssueComponent issue : outcome.getIssue()) {
            if (issue.getSeverity() != IssueSeverity.ERROR && issue.getSeverity() != IssueSeverity.FATAL) {
                continue;
            }
            Matcher quoted = FIRST_QUOTED.matcher(issue.getDiagnostics() == null ? "" : issue.getDiagnostics());
            FormQuestion question = quoted.find() ? form.question(quoted.group(1)) : null;
            if (question == null) {
                byLinkId.putIfAbsent(GENERAL, "Some answers could not be read. Check the form and send it again.");
            } else {
                byLinkId.putIfAbsent(question.linkId(), message(code(issue), question));
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (FormSection section : form.sections()) {
            for (FormQuestion question : section.questions()) {
                if (byLinkId.containsKey(question.linkId())) {
                    ordered.put(question.linkId(), byLinkId.get(question.linkId()));
                }
            }
        }
        if (byLinkId.containsKey(GENERAL)) {
            ordered.put(GENERAL, byLinkId.get(GENERAL));
        }
        return ordered;
    }

    private static String code(OperationOutcomeIssueComponent issue) {
        for (Coding coding : issue.getDetails().getCoding()) {
            if (Problem.SYSTEM.equals(coding.getSystem())) {
                return coding.getCode();
            }
        }
        return "";
    }

    private static String message(String code, FormQuestion question) {
        String what = question.text();
        return switch (code) {
            case "missing-answer" -> question.isRadios() ? "Select an answer: " + what : "Enter an answer: " + what;
            case "out-of-range" -> "Enter a number from " + question.min() + " to " + question.max() + ": " + what;
            case "wrong-type" -> "integer".equals(question.type()) ? "Enter a whole number, like 7: " + what
                    : "Select an answer: " + what;
            case "unknown-code" -> "Select one of the answers: " + what;
            case "too-long" -> "Use " + question.max() + " characters or fewer: " + what;
            default -> "Check your answer: " + what;
        };
    }
}
