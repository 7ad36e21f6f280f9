package org.example.intake.web.queue;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.example.intake.core.triage.Level;

/**
 * One page of the clinicians' queue, in queue order.
 *
 * @param filter   what it was filtered by
 * @param page     its number, from 1
 * @param items    its submissions: unreviewed first, EMERGENCY first, oldest first
 * @param hasNext     whether another page follows
 * @param hasPrevious whether a page comes before this one
 * @param waiting  how many unreviewed submissions wait at each level, over the whole queue
 * @param newEmergencies the new intakes the page asked after that are unreviewed EMERGENCYs not among
 *                       {@code items}: the page must still point the clinician to them
 */
public record QueuePage(QueueFilter filter, int page, List<QueueItem> items, boolean hasNext, boolean hasPrevious,
        Map<Level, Long> waiting, List<QueueItem> newEmergencies) {

    public QueuePage {
        Objects.requireNonNull(filter, "filter");
        items = List.copyOf(items);
        waiting = Map.copyOf(waiting);
        newEmergencies = List.copyOf(newEmergencies);
    }

    /** A page that asked after no new intakes. */
    public QueuePage(QueueFilter filter, int page, List<QueueItem> items, boolean hasNext, boolean hasPrevious,
            Map<Level, Long> waiting) {
        this(filter, page, items, hasNext, hasPrevious, waiting, List.of());
    }

    /**
     * How many unreviewed EMERGENCY intakes wait that this page does not show (on other pages, or
     * filtered out): those waiting over the whole queue less those among its rows.
     */
    public long emergenciesNotShown() {
        long shown = items.stream().filter(item -> !item.reviewed() && item.level() == Level.EMERGENCY).count();
        return Math.max(0, waiting.getOrDefault(Level.EMERGENCY, 0L) - shown);
    }

    /** The cursor the next page starts after (its last row's key), or null on the last page. */
    public String nextCursor() {
        return hasNext && !items.isEmpty() ? QueueKey.of(items.get(items.size() - 1)).cursor() : null;
    }

    /** The cursor the previous page ends before (its first row's key), or null on the first page. */
    public String previousCursor() {
        return hasPrevious && !items.isEmpty() ? QueueKey.of(items.get(0)).cursor() : null;
    }
}
