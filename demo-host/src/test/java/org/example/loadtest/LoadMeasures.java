package org.example.loadtest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.example.intake.testsupport.db.PostgresSchema;

/**
 * What the load runs measure with: percentiles, a process's CPU, the machine's load, a pause between paced
 * requests, and the wait for the deliveries.
 */
final class LoadMeasures {

    private LoadMeasures() {
    }

    /** Nearest rank. */
    static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** utime + stime of a process, in clock ticks (100 a second on Linux); 0 when unreadable. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The 1, 5 and 15 minute load averages, or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Waits until no submission in the store is still to be delivered (each DELIVERED or FAILED), telling standard
     * error every 30 s how many are left; fails after {@code patience}.
     */
    static void awaitDeliveries(PostgresSchema schema, Duration patience, String run) {
        long[] reported = {0};
        await(run + ": submissions still to deliver").atMost(patience).pollInterval(Duration.ofMillis(500))
                .conditionEvaluationListener(condition -> {
                    if (condition.getElapsedTimeInMS() / 30_000 > reported[0]) {
                        reported[0] = condition.getElapsedTimeInMS() / 30_000;
                        System.err.printf("%s: %s submissions still to deliver%n", run, condition.getValue());
                    }
                })
                .until(() -> schema.count("select count(*) from intake_submission where delivery not in"
                        + " ('DELIVERED', 'FAILED')"), equalTo(0L));
    }

    /** A pause between paced requests (not a wait for anything). */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
