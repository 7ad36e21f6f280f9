package org.example.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Spring Boot application from this JVM's class path, run as an operating-system process of its
 * own on a loopback port, so that a test can kill it outright ({@link #kill()}: SIGKILL, as
 * {@code kill -9}) and start it again on the same database. Command-line arguments outrank the
 * application's {@code application.yml}. Its output goes to a log file, never to the caller's.
 */
public final class AppProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with this JVM's class path and returns once it answers HTTP (any status: Boot
     * opens its port only when the context has started).
     *
     * @param jvmOptions options for the new JVM, such as {@code -Xmx512m}
     * @param arguments  Spring Boot arguments ({@code --name=value}); {@code --server.port} is added
     * @param log        where its standard output and error go (replaced)
     * @throws IllegalStateException if it exits or does not answer within {@code patience}; the message ends
     *         with the tail of its log (a start that lost its port to another process is tried again, twice)
     */
    public static AppProcess start(String name, String mainClass, List<String> jvmOptions, List<String> arguments,
            Path log, Duration patience) {
        Objects.requireNonNull(mainClass, "mainClass");
        for (int attempt = 1; ; attempt++) {
            AppProcess app = launch(name, mainClass, jvmOptions, arguments, log);
            try {
                app.awaitHttp(patience);
                return app;
            } catch (RuntimeException e) {
                app.kill();
                // The free port was taken between choosing it and binding it (other processes choose ports too).
                if (attempt < 3 && !app.isAlive() && app.logTail(40).contains("already in use")) {
                    continue;
                }
                throw e;
            }
        }
    }

    private static AppProcess launch(String name, String mainClass, List<String> jvmOptions, List<String> arguments,
            Path log) {
        try {
            int port = freePort();
            Files.createDirectories(log.toAbsolutePath().getParent());
            // The class path goes in an argument file: a long one would not fit in one command-line argument.
            Path argFile = log.resolveSibling(log.getFileName() + ".args");
            Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path") + "\"\n", StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("@" + argFile.toAbsolutePath());
            command.add(mainClass);
            command.add("--server.port=" + port);
            command.add("--server.address=127.0.0.1");
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new AppProcess(name, process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process with SIGKILL (no shutdown hook, no graceful stop) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly(); // SIGKILL on Linux
        awaitExit(Duration.ofSeconds(30));
    }

    /** Asks it to stop (SIGTERM), then kills it after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** The process's exit status; fails if it is still running. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The last lines of its log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + baseUrl() + ", log " + log + ")";
    }

    private void awaitExit(Duration patience) {
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(this + " did not exit within " + patience);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHttp(Duration patience) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(this + " exited with " + process.exitValue() + ":\n" + logTail(40));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(this + " did not answer within " + patience + ":\n" + logTail(40));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
