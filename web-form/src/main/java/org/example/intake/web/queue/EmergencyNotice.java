package org.example.intake.web.queue;

import java.time.Instant;
import java.util.List;

/**
 * What the queue page shows when a new EMERGENCY intake it learned of is not among its rows
 * (more than a page of older EMERGENCYs waits before it, or a filter leaves it out): a link to
 * each such intake, and how many EMERGENCYs wait that the page does not show.
 *
 * @param intakes  the new EMERGENCY intakes not on the page, oldest first
 * @param notShown how many unreviewed EMERGENCY intakes wait that the page does not show
 */
public record EmergencyNotice(List<QueueRow> intakes, long notShown) {

    public EmergencyNotice {
        intakes = List.copyOf(intakes);
    }

    /** The notice for this page, or null when it needs none (no new EMERGENCY beyond its rows). */
    static EmergencyNotice of(QueuePage page, Instant now) {
        if (page.newEmergencies().isEmpty()) {
            return null;
        }
        return new EmergencyNotice(page.newEmergencies().stream().map(item -> QueueRow.of(item, now)).toList(),
                page.emergenciesNotShown());
    }

    /** The heading, in words. */
    public String heading() {
        return intakes.size() == 1 ? "New emergency intake, not on this page"
                : intakes.size() + " new emergency intakes, not on this page";
    }

    /** How many EMERGENCYs wait beyond this page, in words. */
    public String summary() {
        return notShown == 1 ? "1 emergency intake waiting for review is not on this page."
                : notShown + " emergency intakes waiting for review are not on this page.";
    }
}
