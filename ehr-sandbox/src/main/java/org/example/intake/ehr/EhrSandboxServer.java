package org.example.intake.ehr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the EHR sandbox inside the current JVM, for this module's tests and probes (other modules' tests run it
 * as a process, from test-support).
 *
 * <pre>{@code
 * try (EhrSandbox ehr = EhrSandboxServer.startThrowaway()) {   // ~20-90 s
 *     IGenericClient client = fhirContext.newRestfulGenericClient(ehr.baseUrl());
 * }
 * }</pre>
 *
 * <p>A sandbox listens on a free port. The in-process sandbox ignores the host's environment for the settings
 * that would otherwise leak into it (port, datasource, active profiles, config locations): it runs on H2 unless
 * given other properties.
 */
public final class EhrSandboxServer {

    private EhrSandboxServer() {
    }

    /** A sandbox with its H2 database in a fresh temporary directory, which {@link EhrSandbox#close()} deletes. */
    public static EhrSandbox startThrowaway() {
        return start(freshDataDir(), true, Map.of());
    }

    /**
     * Starts a sandbox on a free port, with its data in {@code dataDir}.
     * The caller closes it. {@code properties} override the sandbox's settings, e.g.
     * {@code Map.of("ehr.validate-requests", "false")}.
     */
    public static EhrSandbox start(Path dataDir, Map<String, String> properties) {
        return start(dataDir, false, properties);
    }

    /** A sandbox that is already running at {@code baseUrl}; fails unless it answers {@code /metadata}. */
    public static EhrSandbox connect(String baseUrl) {
        EhrSandbox sandbox = new EhrSandbox(baseUrl, null, null);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/metadata"))
                .header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The EHR sandbox at " + baseUrl + " answered /metadata with HTTP "
                        + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("No EHR sandbox answers at " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reaching the EHR sandbox at " + baseUrl, e);
        }
        return sandbox;
    }

    private static EhrSandbox start(Path dataDir, boolean ownsDataDir, Map<String, String> properties) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("spring.config.name", "ehr-sandbox");
        args.put("spring.config.location", "optional:classpath:/");
        args.put("spring.profiles.active", "");
        args.put("server.port", "0");
        args.put("server.servlet.context-path", "");
        args.put("ehr.data-dir", dataDir.toAbsolutePath().toString());
        args.put("ehr.db.schema", "");
        args.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ehr")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        args.put("spring.datasource.username", "sa");
        args.put("spring.datasource.password", "");
        args.putAll(properties);
        List<String> commandLine = new ArrayList<>();
        args.forEach((k, v) -> commandLine.add("--" + k + "=" + v));

        SpringApplication app = new SpringApplication(EhrSandboxApplication.class);
        app.setDefaultProperties(EhrSandboxApplication.DEFAULTS);
        app.setRegisterShutdownHook(false);
        if (!hostLogsWithLogback()) {
            // Boot would refuse to start ("LoggerFactory is not a Logback LoggerContext"); the host keeps its logging.
            app.setListeners(app.getListeners().stream()
                    .filter(l -> !(l instanceof LoggingApplicationListener))
                    .toList());
        }
        ConfigurableApplicationContext context;
        try {
            context = app.run(commandLine.toArray(String[]::new));
        } catch (RuntimeException e) {
            if (ownsDataDir) {
                EhrSandbox.deleteRecursively(dataDir);
            }
            throw e;
        }
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new EhrSandbox("http://localhost:" + port + EhrFhirServerConfig.FHIR_PATH, context,
                ownsDataDir ? dataDir : null);
    }

    private static boolean hostLogsWithLogback() {
        try {
            return LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext;
        } catch (NoClassDefFoundError e) {
            return false;
        }
    }

    private static Path freshDataDir() {
        try {
            return Files.createTempDirectory("ehr-sandbox-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for the EHR sandbox", e);
        }
    }
}
