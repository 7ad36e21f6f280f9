package org.example.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The EHR sandbox (its jar, {@code ehr-sandbox/target/ehr-sandbox.jar}) as a process of its own
 * on a free loopback port, with its H2 data in a fresh temporary directory that {@link #close()}
 * deletes; started as {@code ./intake ehr} starts it (the same JVM options, plus any given).
 * The browser tests' {@code DemoStack} starts its sandbox with it too.
 */
public final class EhrSandboxProcess implements AutoCloseable {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path dataDir;
    private final Path log;
    private volatile Process process;
    private volatile int port;

    private EhrSandboxProcess(List<String> command, Map<String, String> environment, Path dataDir, Path log) {
        this.command = command;
        this.environment = environment;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Launches the sandbox and returns at once; {@link #awaitReady} waits for it.
     *
     * @param jar             the sandbox's executable jar
     * @param extraJvmOptions after the launcher's {@code -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
     * @param environment     more environment variables, such as {@code EHR_VALIDATE_REQUESTS}
     */
    public static EhrSandboxProcess launch(Path jar, List<String> extraJvmOptions, Map<String, String> environment,
            Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build ehr-sandbox first (./mvnw -pl ehr-sandbox -am package)");
        }
        try {
            Path dataDir = Files.createTempDirectory("load-ehr-");
            Files.createDirectories(log.toAbsolutePath().getParent());
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            command.addAll(extraJvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            EhrSandboxProcess ehr = new EhrSandboxProcess(List.copyOf(command), Map.copyOf(environment), dataDir, log);
            ehr.start();
            return ehr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start() throws IOException {
        port = AppProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("EHR_PORT", Integer.toString(port));
        builder.environment().put("EHR_DATA_DIR", dataDir.toString());
        process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** {@code http://localhost:<port>/fhir}. */
    public String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    /** The current process's pid (a start that lost its port is made again, as a new process). */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits until {@code /fhir/metadata} answers 200; fails if the process exits first or time runs out. A start
     * that lost its free port to another process (between choosing and binding it) is made again, twice at most.
     */
    public EhrSandboxProcess awaitReady(Duration patience) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(patience);
        int restarts = 0;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                if (restarts++ < 2 && logContains("already in use")) {
                    try {
                        start();
                        continue;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                throw new IllegalStateException("the EHR sandbox exited: see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/metadata"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            AppProcess.sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(baseUrl() + " not ready within " + patience + ": see " + log);
    }

    private boolean logContains(String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Stops the sandbox (TERM, then KILL after 30 s) and deletes its data. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it eventually
        }
    }
}
