package org.example.intake.web.intake.form;

import java.util.List;

/**
 * A group of the Questionnaire: one fieldset on the page.
 *
 * @param linkId    the group's linkId
 * @param title     its heading
 * @param questions its questions in form order
 */
public record FormSection(String linkId, String title, List<FormQuestion> questions) {
}
