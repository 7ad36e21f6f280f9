package org.example.intake.testsupport;

import static org.awaitility.Awaitility.await;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A Spring Boot application run as an operating-system process of its own on a free loopback port, so that a
 * test can reach it over HTTP only, kill it outright ({@link #kill()}: SIGKILL, as {@code kill -9}) and start it
 * again on the same database. Any host application: a main class on a class path (this JVM's by default) or an
 * executable jar, with its JVM options, Spring Boot arguments ({@code --name=value}, which outrank the
 * application's own {@code application.yml}) and environment. Its output goes to a log file under
 * {@code target/} (never to the caller's output); {@link #close()} stops it (TERM, then KILL), and so does the
 * end of this JVM should the caller not have.
 *
 * <pre>{@code
 * try (AppProcess app = AppProcess.mainClass("clinic-1", ClinicApplication.class.getName())
 *         .jvmOptions("-Xmx384m")
 *         .property("spring.datasource.url", schema.jdbcUrl())
 *         .start(Duration.ofMinutes(2))) {
 *     http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/")).build(), ...);
 * }
 * }</pre>
 */
public final class AppProcess implements AutoCloseable {

    /** Where logs go unless {@link Launch#log(Path)} says otherwise: {@code target/test-stack/<name>.log}. */
    public static final Path LOG_DIR = Path.of("target", "test-stack");

    private static final int LOG_TAIL_LINES = 40;
    private static final int PORT_ATTEMPTS = 3;

    private final Launch launch;
    private final Thread stopAtExit = new Thread(this::close);
    private volatile Process process;
    private volatile int port;
    private volatile boolean ready;

    private AppProcess(Launch launch) {
        this.launch = launch;
    }

    /** An application's {@code main} class, run on this JVM's class path unless {@link Launch#classPath} says another. */
    public static Launch mainClass(String name, String mainClass) {
        return new Launch(name, List.of(Objects.requireNonNull(mainClass, "mainClass")), null);
    }

    /** An executable jar, run with {@code java -jar}. */
    public static Launch jar(String name, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing");
        }
        return new Launch(name, List.of("-jar", jar.toAbsolutePath().toString()), "");
    }

    /** How to start one application; {@link #start} or {@link #launch} it. */
    public static final class Launch {

        private final String name;
        private final List<String> mainOrJar;
        private String classPath;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String readyPath = "/";
        private int readyStatus;
        private Path log;

        private Launch(String name, List<String> mainOrJar, String classPath) {
            this.name = Objects.requireNonNull(name, "name");
            this.mainOrJar = mainOrJar;
            this.classPath = classPath;
            this.log = LOG_DIR.resolve(name + ".log");
        }

        /** The class path for a main class (default: this JVM's, {@code java.class.path}). */
        public Launch classPath(String classPath) {
            this.classPath = Objects.requireNonNull(classPath, "classPath");
            return this;
        }

        /** Options for the new JVM, such as {@code -Xmx512m}. */
        public Launch jvmOptions(String... options) {
            return jvmOptions(List.of(options));
        }

        public Launch jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** Spring Boot arguments, {@code --name=value}; {@code --server.port} and {@code --server.address} are added. */
        public Launch arguments(List<String> more) {
            arguments.addAll(more);
            return this;
        }

        /** One Spring Boot property, passed as {@code --name=value}. */
        public Launch property(String name, Object value) {
            arguments.add("--" + name + "=" + value);
            return this;
        }

        /** Spring Boot properties, passed as {@code --name=value}. */
        public Launch properties(Map<String, ?> properties) {
            properties.forEach(this::property);
            return this;
        }

        /** An environment variable of the process (it inherits this JVM's environment otherwise). */
        public Launch environment(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        /**
         * When it counts as started: the answer to a GET of {@code path} has this status ({@code 0}: any status).
         * Default: any answer on {@code /} (Boot opens its port only once the context has started).
         */
        public Launch readyWhen(String path, int status) {
            this.readyPath = Objects.requireNonNull(path, "path");
            this.readyStatus = status;
            return this;
        }

        /** Where its standard output and error go (replaced at each start); default {@code target/test-stack/<name>.log}. */
        public Launch log(Path log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** Starts the process and returns at once; {@link AppProcess#awaitReady} waits for it. */
        public AppProcess launch() {
            AppProcess app = new AppProcess(this);
            app.startProcess();
            Runtime.getRuntime().addShutdownHook(app.stopAtExit);
            return app;
        }

        /**
         * Starts the process and returns once it is ready ({@link #readyWhen}).
         *
         * @throws IllegalStateException if it exits or is not ready within {@code patience}; the message ends with
         *         the tail of its log
         */
        public AppProcess start(Duration patience) {
            AppProcess app = launch();
            try {
                return app.awaitReady(patience);
            } catch (RuntimeException e) {
                app.kill();
                throw e;
            }
        }
    }

    private void startProcess() {
        try {
            port = freePort();
            Path log = launch.log;
            Files.createDirectories(log.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(launch.jvmOptions);
            if (launch.classPath == null || !launch.classPath.isEmpty()) {
                // The class path goes in an argument file: a long one would not fit in one command-line argument.
                String classPath = launch.classPath != null ? launch.classPath : System.getProperty("java.class.path");
                Path argFile = log.resolveSibling(log.getFileName() + ".args");
                Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\") + "\"\n", StandardCharsets.UTF_8);
                command.add("@" + argFile.toAbsolutePath());
            }
            command.addAll(launch.mainOrJar);
            command.add("--server.port=" + port);
            command.add("--server.address=127.0.0.1");
            command.addAll(launch.arguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(launch.environment);
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launch.name, e);
        }
    }

    /**
     * Waits until it is ready ({@link Launch#readyWhen}); returns at once when it already was. A start that lost
     * its free port to another process (between choosing and binding it) is made again, twice at most.
     *
     * @throws IllegalStateException if it exits or is not ready within {@code patience}, with the tail of its log
     */
    public synchronized AppProcess awaitReady(Duration patience) {
        if (ready) {
            return this;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int attempt = 1; ; attempt++) {
            try {
                await(launch.name + " ready").atMost(patience).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                        .failFast(launch.name + " exited", () -> !process.isAlive())
                        .until(() -> answers(http));
                ready = true;
                return this;
            } catch (TerminalFailureException e) {
                if (attempt < PORT_ATTEMPTS && logTail(LOG_TAIL_LINES).contains("already in use")) {
                    startProcess();
                    continue;
                }
                throw new IllegalStateException(this + " exited with " + process.exitValue() + ":\n"
                        + logTail(LOG_TAIL_LINES));
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException(this + " not ready within " + patience + " (no "
                        + (launch.readyStatus == 0 ? "answer" : "HTTP " + launch.readyStatus) + " from "
                        + baseUrl() + launch.readyPath + "):\n" + logTail(LOG_TAIL_LINES));
            }
        }
    }

    private boolean answers(HttpClient http) throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + launch.readyPath))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return launch.readyStatus == 0 || response.statusCode() == launch.readyStatus;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    public String name() {
        return launch.name;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The current process's pid (a start that lost its port is made again, as a new process). */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return launch.log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process with SIGKILL (no shutdown hook, no graceful stop) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(this + " did not exit within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        forgetAtExit();
    }

    /** Asks it to stop (SIGTERM), then kills it after 20 s; does nothing when it has already exited. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        forgetAtExit();
    }

    private void forgetAtExit() {
        if (Thread.currentThread() == stopAtExit) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs anyway, and finds the process gone
        }
    }

    /** The process's exit status; fails if it is still running. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The last lines of its log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(launch.log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return launch.name + " (pid " + process.pid() + ", " + baseUrl() + ", log " + launch.log + ")";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
