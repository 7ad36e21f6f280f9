package org.example.intake.web.queue;

/**
 * One question of the intake and what the patient answered, for the clinician's detail page.
 *
 * @param group    the heading of the question's group
 * @param linkId   the question's linkId
 * @param question the question as the patient read it
 * @param answer   the answer in words, or null when the question was shown but not answered
 */
public record AnswerLine(String group, String linkId, String question, String answer) {

    public boolean answered() {
        return answer != null;
    }
}
