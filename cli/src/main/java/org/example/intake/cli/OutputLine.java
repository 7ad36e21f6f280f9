package org.example.intake.cli;

import java.util.List;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.core.triage.TriageOutcome;

/**
 * The one-line JSON objects {@code intake triage} prints, written by hand in the key order of
 * the README's "Command line" (a contract): {@code source, id, level, rules, ruleSet, advice} for a
 * triaged response, {@code source, error} for a refused one. Lines carry no newline.
 */
final class OutputLine {

    private OutputLine() {
    }

    /**
     * The line for a triaged response.
     *
     * @param source  where the response came from, {@code <file>#<index>}; never null
     * @param id      the response's logical id, or null when it has none (printed as JSON null)
     * @param outcome the triage outcome; never null
     */
    static String triaged(String source, String id, TriageOutcome outcome) {
        StringBuilder line = new StringBuilder(2048);
        line.append("{\"source\":");
        JsonText.appendQuoted(line, source);
        line.append(",\"id\":");
        JsonText.appendQuoted(line, id);
        line.append(",\"level\":");
        JsonText.appendQuoted(line, outcome.level().name());
        line.append(",\"rules\":[");
        List<RedFlagRule> rules = outcome.firedRules();
        for (int i = 0; i < rules.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            JsonText.appendQuoted(line, rules.get(i).id());
        }
        line.append("],\"ruleSet\":");
        JsonText.appendQuoted(line, outcome.ruleSetVersion());
        line.append(",\"advice\":[");
        List<Advice> advice = outcome.advice();
        for (int i = 0; i < advice.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            JsonText.appendQuoted(line, advice.get(i).text());
        }
        return line.append("]}").toString();
    }

    /**
     * The line for a response that was refused.
     *
     * @param source           where the response came from; never null
     * @param operationOutcome the OperationOutcome as compact JSON (one line), inserted as it is
     */
    static String error(String source, String operationOutcome) {
        StringBuilder line = new StringBuilder(operationOutcome.length() + source.length() + 24);
        line.append("{\"source\":");
        JsonText.appendQuoted(line, source);
        return line.append(",\"error\":").append(operationOutcome).append('}').toString();
    }
}
