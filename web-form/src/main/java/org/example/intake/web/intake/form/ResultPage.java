package org.example.intake.web.intake.form;

import java.util.List;
import java.util.Map;

import org.example.intake.core.triage.Level;
import org.example.intake.web.advice.AdvicePart;
import org.example.intake.web.advice.AdviceWords;
import org.example.intake.web.intake.StoredSubmission;

/**
 * The result page as the template renders it: a title for the level, then the advice intake-core
 * chose, in its order, grouped as the page shows it (each heading with its signs, one a line).
 *
 * @param level     the verdict the patient was given, for {@code data-level}
 * @param title     the page's heading: what the level asks of the patient in a few words
 * @param emergency whether it is EMERGENCY (the heading is then announced)
 * @param advice    the advice in order, in parts by kind
 * @param delivery  where the answers are: DELIVERED, FAILED, or on the way (anything else)
 */
public record ResultPage(String level, String title, boolean emergency, List<AdvicePart> advice, String delivery) {

    /** Few words over the advice; SELF_CARE promises nothing (its first advice says what the answers show). */
    private static final Map<Level, String> TITLES = Map.of(
            Level.EMERGENCY, "Call 999 or go to A&E now",
            Level.URGENT, "Speak to a doctor today",
            Level.SOON, "Book an appointment with a GP",
            Level.SELF_CARE, "What to do now");

    static ResultPage of(StoredSubmission submission, AdviceWords words) {
        Level level = submission.level();
        return new ResultPage(level.name(), TITLES.get(level), level == Level.EMERGENCY,
                words.parts(submission.outcome().advice()), submission.delivery().name());
    }

    /** The CSS modifier of the heading's box, by level. */
    public String boxClass() {
        return "intake-result intake-result--" + level.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
