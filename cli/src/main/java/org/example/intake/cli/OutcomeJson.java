package org.example.intake.cli;

import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * Writes the OperationOutcomes of refused records as compact JSON, character for character as
 * HAPI's JSON encoder writes them (tests hold it to HAPI's encoder), without HAPI's reflective
 * walk over its model: the shape the reader and the command line make (issues with severity, code,
 * details with system-and-code codings and text, diagnostics, expressions). For anything else it
 * gives null, and the caller asks HAPI's encoder.
 */
final class OutcomeJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OutcomeJson() {
    }

    /** The outcome as HAPI's compact JSON, or null when it has an element this class does not write. */
    static String encode(OperationOutcome outcome) {
        if (!outcome.hasIssue() || outcome.hasId() || outcome.hasMeta() || outcome.hasImplicitRules()
                || outcome.hasLanguage() || outcome.hasText() || outcome.hasContained() || outcome.hasExtension()
                || outcome.hasModifierExtension()) {
            return null;
        }
        StringBuilder json = new StringBuilder(256 * outcome.getIssue().size());
        json.append("{\"resourceType\":\"OperationOutcome\",\"issue\":[");
        List<OperationOutcomeIssueComponent> issues = outcome.getIssue();
        for (int i = 0; i < issues.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            if (!issue(issues.get(i), json)) {
                return null;
            }
        }
        return json.append("]}").toString();
    }

    private static boolean issue(OperationOutcomeIssueComponent issue, StringBuilder json) {
        if (!issue.hasSeverity() || !issue.hasCode() || issue.hasId() || issue.hasExtension()
                || issue.hasModifierExtension() || issue.hasLocation()) {
            return false;
        }
        json.append("{\"severity\":\"").append(issue.getSeverity().toCode()).append("\",\"code\":\"")
                .append(issue.getCode().toCode()).append('"');
        if (issue.hasDetails() && !details(issue.getDetails(), json)) {
            return false;
        }
        if (issue.hasDiagnostics() && !field(json, "diagnostics", issue.getDiagnosticsElement())) {
            return false;
        }
        if (issue.hasExpression()) {
            json.append(",\"expression\":[");
            List<StringType> expressions = issue.getExpression();
            for (int e = 0; e < expressions.size(); e++) {
                if (!plain(expressions.get(e))) {
                    return false;
                }
                json.append(e > 0 ? "," : "");
                quote(json, expressions.get(e).getValue());
            }
            json.append(']');
        }
        json.append('}');
        return true;
    }

    private static boolean details(CodeableConcept details, StringBuilder json) {
        if (details.hasId() || details.hasExtension()) {
            return false;
        }
        json.append(",\"details\":{");
        String comma = "";
        if (details.hasCoding()) {
            json.append("\"coding\":[");
            List<Coding> codings = details.getCoding();
            for (int c = 0; c < codings.size(); c++) {
                Coding coding = codings.get(c);
                if (!coding.hasSystem() || !coding.hasCode() || coding.hasId() || coding.hasExtension()
                        || coding.hasVersion() || coding.hasDisplay() || coding.hasUserSelected()
                        || !plain(coding.getSystemElement()) || !plain(coding.getCodeElement())) {
                    return false;
                }
                json.append(c > 0 ? ",{\"system\":" : "{\"system\":");
                quote(json, coding.getSystem());
                json.append(",\"code\":");
                quote(json, coding.getCode());
                json.append('}');
            }
            json.append(']');
            comma = ",";
        }
        if (details.hasText()) {
            json.append(comma);
            if (!plain(details.getTextElement())) {
                return false;
            }
            json.append("\"text\":");
            quote(json, details.getText());
        }
        json.append('}');
        return true;
    }

    private static boolean field(StringBuilder json, String name, org.hl7.fhir.r4.model.PrimitiveType<?> value) {
        if (!plain(value)) {
            return false;
        }
        json.append(",\"").append(name).append("\":");
        quote(json, value.getValueAsString());
        return true;
    }

    /** A primitive with a value and nothing else (no id, no extension). */
    private static boolean plain(org.hl7.fhir.r4.model.PrimitiveType<?> value) {
        return value.getValueAsString() != null && !value.getValueAsString().isEmpty() && !value.hasId()
                && !value.hasExtension();
    }

    /** A JSON string as Jackson's generator (HAPI's writer) writes it: control characters, quote and backslash escaped. */
    private static void quote(StringBuilder json, String text) {
        json.append('"');
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            json.append(text, copied, i).append('\\');
            switch (c) {
                case '"', '\\' -> json.append(c);
                case '\b' -> json.append('b');
                case '\t' -> json.append('t');
                case '\n' -> json.append('n');
                case '\f' -> json.append('f');
                case '\r' -> json.append('r');
                default -> json.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            copied = i + 1;
        }
        json.append(text, copied, text.length()).append('"');
    }
}
