package org.example.demo.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.example.demo.DemoHostApplication;
import org.example.intake.keycloak.DemoRealm;
import org.example.intake.keycloak.KeycloakServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo stack for the browser tests, started once per test JVM: the real Keycloak with the
 * demo realm, the EHR sandbox (its jar, in a process of its own: a second HAPI JPA server in
 * this JVM would meet the plugin's auto-configuration), and the demo host with the plugin, in
 * this JVM on a free port. Stopped when the JVM ends.
 */
final class DemoStack {

    private static DemoStack shared;

    final KeycloakServer keycloak;
    final String ehrBaseUrl;
    final String webBaseUrl;
    private final Process ehr;
    private final ConfigurableApplicationContext web;

    private DemoStack(KeycloakServer keycloak, Process ehr, String ehrBaseUrl, ConfigurableApplicationContext web) {
        this.keycloak = keycloak;
        this.ehr = ehr;
        this.ehrBaseUrl = ehrBaseUrl;
        this.web = web;
        this.webBaseUrl = "http://localhost:" + ((WebServerApplicationContext) web).getWebServer().getPort();
    }

    static synchronized DemoStack shared() {
        if (shared == null) {
            shared = start();
            DemoStack stack = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "demo-stack-stop"));
        }
        return shared;
    }

    private static DemoStack start() {
        KeycloakServer keycloak = KeycloakServer.startShared();
        Process ehr = null;
        try {
            int ehrPort = freePort();
            Path ehrData = Files.createTempDirectory("browser-ehr-");
            Path jar = Path.of("..", "ehr-sandbox", "target", "ehr-sandbox.jar").toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build ehr-sandbox first (the reactor does)");
            }
            Path log = Files.createDirectories(Path.of("target")).resolve("ehr-sandbox.log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString());
            builder.environment().put("EHR_PORT", Integer.toString(ehrPort));
            builder.environment().put("EHR_DATA_DIR", ehrData.toString());
            ehr = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String ehrBaseUrl = "http://localhost:" + ehrPort + "/fhir";
            awaitOk(ehrBaseUrl + "/metadata", Duration.ofMinutes(4), ehr);

            String issuer = keycloak.issuerUri();
            List<String> arguments = List.of(
                    "--server.port=0",
                    "--spring.datasource.url=jdbc:h2:mem:browser-tests;DB_CLOSE_DELAY=-1",
                    "--intake.security.issuer-uri=" + issuer,
                    "--intake.security.browser-client-secret=" + DemoRealm.WEB_CLIENT_SECRET,
                    "--intake.ehr.base-url=" + ehrBaseUrl,
                    "--intake.ehr.token-uri=" + keycloak.tokenUri(),
                    "--logging.level.root=WARN");
            ConfigurableApplicationContext web = new SpringApplicationBuilder(DemoHostApplication.class)
                    .run(arguments.toArray(String[]::new));
            return new DemoStack(keycloak, ehr, ehrBaseUrl, web);
        } catch (IOException e) {
            if (ehr != null) {
                ehr.destroyForcibly();
            }
            throw new UncheckedIOException(e);
        }
    }

    void stop() {
        web.close();
        ehr.destroy();
    }

    private static void awaitOk(String url, Duration patience, Process process) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the EHR sandbox exited: see target/ehr-sandbox.log");
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(url + " not ready within " + patience);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
