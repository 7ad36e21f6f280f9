package org.example.intake.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real Keycloak server ({@code keycloak-quarkus-dist}, unpacked by the build) with the demo realm
 * {@value DemoRealm#NAME}, run as a child process: {@code bin/kc.sh start-dev --import-realm}.
 *
 * <pre>{@code
 * KeycloakServer keycloak = KeycloakServer.startThrowaway();  // ~15-25 s, on free ports
 * String issuer = keycloak.issuerUri();                        // http://localhost:<port>/realms/intake
 * }</pre>
 *
 * <p>A started server listens on 127.0.0.1 only, with its issuer pinned to {@code http://localhost:<port>}
 * (the same in tokens whichever way a client reaches it), serves health on a management port of its own
 * ({@code /health/ready}), keeps its data and its log ({@code keycloak.log}, never the caller's output) in
 * the directory it was given, and is stopped, with every process it started, by {@link #stop()} or when
 * this JVM exits; a small watchdog stops it too should this JVM be killed outright.
 *
 * <p>The child process does not inherit the caller's Keycloak and JVM settings ({@code KC_*},
 * {@code QUARKUS_*}, {@code JAVA_OPTS*}, {@code DEBUG*}): it runs on this JVM's {@code java} with
 * Keycloak's default heap (64-512 MB) and C1 only ({@code -XX:TieredStopAtLevel=1}, faster to start on a
 * small machine). The bootstrap admin ({@code master} realm) is {@code KC_BOOTSTRAP_ADMIN_USERNAME} /
 * {@code KC_BOOTSTRAP_ADMIN_PASSWORD} from the environment, else {@value #DEMO_ADMIN} with a password
 * generated at random for this data directory (never a published one): written, readable by its owner
 * only, to {@value #ADMIN_PASSWORD_FILE} in the data directory (Keycloak creates its bootstrap admin
 * only on the first start with a directory, so later starts must name the same password), and shown by
 * {@code ./intake keycloak} and {@code ./intake demo} as they start. {@code INTAKE_KEYCLOAK_JAVA_OPTS}
 * adds JVM options.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 8180;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

    /** System property: seconds a start may take before it fails (default 180). */
    public static final String START_TIMEOUT_PROPERTY = "intake.keycloak.start-timeout-seconds";

    static final String DEMO_ADMIN = "admin";
    static final String ADMIN_PASSWORD_FILE = "admin-password";
    static final String JAVA_OPTS_ENV = "INTAKE_KEYCLOAK_JAVA_OPTS";

    private static final int LOG_TAIL_LINES = 40;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Set<String> LEAKY_ENV = Set.of("JAVA", "JAVA_OPTS", "JAVA_OPTS_APPEND",
            "JAVA_OPTS_KC_HEAP", "JAVA_ADD_OPENS", "JAVA_LOCALE", "DEBUG", "DEBUG_PORT", "DEBUG_SUSPEND",
            "PRINT_ENV");

    /**
     * Runs its arguments as a child and waits for it; stops it when the JVM whose pid is {@code $1} is gone
     * or when itself is asked to stop (TERM, INT, HUP).
     */
    private static final String WATCHDOG = """
            parent=$1; shift
            "$@" &
            child=$!
            trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143' TERM INT HUP
            while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do
              sleep 1 & wait $!
            done
            if kill -0 "$child" 2>/dev/null; then
              kill -TERM "$child"
            fi
            wait "$child"
            """;

    private static final Object START_LOCK = new Object();
    private static volatile boolean exiting;

    private final String baseUrl;
    private final int managementPort;
    private final Process process;
    private final KeycloakHome home;
    private final String adminUsername;
    private final String adminPassword;
    private final Thread shutdownHook;
    private final boolean deleteDataOnStop;
    private volatile Duration startupTime;
    private boolean stopped;

    private KeycloakServer(String baseUrl, int managementPort, Process process, KeycloakHome home,
            String adminUsername, String adminPassword, boolean deleteDataOnStop) {
        this.baseUrl = baseUrl;
        this.managementPort = managementPort;
        this.process = process;
        this.home = home;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.deleteDataOnStop = deleteDataOnStop;
        this.shutdownHook = process == null ? null
                : new Thread(this::stop, "keycloak-stop-" + URI.create(baseUrl).getPort());
    }

    /**
     * A throwaway server of this JVM's own, for tests: on free ports, its home in {@code target/keycloak/jvm-<pid>}
     * under the working directory (the calling module's, under Maven), whose database is deleted when it stops and
     * whose log stays; stopped at JVM exit at the latest. Test-support shares one per test JVM.
     *
     * @throws IllegalStateException as {@link #start(int, Path)}
     */
    public static KeycloakServer startThrowaway() {
        Path dir = Path.of("target", "keycloak", "jvm-" + ProcessHandle.current().pid());
        return start(0, 0, dir, startTimeout(), true);
    }

    /**
     * Starts a server of its own on {@code port} (0: a free one) with a free management port, its home in
     * {@code dataDir} (created if absent), and returns once the realm answers; the caller stops it.
     *
     * @throws IllegalStateException if a port is taken, Keycloak exits early, or it is not ready within
     *         {@value #START_TIMEOUT_PROPERTY} (default 180) seconds; the message ends with the tail of its log
     */
    public static KeycloakServer start(int port, Path dataDir) {
        return start(port, 0, dataDir, startTimeout(), false);
    }

    /**
     * As {@link #start(int, Path)}, with the management (health) port given too (0: a free one) and the time
     * allowed for the start. A data directory that already holds the realm keeps it (Keycloak's import skips
     * an existing realm); a warning on standard error says so when the realm file has changed since.
     */
    public static KeycloakServer start(int port, int managementPort, Path dataDir, Duration startTimeout) {
        return start(port, managementPort, dataDir, startTimeout, false);
    }

    /** A server that is already running at {@code baseUrl}; fails unless its realm {@value DemoRealm#NAME} answers. */
    public static KeycloakServer connect(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        KeycloakServer server = new KeycloakServer(base, -1, null, null, null, null, false);
        int status = status(HttpClient.newHttpClient(), server.openidConfigurationUri(), Duration.ofSeconds(30));
        if (status != 200) {
            throw new IllegalStateException("No Keycloak realm '" + DemoRealm.NAME + "' answers at " + base
                    + (status < 0 ? "" : " (HTTP " + status + " for " + server.openidConfigurationUri() + ")"));
        }
        return server;
    }

    private static KeycloakServer start(int port, int managementPort, Path dataDir, Duration startTimeout,
            boolean deleteDataOnStop) {
        return start(KeycloakDist.locate(), port, managementPort, dataDir, startTimeout, deleteDataOnStop);
    }

    /** Starts {@code dist}'s {@code bin/kc.sh}: the unpacked server, or a stand-in in tests. */
    static KeycloakServer start(KeycloakDist dist, int port, int managementPort, Path dataDir,
            Duration startTimeout, boolean deleteDataOnStop) {
        requirePort(port, "port");
        requirePort(managementPort, "managementPort");
        Instant deadline = Instant.now().plus(startTimeout);
        synchronized (START_LOCK) {
            try (KeycloakDist.StartLock lock = dist.lockForStart(deadline)) {
                int httpPort = port == 0 ? freePort(-1) : requireFree(port, "HTTP port", "KEYCLOAK_PORT");
                int mgmtPort = managementPort == 0 ? freePort(httpPort)
                        : requireFree(managementPort, "management port", "KEYCLOAK_MANAGEMENT_PORT");
                if (httpPort == mgmtPort) {
                    throw new IllegalArgumentException("The HTTP and management ports must differ: " + httpPort);
                }
                KeycloakHome.Prepared prepared = KeycloakHome.prepare(dist, dataDir);
                if (prepared.warning() != null) {
                    System.err.println("WARNING: " + prepared.warning());
                }
                return launch(prepared.home(), httpPort, mgmtPort, deadline, startTimeout, deleteDataOnStop);
            }
        }
    }

    private static KeycloakServer launch(KeycloakHome home, int httpPort, int mgmtPort, Instant deadline,
            Duration startTimeout, boolean deleteDataOnStop) {
        String baseUrl = "http://localhost:" + httpPort;
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "keycloak-watchdog",
                Long.toString(ProcessHandle.current().pid()),
                "/bin/sh", home.kcSh().toString(), "start-dev", "--import-realm",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + mgmtPort,
                "--health-enabled=true",
                // Brute-force protection is on in the realms; without this, Keycloak refuses every login of a user
                // but one while several are in flight (scripts and tests fetch tokens for a user in parallel), with
                // the same "invalid credentials" as a wrong password. Failed logins still count and still lock.
                "--spi-brute-force-protector-default-brute-force-detector-allow-concurrent-requests=true",
                "--hostname=" + baseUrl,
                "--log-console-color=false"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.logFile().toFile());
        Map<String, String> env = builder.environment();
        String adminUsername = env.getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", DEMO_ADMIN);
        String adminPassword = env.containsKey("KC_BOOTSTRAP_ADMIN_PASSWORD")
                ? env.get("KC_BOOTSTRAP_ADMIN_PASSWORD") : generatedAdminPassword(home.dir());
        String extraJavaOpts = env.getOrDefault(JAVA_OPTS_ENV, "");
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_") || LEAKY_ENV.contains(k));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.put("JAVA_OPTS_APPEND", ("-XX:TieredStopAtLevel=1 " + extraJavaOpts).strip());

        Instant launched = Instant.now();
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + home.kcSh(), e);
        }
        KeycloakServer server = new KeycloakServer(baseUrl, mgmtPort, process, home, adminUsername,
                adminPassword, deleteDataOnStop);
        try {
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            server.awaitReady(deadline, startTimeout);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        server.startupTime = Duration.between(launched, Instant.now());
        return server;
    }

    private void awaitReady(Instant deadline, Duration allowed) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String health = managementUrl().orElseThrow() + "/health/ready";
        while (true) {
            if (!process.isAlive()) {
                throw failure("Keycloak exited with status " + process.exitValue() + " before it was ready");
            }
            if (status(http, openidConfigurationUri(), Duration.ofSeconds(5)) == 200
                    && status(http, health, Duration.ofSeconds(5)) == 200) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw failure("Keycloak did not become ready within " + allowed.toSeconds() + " s (no 200 from "
                        + openidConfigurationUri() + " and " + health + "; -D" + START_TIMEOUT_PROPERTY
                        + "=N allows more)");
            }
            KeycloakDist.sleep(POLL_INTERVAL);
        }
    }

    private IllegalStateException failure(String message) {
        return new IllegalStateException(message + ". Last lines of " + home.logFile() + ":\n" + logTail());
    }

    /** The last lines of the server's log, or a note that there is none yet. */
    private String logTail() {
        try {
            if (home == null || !Files.exists(home.logFile())) {
                return "(no log)";
            }
            List<String> lines = new String(Files.readAllBytes(home.logFile()), StandardCharsets.UTF_8).lines()
                    .toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Base URL without a trailing slash, e.g. {@code http://localhost:8180}. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return URI.create(baseUrl).getPort();
    }

    /** The realm's issuer, as in its tokens: {@code <baseUrl>/realms/intake}. */
    public String issuerUri() {
        return baseUrl + "/realms/" + DemoRealm.NAME;
    }

    /** The realm's token endpoint. */
    public String tokenUri() {
        return issuerUri() + "/protocol/openid-connect/token";
    }

    public String openidConfigurationUri() {
        return issuerUri() + "/.well-known/openid-configuration";
    }

    /** The management interface ({@code /health}, {@code /health/ready}); empty for a server reached at a URL. */
    public Optional<String> managementUrl() {
        return managementPort < 0 ? Optional.empty() : Optional.of("http://localhost:" + managementPort);
    }

    /** The bootstrap admin of the {@code master} realm; empty for a server reached at a URL. */
    public Optional<String> adminUsername() {
        return Optional.ofNullable(adminUsername);
    }

    public Optional<String> adminPassword() {
        return Optional.ofNullable(adminPassword);
    }

    /** The server's console log; empty for a server reached at a URL. */
    public Optional<Path> logFile() {
        return home == null ? Optional.empty() : Optional.of(home.logFile());
    }

    /** The home directory given at start; empty for a server reached at a URL. */
    public Optional<Path> dataDir() {
        return home == null ? Optional.empty() : Optional.of(home.dir());
    }

    /** The pid of the process this JVM started (a watchdog shell; Keycloak's JVM is below it). */
    public OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** The started processes still alive: the watchdog (and its {@code sleep}), kc.sh and Keycloak's JVM. */
    public List<ProcessHandle> processes() {
        if (process == null) {
            return List.of();
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        return tree.stream().filter(ProcessHandle::isAlive).toList();
    }

    /** From launching {@code kc.sh} until the realm and health answered; empty for a server reached at a URL. */
    public Optional<Duration> startupTime() {
        return Optional.ofNullable(startupTime);
    }

    /** True when this JVM started the server (false when reached at a URL). */
    public boolean ownsProcess() {
        return process != null;
    }

    /**
     * Stops a started server and every process it started (TERM, then KILL after 30 s), deleting its database
     * if it is a throwaway one; does nothing for a server reached at a URL. Idempotent.
     */
    public synchronized void stop() {
        if (process == null || stopped) {
            return;
        }
        stopped = true;
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, STOP_GRACE)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, Duration.ofSeconds(10));
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs or has run: nothing to remove
            }
        }
        if (deleteDataOnStop) {
            KeycloakHome.deleteRecursively(home.dataDir());
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + baseUrl + (process != null ? ", pid " + process.pid() : ", external") + "]";
    }

    /**
     * The bootstrap admin's password for this data directory: the one written there by an earlier start, else a new
     * random one (128 bits, URL-safe base64), written there readable by its owner only.
     */
    static String generatedAdminPassword(Path dataDir) {
        Path file = dataDir.resolve(ADMIN_PASSWORD_FILE);
        try {
            if (Files.isRegularFile(file)) {
                String existing = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (!existing.isEmpty()) {
                    return existing;
                }
            }
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep Keycloak's admin password in " + file, e);
        }
    }

    /**
     * {@code ./intake keycloak}: the server in the foreground until Ctrl-C, at {@code KEYCLOAK_PORT} (8180),
     * health at {@code KEYCLOAK_MANAGEMENT_PORT} (the port + 1000), data and log in {@code KEYCLOAK_DATA_DIR}
     * ({@code target/keycloak-data}, relative to the working directory).
     */
    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> exiting = true, "keycloak-main-exiting"));
        try {
            int port = intEnv("KEYCLOAK_PORT", DEFAULT_PORT);
            int managementPort = intEnv("KEYCLOAK_MANAGEMENT_PORT", port + 1000);
            Path dataDir = Path.of(Optional.ofNullable(System.getenv("KEYCLOAK_DATA_DIR"))
                    .filter(s -> !s.isBlank()).orElse("target/keycloak-data")).toAbsolutePath();
            System.out.println("Starting Keycloak " + KeycloakDist.locate().version() + " at http://localhost:"
                    + port + " (log: " + dataDir.resolve("keycloak.log") + ") ...");
            KeycloakServer server = start(port, managementPort, dataDir, startTimeout());
            System.out.printf("Keycloak ready at %s (%.1f s): realm %s, users %s (password = user name), "
                    + "admin console %s/admin (%s / %s), health %s/health/ready%n",
                    server.baseUrl(), server.startupTime().orElseThrow().toMillis() / 1000.0, server.issuerUri(),
                    DemoRealm.USERS.stream().map(DemoRealm.User::username).toList(), server.baseUrl(),
                    server.adminUsername, server.adminPassword, server.managementUrl().orElseThrow());
            int status = server.process.waitFor();
            if (!exiting) {
                System.err.println("Keycloak stopped by itself (status " + status + "); log: "
                        + server.logFile().orElseThrow());
                System.exit(1);
            }
        } catch (RuntimeException e) {
            System.err.println("keycloak: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    private static int intEnv(String name, int defaultValue) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static Duration startTimeout() {
        String seconds = System.getProperty(START_TIMEOUT_PROPERTY);
        return seconds == null || seconds.isBlank() ? DEFAULT_START_TIMEOUT
                : Duration.ofSeconds(Long.parseLong(seconds.strip()));
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (a free one) or 1-65535, not " + port);
        }
    }

    private static int freePort(int other) {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = socket.getLocalPort();
                if (port != other) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("Cannot find a second free port on 127.0.0.1");
    }

    /** Fails fast when something listens on {@code port}: the readiness check would otherwise ask that. */
    private static int requireFree(int port, String what, String env) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("The Keycloak " + what + " " + port + " on 127.0.0.1 is in use "
                    + "(another Keycloak, or ./intake demo, may be running; " + env + " picks another)", e);
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        try {
            CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        }
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    private static int status(HttpClient http, String uri, Duration timeout) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak at " + uri, e);
        }
    }
}
