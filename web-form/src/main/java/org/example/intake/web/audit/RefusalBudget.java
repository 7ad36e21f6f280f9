package org.example.intake.web.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many refused requests the audit trail records one by one, so that nobody can fill it at the rate they can
 * send requests: per minute at most {@code perCaller} for each signed-in caller, {@code perSource} for each address
 * of anonymous callers and {@code anonymous} for all anonymous callers together (per node). Past that a refusal is
 * counted, and the count goes with the caller's (or the address's) next recorded refusal. At most {@code maxKeys}
 * callers and addresses are kept (the least recently seen is forgotten, with its count). Thread-safe.
 */
final class RefusalBudget {

    /** Whether to record this refusal, and how many of this caller's were counted, not recorded, since the last. */
    record Decision(boolean record, long notRecordedBefore) {
    }

    private static final long MINUTE = 60_000;
    private static final Decision SKIP = new Decision(false, 0);

    private final Clock clock;
    private final int perCaller;
    private final int perSource;
    private final int anonymous;
    private final LinkedHashMap<String, Counter> counters;
    private long anonymousMinute = -1;
    private int anonymousUsed;

    RefusalBudget(Clock clock, int perCaller, int perSource, int anonymous, int maxKeys) {
        this.clock = clock;
        this.perCaller = perCaller;
        this.perSource = perSource;
        this.anonymous = anonymous;
        this.counters = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * @param key       the signed-in caller's id, or the anonymous caller's address
     * @param signedIn  whether the caller is signed in
     */
    synchronized Decision take(String key, boolean signedIn) {
        long minute = clock.millis() / MINUTE;
        Counter counter = counters.computeIfAbsent((signedIn ? "caller:" : "source:") + key, k -> new Counter());
        if (counter.minute != minute) {
            counter.minute = minute;
            counter.used = 0;
        }
        if (!signedIn && anonymousMinute != minute) {
            anonymousMinute = minute;
            anonymousUsed = 0;
        }
        if (counter.used >= (signedIn ? perCaller : perSource) || (!signedIn && anonymousUsed >= anonymous)) {
            counter.notRecorded++;
            return SKIP;
        }
        counter.used++;
        if (!signedIn) {
            anonymousUsed++;
        }
        long before = counter.notRecorded;
        counter.notRecorded = 0;
        return new Decision(true, before);
    }

    private static final class Counter {
        long minute = -1;
        int used;
        long notRecorded;
    }
}
