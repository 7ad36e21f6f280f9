package org.example.intake.web.queue;

import java.io.Serial;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpSession;

/**
 * The queue page's views in one session, each with the submissions already written to the audit trail as shown
 * in it: a page's first load records every row it shows and starts a view; the page's own automatic refreshes of
 * that view (they send its id back) record only the patients newly shown. A request the user made (a load, a
 * filter, a page) always starts a new view and records every row. Bounded: at most {@value #MAX_VIEWS} views per
 * session (the least recently used is forgotten) and {@value #MAX_IDS} submissions per view (the oldest are
 * forgotten); whatever is forgotten is recorded again, never less. A view id that is not known (another session's,
 * forged, or forgotten) starts a new view. Thread-safe.
 */
public final class QueueViews implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The most views one session remembers. */
    static final int MAX_VIEWS = 8;
    /** The most submissions one view remembers. */
    static final int MAX_IDS = 2000;

    private static final String ATTRIBUTE = QueueViews.class.getName();
    private static final Pattern VIEW_ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LinkedHashMap<String, LinkedHashSet<String>> views = new LinkedHashMap<>(16, 0.75f, true) {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LinkedHashSet<String>> eldest) {
            return size() > MAX_VIEWS;
        }
    };

    /** The session's views, made the first time. */
    public static QueueViews in(HttpSession session) {
        synchronized (QueueViews.class) {
            Object found = session.getAttribute(ATTRIBUTE);
            if (found instanceof QueueViews views) {
                return views;
            }
            QueueViews views = new QueueViews();
            session.setAttribute(ATTRIBUTE, views);
            return views;
        }
    }

    /**
     * The view a request of the queue page belongs to.
     *
     * @param requested   the view id the page sent back, or null
     * @param autoRefresh whether the page's script made the request on its own (not the user)
     */
    public synchronized View view(String requested, boolean autoRefresh) {
        if (autoRefresh && isWellFormed(requested) && views.get(requested) != null) { // get: the least recently used goes first
            return new View(requested, false);
        }
        String id = HexFormat.of().formatHex(bytes());
        views.put(id, new LinkedHashSet<>());
        return new View(id, true);
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private synchronized boolean contains(String view, String submissionId) {
        Set<String> shown = views.get(view);
        return shown != null && shown.contains(submissionId);
    }

    private synchronized void recorded(String view, Collection<String> submissionIds) {
        LinkedHashSet<String> shown = views.computeIfAbsent(view, id -> new LinkedHashSet<>());
        for (String id : submissionIds) {
            shown.remove(id);
            shown.add(id);
        }
        var oldest = shown.iterator();
        while (shown.size() > MAX_IDS) {
            oldest.next();
            oldest.remove();
        }
    }

    /** One view of the queue page: its id, for the page to send back with its refreshes. */
    public final class View implements ShownBefore {

        private final String id;
        private final boolean firstLoad;

        private View(String id, boolean firstLoad) {
            this.id = id;
            this.firstLoad = firstLoad;
        }

        @Override
        public boolean firstLoad() {
            return firstLoad;
        }

        /** The view's id: 32 hex digits, random. */
        public String id() {
            return id;
        }

        @Override
        public boolean contains(String submissionId) {
            return QueueViews.this.contains(id, submissionId);
        }

        @Override
        public void recorded(Collection<String> submissionIds) {
            QueueViews.this.recorded(id, submissionIds);
        }
    }

    /** Whether the text can be a view id (anything else is not looked up). */
    static boolean isWellFormed(String id) {
        return id != null && VIEW_ID.matcher(id).matches();
    }
}
