package org.example.intake.testsupport;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One server shared by a whole test JVM: started on the first {@link #get()}, the same one returned afterwards,
 * stopped when the JVM exits. When a system property or environment variable names the base URL of a server
 * that is already running, that one is connected to instead (and never stopped). A start that failed is not
 * tried again: every later call fails at once with the first failure as its cause.
 *
 * @param <T> the server's handle
 */
public final class SharedServer<T> {

    private final String name;
    private final String urlProperty;
    private final String urlEnv;
    private final Function<String, T> connect;
    private final Supplier<T> start;
    private final Consumer<T> stop;
    private T server;
    private RuntimeException failure;

    /**
     * @param name        for messages, e.g. {@code "Keycloak"}
     * @param urlProperty system property naming a running server's base URL, or null
     * @param urlEnv      environment variable naming it, or null
     * @param connect     reaches a running server at a base URL (fails if none answers)
     * @param start       starts a server of this JVM's own
     * @param stop        stops it at JVM exit
     */
    public SharedServer(String name, String urlProperty, String urlEnv, Function<String, T> connect, Supplier<T> start,
            Consumer<T> stop) {
        this.name = Objects.requireNonNull(name, "name");
        this.urlProperty = urlProperty;
        this.urlEnv = urlEnv;
        this.connect = connect;
        this.start = Objects.requireNonNull(start, "start");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    /** A server that is only ever started here (no URL from outside). */
    public SharedServer(String name, Supplier<T> start, Consumer<T> stop) {
        this(name, null, null, null, start, stop);
    }

    /** The JVM's server: started (or connected to) on the first call. */
    public synchronized T get() {
        if (server != null) {
            return server;
        }
        if (failure != null) {
            throw new IllegalStateException("The shared " + name + " failed to start (see the cause)", failure);
        }
        try {
            String external = externalUrl();
            if (external != null) {
                server = connect.apply(external);
            } else {
                T started = start.get();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.accept(started), name + "-stop"));
                server = started;
            }
            return server;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private String externalUrl() {
        if (connect == null) {
            return null;
        }
        String url = urlProperty == null ? null : System.getProperty(urlProperty);
        if ((url == null || url.isBlank()) && urlEnv != null) {
            url = System.getenv(urlEnv);
        }
        return url == null || url.isBlank() ? null : url.strip();
    }
}
