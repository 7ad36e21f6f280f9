package org.example.intake.web.retriage;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the re-triage once the host's context has started, on a thread of its own: start-up and
 * readiness do not wait for it. The service takes patients at once (a new intake is triaged by
 * the current rules anyway); the re-triage's progress is a detail of the {@code intake} health
 * and a meter, and its work is ordered by id, not urgency, in batches of a few hundred.
 */
final class RetriageOnStart implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetriageOnStart.class);

    private final RetriageService service;
    private final boolean enabled;
    private volatile boolean started;
    private volatile Thread thread;

    RetriageOnStart(RetriageService service, boolean enabled) {
        this.service = Objects.requireNonNull(service, "service");
        this.enabled = enabled;
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        if (!enabled) {
            service.progress().off();
            return;
        }
        Thread running = new Thread(this::run, "intake-retriage");
        running.setDaemon(true);
        thread = running;
        running.start();
    }

    private void run() {
        try {
            service.run();
        } catch (RuntimeException e) {
            // No patient data in the message: the store's and the scheduler's errors name ids at most.
            log.error("re-triage stopped: {}; the next start goes on from where it stopped", e.getClass().getName(), e);
        } finally {
            thread = null;
        }
    }

    @Override
    public synchronized void stop() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** After the scheduler and the web server: the re-triage's deliveries are picked up as soon as it queues them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
