package org.example.intake.web.queue;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.example.intake.core.triage.Level;
import org.example.intake.web.submission.QueueFilter;
import org.example.intake.web.submission.QueueItem;

/**
 * One page of the clinicians' queue, in queue order.
 *
 * @param filter   what it was filtered by
 * @param page     its number, from 1
 * @param items    its submissions: unreviewed first, EMERGENCY first, oldest first
 * @param hasNext  whether another page follows
 * @param waiting  how many unreviewed submissions wait at each level, over the whole queue
 */
public record QueuePage(QueueFilter filter, int page, List<QueueItem> items, boolean hasNext,
        Map<Level, Long> waiting) {

    public QueuePage {
        Objects.requireNonNull(filter, "filter");
        items = List.copyOf(items);
        waiting = Map.copyOf(waiting);
    }

    /** Whether a page comes before this one. */
    public boolean hasPrevious() {
        return page > 1;
    }
}
