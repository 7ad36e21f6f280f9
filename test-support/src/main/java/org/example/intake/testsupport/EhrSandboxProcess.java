package org.example.intake.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The EHR sandbox as a process of its own on a free loopback port, run from its executable jar (ehr-sandbox's
 * artifact with classifier {@code exec}, a dependency of this module, so on the caller's test class path), with
 * its H2 data in a fresh temporary directory that {@link #close()} deletes; started as {@code ./intake ehr}
 * starts it (the same JVM options, plus any given). A second HAPI JPA server inside a host's test JVM would meet
 * the plugin's auto-configuration; a process keeps them apart.
 */
public final class EhrSandboxProcess implements AutoCloseable {

    /** System property: the sandbox's executable jar, when it is not on the class path. */
    public static final String JAR_PROPERTY = "intake.ehr-sandbox.jar";

    static final String MAIN_CLASS = "org.example.intake.ehr.EhrSandboxApplication";
    private static final List<String> LAUNCHER_JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final AppProcess app;
    private final Path dataDir;
    private final String baseUrl;

    private EhrSandboxProcess(AppProcess app, Path dataDir) {
        this.app = app;
        this.dataDir = dataDir;
        this.baseUrl = app.baseUrl() + "/fhir";
    }

    private EhrSandboxProcess(String baseUrl) {
        this.app = null;
        this.dataDir = null;
        this.baseUrl = baseUrl;
    }

    /**
     * A sandbox already running at {@code baseUrl} (its FHIR base, e.g. {@code http://localhost:8090/fhir}), not
     * this JVM's: {@link #close()} leaves it alone.
     *
     * @throws IllegalStateException unless its {@code /metadata} answers 200 within 30 s
     */
    public static EhrSandboxProcess connect(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metadata"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("The EHR sandbox at " + base + " answered /metadata with HTTP " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("No EHR sandbox answers at " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new EhrSandboxProcess(base);
    }

    /**
     * Launches the sandbox and returns at once; {@link #awaitReady} waits for it (so that a caller can start
     * Keycloak meanwhile).
     *
     * @param extraJvmOptions after the launcher's {@code -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
     * @param properties      the sandbox's settings, such as {@code ehr.validate-requests=false}
     * @param log             where its output goes
     */
    public static EhrSandboxProcess launch(List<String> extraJvmOptions, Map<String, String> properties, Path log) {
        try {
            Path dataDir = Files.createTempDirectory("ehr-sandbox-");
            AppProcess app = AppProcess.jar("ehr-sandbox", jar())
                    .jvmOptions(LAUNCHER_JVM_OPTIONS).jvmOptions(extraJvmOptions)
                    .property("ehr.data-dir", dataDir)
                    .properties(properties)
                    .readyWhen("/fhir/metadata", 200)
                    .log(log)
                    .launch();
            return new EhrSandboxProcess(app, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Launches the sandbox with its default settings, its log in {@code target/test-stack/ehr-sandbox.log}. */
    public static EhrSandboxProcess launch() {
        return launch(List.of(), Map.of(), AppProcess.LOG_DIR.resolve("ehr-sandbox.log"));
    }

    /**
     * The sandbox's executable jar: {@value #JAR_PROPERTY} if set, else the class path's jar whose manifest names
     * the sandbox's application as its {@code Start-Class}.
     */
    public static Path jar() {
        String given = System.getProperty(JAR_PROPERTY);
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar") && entry.contains("ehr-sandbox"))
                .map(Path::of)
                .filter(EhrSandboxProcess::isSandboxJar)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The EHR sandbox's executable jar is not on the class"
                        + " path: depend on test-support and run the test in the verify phase (failsafe), once the"
                        + " reactor has packaged ehr-sandbox, or set -D" + JAR_PROPERTY));
    }

    private static boolean isSandboxJar(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            return Optional.ofNullable(jar.getManifest())
                    .map(manifest -> manifest.getMainAttributes().getValue("Start-Class"))
                    .filter(MAIN_CLASS::equals).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until {@code /fhir/metadata} answers 200; fails if the process exits first or time runs out. */
    public EhrSandboxProcess awaitReady(Duration patience) {
        if (app != null) {
            app.awaitReady(patience);
        }
        return this;
    }

    /** {@code http://127.0.0.1:<port>/fhir}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The current process's pid (a start that lost its port is made again, as a new process). */
    public long pid() {
        if (app == null) {
            throw new IllegalStateException("the sandbox at " + baseUrl + " is not this JVM's");
        }
        return app.pid();
    }

    /** Stops the sandbox (TERM, then KILL) and deletes its data; leaves one reached at a URL alone. */
    @Override
    public void close() {
        if (app == null) {
            return;
        }
        app.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it eventually
        }
    }

    @Override
    public String toString() {
        return "EHR sandbox " + (app == null ? baseUrl : app);
    }
}
