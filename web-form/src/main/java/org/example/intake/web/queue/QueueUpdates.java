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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
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
 */
public class QueueUpdates implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueueUpdates.class);

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "intake-queue-events");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong sequence = new AtomicLong();
    private final Duration timeout;
    private final Duration refresh;
    private volatile Consumer<QueueEvent> forward = event -> { };

    public QueueUpdates(Duration heartbeat, Duration timeout) {
        this(heartbeat, timeout, Duration.ofMinutes(1));
    }

    /**
     * @param heartbeat how often every stream gets a comment
     * @param timeout   how long one stream lasts
     * @param refresh   how often an open page fetches its rows even when no event came
     */
    public QueueUpdates(Duration heartbeat, Duration timeout, Duration refresh) {
        this.timeout = timeout;
        this.refresh = refresh;
        sender.scheduleWithFixedDelay(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A new stream for one open page; it ends after the timeout and the browser opens another. */
    public SseEmitter open() {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> {
            emitters.remove(emitter);
            emitter.complete();
        });
        emitter.onError(error -> emitters.remove(emitter));
        try {
            // Tells the page the stream is up, how soon to reconnect when it drops, and how often to fetch its rows
            // even when no event comes.
            emitter.send(SseEmitter.event().name("ready").reconnectTime(2000)
                    .data(Map.of("refreshSeconds", Math.max(1, refresh.toSeconds())), MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            emitters.remove(emitter);
        }
        return emitter;
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
