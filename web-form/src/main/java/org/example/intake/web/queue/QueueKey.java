package org.example.intake.web.queue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import org.example.intake.core.triage.Level;

/**
 * A row's place in the clinicians' queue, in queue order (reviewed, the level that counts, time
 * received, id): a page starts just after, or ends just before, such a key (keyset paging), so
 * any page is one index range scan, however deep, and rows do not shift between pages when
 * others are reviewed meanwhile. As a cursor it is opaque URL-safe text.
 *
 * @param reviewed   whether the row was reviewed
 * @param level      its level that counts
 * @param receivedAt when it was received
 * @param id         its id
 */
public record QueueKey(boolean reviewed, Level level, Instant receivedAt, String id) {

    public QueueKey {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(id, "id");
    }

    /** The key of this row. */
    public static QueueKey of(QueueItem item) {
        return new QueueKey(item.reviewed(), item.level(), item.receivedAt(), item.id());
    }

    /** The key as an opaque, URL-safe cursor. */
    public String cursor() {
        String plain = (reviewed ? "1" : "0") + "|" + level.name() + "|" + receivedAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key in a cursor made by {@link #cursor()}.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static QueueKey ofCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8)
                    .split("\\|", 4);
            if (parts.length != 4 || !(parts[0].equals("0") || parts[0].equals("1"))) {
                throw new IllegalArgumentException("not a queue cursor");
            }
            return new QueueKey(parts[0].equals("1"), Level.valueOf(parts[1]), Instant.parse(parts[2]), parts[3]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a cursor of this queue: use the link of the page before.", e);
        }
    }
}
