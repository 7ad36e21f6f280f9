package org.example.intake.web.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;

/**
 * One queue row as the page shows it: the level in words, how long the patient has waited
 * against the level's window, whether that window has passed (in words, not by colour alone),
 * the fired rules in words, the patient and the EHR delivery.
 *
 * @param item    the row's submission
 * @param waited  how long since the intake was accepted, in words
 * @param window  the level's window in words ("4 hours"), or null for self-care
 * @param overdue whether the window has passed without a review
 * @param late    by how much it has passed, in words, or null
 */
public record QueueRow(QueueItem item, String waited, String window, boolean overdue, String late) {

    /** The row for this submission at this moment. */
    public static QueueRow of(QueueItem item, Instant now) {
        Duration waited = Duration.between(item.receivedAt(), now);
        String window = item.level().referralWindow().map(QueueRow::words).orElse(null);
        Instant due = item.dueBy().orElse(null);
        boolean overdue = !item.reviewed() && due != null && now.isAfter(due);
        return new QueueRow(item, words(waited), window, overdue, overdue ? words(Duration.between(due, now)) : null);
    }

    public String id() {
        return item.id();
    }

    public String level() {
        return item.level().name();
    }

    public String levelLabel() {
        return label(item.level());
    }

    public boolean overridden() {
        return item.overrideLevel().isPresent();
    }

    public String triageLabel() {
        return label(item.triageLevel());
    }

    public List<RedFlagRule> rules() {
        return item.rules();
    }

    /** The level as a clinician says it. */
    public static String label(Level level) {
        return switch (level) {
            case EMERGENCY -> "Emergency";
            case URGENT -> "Urgent";
            case SOON -> "Soon";
            case SELF_CARE -> "Self-care";
        };
    }

    /** A duration in words: "under a minute", "12 minutes", "3 h 5 min", "2 days 4 h". */
    public static String words(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes < 1) {
            return "under a minute";
        }
        if (minutes < 60) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = minutes / 60;
        if (hours < 48) {
            long rest = minutes % 60;
            return rest == 0 ? hours + (hours == 1 ? " hour" : " hours") : hours + " h " + rest + " min";
        }
        long days = hours / 24;
        long restHours = hours % 24;
        return days + " days" + (restHours == 0 ? "" : " " + restHours + " h");
    }
}
