package org.example.intake.web.queue;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One change an open queue page hears of: {@code intake} (a new submission, with its id and level) or
 * {@code changed} (a decision or a delivery changed one, with its id and what happened). Ids, levels and kinds
 * only, never patient data: the page fetches its rows again, as the clinician's own view.
 *
 * @param name   the server-sent event's name, {@code intake} or {@code changed}
 * @param id     the submission's id
 * @param detail the level (for {@code intake}) or the kind of change (for {@code changed})
 */
public record QueueEvent(String name, String id, String detail) {

    public static final String INTAKE = "intake";
    public static final String CHANGED = "changed";

    /** What a submission's id, a level and a kind look like; anything else from outside is not passed on. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    public QueueEvent {
        if (!INTAKE.equals(name) && !CHANGED.equals(name)) {
            throw new IllegalArgumentException("not a queue event: " + name);
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(detail, "detail");
    }

    static QueueEvent intake(String id, String level) {
        return new QueueEvent(INTAKE, id, level);
    }

    static QueueEvent changed(String id, String kind) {
        return new QueueEvent(CHANGED, id, kind);
    }

    /** The event's data as the page reads it: {@code {"id","level"}} or {@code {"id","kind"}}. */
    Map<String, String> data() {
        return Map.of("id", id, INTAKE.equals(name) ? "level" : "kind", detail);
    }

    /** The event these fields describe, when they are one (a name it knows, plain ids and words); else empty. */
    static Optional<QueueEvent> of(String name, String id, String detail) {
        if (!(INTAKE.equals(name) || CHANGED.equals(name)) || id == null || detail == null
                || !TOKEN.matcher(id).matches() || !TOKEN.matcher(detail).matches()) {
            return Optional.empty();
        }
        return Optional.of(new QueueEvent(name, id, detail));
    }
}
