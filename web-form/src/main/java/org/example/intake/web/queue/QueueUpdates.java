package org.example.intake.web.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.example.intake.web.delivery.DeliveryAttempted;
import org.example.intake.web.intake.IntakeSubmitted;
import org.example.intake.web.security.PagesSessionEnded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open queue pages that the queue changed, as server-sent events: {@code intake} for a
 * new submission (with its id and level, so the page can announce an EMERGENCY or URGENT one),
 * {@code changed} when a decision or a delivery changed one. Events carry ids and levels only,
 * never patient data; the page fetches its rows again, as the clinician's own view. Sending
 * runs on a thread of its own, so a slow browser never holds up a submission or a delivery. A
 * comment every heartbeat keeps proxies from closing a quiet stream and finds dead ones.
 *
 * <p>Events come from this node's own submissions, decisions and deliveries, and, with several
 * nodes on PostgreSQL, from the other nodes' through {@link PostgresQueueRelay}: this node's own
 * are handed to the relay ({@link #forwardTo}), the others' come back through {@link #relay}. A
 * page also fetches its rows every so often in any case ({@code intake.queue.refresh}, told to
 * the page in the stream's {@code ready} event), should an event be lost.
 *
 * <p>Each signed-in session holds a few streams at most ({@code intake.queue.max-streams-per-session}, a page or
 * tab each): one more is refused ({@link TooManyStreams}, 429), so a session cannot hold a node's threads and
 * connections open without bound; the refused page keeps up by fetching its rows.
 */
public class QueueUpdates implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueueUpdates.class);

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<SseEmitter>> bySession = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "intake-queue-events");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong sequence = new AtomicLong();
    private final Duration timeout;
    private final Duration refresh;
    private final int maxStreamsPerSession;
    private volatile Consumer<QueueEvent> forward = event -> { };

    public QueueUpdates(Duration heartbeat, Duration timeout) {
        this(heartbeat, timeout, Duration.ofMinutes(1), 4);
    }

    /**
     * @param heartbeat            how often every stream gets a comment
     * @param timeout              how long one stream lasts
     * @param refresh              how often an open page fetches its rows even when no event came
     * @param maxStreamsPerSession how many streams one session may hold open at once
     */
    public QueueUpdates(Duration heartbeat, Duration timeout, Duration refresh, int maxStreamsPerSession) {
        if (maxStreamsPerSession < 1) {
            throw new IllegalArgumentException("maxStreamsPerSession must be at least 1");
        }
        this.timeout = timeout;
        this.refresh = refresh;
        this.maxStreamsPerSession = maxStreamsPerSession;
        sender.scheduleWithFixedDelay(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * A new stream for one open page of this session; it ends after the timeout and the browser opens another.
     *
     * @throws TooManyStreams when the session already holds {@code maxStreamsPerSession} open streams
     */
    public SseEmitter open(String session) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        boolean[] admitted = { false };
        bySession.compute(session, (key, open) -> {
            Set<SseEmitter> streams = open == null ? ConcurrentHashMap.newKeySet() : open;
            if (streams.size() < maxStreamsPerSession) {
                streams.add(emitter);
                admitted[0] = true;
            }
            return streams;
        });
        if (!admitted[0]) {
            throw new TooManyStreams();
        }
        emitters.add(emitter);
        Runnable forget = () -> forget(session, emitter);
        emitter.onCompletion(forget);
        emitter.onTimeout(() -> {
            forget.run();
            emitter.complete();
        });
        emitter.onError(error -> forget.run());
        try {
            // Tells the page the stream is up, how soon to reconnect when it drops, and how often to fetch its rows
            // even when no event comes.
            emitter.send(SseEmitter.event().name("ready").reconnectTime(2000)
                    .data(Map.of("refreshSeconds", Math.max(1, refresh.toSeconds())), MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            forget(session, emitter);
        }
        return emitter;
    }

    private void forget(String session, SseEmitter emitter) {
        emitters.remove(emitter);
        bySession.computeIfPresent(session, (key, open) -> {
            open.remove(emitter);
            return open.isEmpty() ? null : open;
        });
    }

    /** A session ended (signed out, or its time was over): its streams end now, not at their timeout. */
    @EventListener
    void on(PagesSessionEnded ended) {
        Set<SseEmitter> open = bySession.remove(ended.sessionId());
        if (open != null) {
            open.forEach(emitter -> {
                emitters.remove(emitter);
                emitter.complete();
            });
        }
    }

    /** How many streams this session holds open. */
    int streamsOf(String session) {
        Set<SseEmitter> open = bySession.get(session);
        return open == null ? 0 : open.size();
    }

    /** A session asked for one more stream than it may hold open (429); its page fetches its rows instead. */
    @ResponseStatus(HttpStatus.TOO_MANY_REQUESTS)
    public static final class TooManyStreams extends RuntimeException {

        TooManyStreams() {
            super("This session already holds the most live queue streams it may; the page refreshes its rows instead.",
                    null, false, false);
        }
    }

    /** How many pages are listening. */
    public int listeners() {
        return emitters.size();
    }

    @EventListener
    void on(IntakeSubmitted event) {
        if (event.outcome() == IntakeSubmitted.Outcome.ACCEPTED) {
            happened(QueueEvent.intake(event.submissionId(), event.level().name()));
        }
    }

    @EventListener
    void on(IntakeDecided event) {
        happened(QueueEvent.changed(event.submissionId(), event.kind().name()));
    }

    @EventListener
    void on(DeliveryAttempted event) {
        happened(QueueEvent.changed(event.submissionId(), "DELIVERY"));
    }

    /** From now on, hands each of this node's own events (after its commit) to this consumer as well; null: none. */
    void forwardTo(Consumer<QueueEvent> consumer) {
        this.forward = consumer == null ? event -> { } : consumer;
    }

    /** Tells this node's open pages of another node's event. */
    void relay(QueueEvent event) {
        broadcast(event);
    }

    private void happened(QueueEvent event) {
        broadcast(event);
        try {
            forward.accept(event);
        } catch (RuntimeException e) {
            log.warn("queue event not passed to the other nodes: {}", e.getClass().getName());
        }
    }

    private void broadcast(QueueEvent event) {
        if (emitters.isEmpty()) {
            return;
        }
        long id = sequence.incrementAndGet();
        Map<String, String> data = event.data();
        sender.execute(() -> {
            for (SseEmitter emitter : emitters) {
                try {
                    emitter.send(SseEmitter.event().id(Long.toString(id)).name(event.name()).data(data,
                            MediaType.APPLICATION_JSON));
                } catch (IOException | IllegalStateException e) {
                    drop(emitter);
                }
            }
        });
    }

    private void heartbeat() {
        for (SseEmitter emitter : emitters) {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                drop(emitter);
            }
        }
    }

    private void drop(SseEmitter emitter) {
        emitters.remove(emitter);
        bySession.forEach((session, open) -> {
            if (open.contains(emitter)) {
                forget(session, emitter);
            }
        });
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            log.debug("queue event stream already closed");
        }
    }

    /**
     * Ends every open stream, as the node does when it shuts down: the pages reconnect (to
     * another node behind a load balancer) and fetch what they missed.
     *
     * @return how many streams were ended
     */
    public int disconnectAll() {
        List<SseEmitter> open = List.copyOf(emitters);
        open.forEach(this::drop);
        return open.size();
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
        disconnectAll();
    }
}
