package org.example.intake.web.queue;

import java.util.Collection;

/**
 * What one view of the queue page has already written to the audit trail as shown, so that the page's own
 * automatic refreshes record only the patients newly shown in it ({@link QueueViews} keeps it in the session).
 * Forgetting is always safe: what is not remembered is recorded again.
 */
public interface ShownBefore {

    /** Nothing remembered: every row is recorded (a first load, the API, a refresh of a view that is not known). */
    ShownBefore NOTHING = new ShownBefore() {
        @Override
        public boolean contains(String submissionId) {
            return false;
        }

        @Override
        public void recorded(Collection<String> submissionIds) {
        }

        @Override
        public boolean firstLoad() {
            return true;
        }
    };

    /** Whether this is the view's first load (not one of its refreshes): a page that shows nobody is recorded once. */
    boolean firstLoad();

    /** Whether this submission was already recorded as shown in this view. */
    boolean contains(String submissionId);

    /** Notes that these submissions were recorded as shown in this view; called once the records are committed. */
    void recorded(Collection<String> submissionIds);
}
