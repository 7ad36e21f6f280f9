package org.example.intake.web.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Keycloak sessions and users the issuer signed out ({@code intake_ended_session}), in the host's database, so
 * that every node sees what the one node that received the logout token learned. A row names a Keycloak session
 * ({@code sid}: every page session signed in with it has ended) or only a user ({@code sub}: every page session of
 * the user signed in up to the logout has ended). Rows older than {@code keep} (the longest page session) are
 * deleted as new ones come: by then every session they could end has ended by its own lifetime. Thread-safe.
 */
final class EndedSessions {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration keep;

    EndedSessions(JdbcClient jdbc, Clock clock, Duration keep) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keep = Objects.requireNonNull(keep, "keep");
    }

    /**
     * Records that the issuer ended a Keycloak session, or all of a user's when {@code sid} is null, and deletes the
     * rows too old to matter.
     *
     * @param sid     the Keycloak session, or null for all the user's
     * @param sub     the user, or null when only {@code sid} is known; not both null
     * @param endedAt when the issuer ended it (the logout token's {@code iat}, by the issuer's clock, which also
     *                dates the ID tokens it is compared with)
     */
    void record(String sid, String sub, Instant endedAt) {
        if (sid == null && sub == null) {
            throw new IllegalArgumentException("an ended session needs its sid or its sub");
        }
        Instant now = clock.instant();
        jdbc.sql("insert into intake_ended_session (id, sid, sub, ended_at, recorded_at) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID().toString(), sid, sub, Timestamp.from(endedAt), Timestamp.from(now))
                .update();
        jdbc.sql("delete from intake_ended_session where recorded_at < ?")
                .param(Timestamp.from(now.minus(keep))).update();
    }

    /**
     * Whether the issuer has ended a page session signed in with this ID token: its Keycloak session was ended, or
     * all its user's sessions at or after it was issued. One indexed look-up.
     *
     * @param sid        the ID token's {@code sid}, or null when it has none
     * @param sub        the ID token's subject; never null
     * @param signedInAt the ID token's {@code iat}; never null
     */
    boolean ended(String sid, String sub, Instant signedInAt) {
        return jdbc.sql("select count(*) from intake_ended_session where sid = ? "
                        + "or (sid is null and sub = ? and ended_at >= ?)")
                .params(sid, sub, Timestamp.from(signedInAt))
                .query(Long.class).single() > 0;
    }
}
