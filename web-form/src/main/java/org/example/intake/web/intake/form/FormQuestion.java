package org.example.intake.web.intake.form;

import java.util.List;

/**
 * One question as the page renders it, taken from the Questionnaire resource (so the page and
 * FHIR never drift).
 *
 * @param linkId       the control's name
 * @param text         the question in plain words
 * @param type         boolean, choice, integer or text
 * @param required     whether it must be answered when shown
 * @param options      the radios: value and label (booleans get true and false)
 * @param min          for integers the lowest value, else null
 * @param max          for integers the highest value, for text the most characters, else null
 * @param enabledWhen  linkIds of the yes/no questions of which a yes shows this one; empty when always shown
 */
public record FormQuestion(String linkId, String text, String type, boolean required, List<Option> options, Integer min,
        Integer max, List<String> enabledWhen) {

    /** A radio: the submitted value and its label. */
    public record Option(String value, String label) {
    }

    public boolean isRadios() {
        return "boolean".equals(type) || "choice".equals(type);
    }

    /** The space-separated linkIds for the page's data attribute; empty when always shown. */
    public String enabledWhenAttribute() {
        return String.join(" ", enabledWhen);
    }
}
