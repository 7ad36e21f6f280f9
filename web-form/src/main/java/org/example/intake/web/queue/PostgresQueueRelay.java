package org.example.intake.web.queue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The queue's live updates across the nodes that share one PostgreSQL database, with its own
 * {@code LISTEN}/{@code NOTIFY} (no broker): each of this node's queue events, once committed,
 * goes out as a notification, and the other nodes' come in and reach this node's open pages
 * ({@link QueueUpdates#relay}).
 * <ul>
 * <li><b>Out</b>: {@link QueueUpdates} hands over each of this node's events after its
 * transaction has committed (the service publishes them then), so only committed changes are
 * told. A thread of its own sends them, several in one statement ({@code pg_notify} over an
 * array), so a submission never waits for it. The payload is {@code {"node","event","id",
 * "level"|"kind"}}: this node's random id, the event's name, the submission's id and its level or
 * the kind of change; never patient data.</li>
 * <li><b>In</b>: a thread of its own holds one connection of the host's pool, {@code LISTEN}s on
 * it and waits for notifications ({@code PGConnection.getNotifications(timeout)}). Its own node's
 * notifications are left out (its pages heard those at once). When the connection drops (the
 * database restarted, the backend was ended), it connects again, waiting 0.2 s, then twice as
 * long each time, 10 s at most, and tells the pages that the queue changed, as events may have
 * been missed meanwhile.</li>
 * </ul>
 * The channel is {@code intake_queue:<schema>}, so deployments in other schemas of the same
 * database never hear each other. It starts with the context, only when the database is
 * PostgreSQL (on any other there is nothing to do: one node), and stops before the pool closes.
 * Logs say what happens to the connection, never what a notification held.
 */
public class PostgresQueueRelay implements SmartLifecycle {

    static final String CHANNEL_PREFIX = "intake_queue";
    /** The longest channel name PostgreSQL takes (NAMEDATALEN - 1 bytes). */
    private static final int MAX_CHANNEL = 63;
    private static final int MAX_PER_STATEMENT = 500;
    private static final int OUTBOX_CAPACITY = 10_000;
    private static final Duration WAIT = Duration.ofMillis(500);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** The id of the event that tells the pages to fetch their rows after the relay was away. */
    static final String ANY = "*";

    private static final Logger log = LoggerFactory.getLogger(PostgresQueueRelay.class);

    private final DataSource dataSource;
    private final QueueUpdates updates;
    private final ObjectMapper json = new ObjectMapper();
    private final String node = UUID.randomUUID().toString();
    private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>(OUTBOX_CAPACITY);
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    private volatile boolean running;
    private volatile boolean connected;
    private volatile String channel;
    private volatile Connection listening;
    private Thread listener;
    private Thread sender;

    public PostgresQueueRelay(DataSource dataSource, QueueUpdates updates) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.updates = Objects.requireNonNull(updates, "updates");
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                log.debug("queue relay off: the database is not PostgreSQL (a single node)");
                return;
            }
            channel = channelFor(connection);
        } catch (SQLException e) {
            log.warn("queue relay off: the database could not be asked what it is ({})", e.getSQLState());
            return;
        }
        running = true;
        updates.forwardTo(this::publish);
        listener = thread("intake-queue-listen", this::listen);
        sender = thread("intake-queue-notify", this::send);
        log.info("queue relay: this node ({}) tells and hears the other nodes' queue events on channel {}", node,
                channel);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        updates.forwardTo(null);
        join(sender);
        join(listener);
        log.info("queue relay stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether it is relaying at all: the database is PostgreSQL and the node is up. */
    public boolean active() {
        return running;
    }

    /** Whether its listening connection is up now. */
    public boolean connected() {
        return connected;
    }

    /** How often its listening connection was made again after it dropped. */
    public long reconnects() {
        return reconnects.get();
    }

    /** How many of this node's events could not be told to the other nodes (the database refused, the outbox was full). */
    public long notTold() {
        return lost.get();
    }

    /** How many of the other nodes' events it passed to this node's pages. */
    public long relayed() {
        return relayed.get();
    }

    /** The channel it notifies and listens on, once started on PostgreSQL; else null. */
    public String channel() {
        return channel;
    }

    /** This node's id in the notifications it sends. */
    public String node() {
        return node;
    }

    /** The backend process id of the listening connection, while it is up (for operators and tests); else -1. */
    public int listenerBackendPid() {
        Connection connection = listening;
        if (connection == null) {
            return -1;
        }
        try {
            return connection.unwrap(PGConnection.class).getBackendPID();
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Details for the host's health endpoint. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connected", connected);
        details.put("channel", channel);
        details.put("reconnects", reconnects.get());
        details.put("relayed", relayed.get());
        details.put("notTold", lost.get());
        return details;
    }

    // ------------------------------------------------------------------------------------------- out

    void publish(QueueEvent event) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("node", node);
        payload.put("event", event.name());
        payload.putAll(event.data());
        try {
            if (!outbox.offer(json.writeValueAsString(payload)) && lost.getAndIncrement() == 0) {
                log.warn("queue relay: the outbox is full, events are dropped (pages still fetch their rows now and then)");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send() {
        List<String> batch = new ArrayList<>();
        while (running || !outbox.isEmpty()) {
            try {
                String first = outbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outbox.drainTo(batch, MAX_PER_STATEMENT - 1);
                notifyAll(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                lost.addAndGet(batch.size());
                log.warn("queue relay: {} event(s) not told to the other nodes ({})", batch.size(), e.getSQLState());
            } finally {
                batch.clear();
            }
        }
    }

    private void notifyAll(List<String> payloads) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select pg_notify(?, payload) from unnest(?) as payload")) {
            Array array = connection.createArrayOf("text", payloads.toArray());
            statement.setString(1, channel);
            statement.setArray(2, array);
            statement.execute();
            if (!connection.getAutoCommit()) {
                connection.commit(); // notifications go out when their transaction commits
            }
        }
    }

    // -------------------------------------------------------------------------------------------- in

    private void listen() {
        Duration backoff = FIRST_BACKOFF;
        boolean first = true;
        while (running) {
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = connection;
                connected = true;
                backoff = FIRST_BACKOFF;
                if (first) {
                    first = false;
                } else {
                    reconnects.incrementAndGet();
                    log.info("queue relay: listening again");
                    updates.relay(QueueEvent.changed(ANY, "RELAY_RECONNECTED"));
                }
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) WAIT.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            receive(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("queue relay: listening connection lost ({}: {}); connecting again in {} ms",
                            e.getClass().getSimpleName(), e instanceof SQLException sql ? sql.getSQLState() : "",
                            backoff.toMillis());
                }
            } finally {
                listening = null;
                connected = false;
                release(connection);
            }
            if (running && !sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Passes another node's event to this node's pages; its own, and anything that is not an event, are left out. */
    void receive(String payload) {
        JsonNode message;
        try {
            message = json.readTree(payload);
        } catch (JsonProcessingException e) {
            log.debug("queue relay: a notification that is not an event, left out");
            return;
        }
        if (message == null || node.equals(message.path("node").asText())) {
            return;
        }
        String name = message.path("event").asText(null);
        String detail = message.path(QueueEvent.INTAKE.equals(name) ? "level" : "kind").asText(null);
        QueueEvent.of(name, message.path("id").asText(null), detail).ifPresentOrElse(event -> {
            relayed.incrementAndGet();
            updates.relay(event);
        }, () -> log.debug("queue relay: a notification that is not an event, left out"));
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Gives the listening connection back to the pool, listening no more ({@code UNLISTEN}), so its next user gets
     * no notifications. The notifications were read from the driver's own connection (unwrapped), so a pool that
     * checks the errors passing through it has not seen the one that ended it: this statement, through the pool's
     * handle, also lets it see that a dropped connection is broken, and discard it.
     */
    private static void release(Connection connection) {
        if (connection == null) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException e) {
            log.debug("queue relay: the listening connection is broken ({}), the pool drops it", e.getSQLState());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("queue relay: closing the listening connection failed ({})", e.getSQLState());
        }
    }

    private static String channelFor(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_schema()")) {
            String schema = rows.next() ? rows.getString(1) : null;
            String name = schema == null ? CHANNEL_PREFIX : CHANNEL_PREFIX + ":" + schema;
            return name.length() > MAX_CHANNEL ? name.substring(0, MAX_CHANNEL) : name;
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits this long, or less when the relay stops meanwhile; false when interrupted. */
    private boolean sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(WAIT.multipliedBy(6).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
