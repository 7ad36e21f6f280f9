package org.example.demo.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.example.demo.DemoHostApplication;
import org.example.demo.process.EhrSandboxProcess;
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
    private final EhrSandboxProcess ehr;
    private final ConfigurableApplicationContext web;

    private DemoStack(KeycloakServer keycloak, EhrSandboxProcess ehr, ConfigurableApplicationContext web) {
        this.keycloak = keycloak;
        this.ehr = ehr;
        this.ehrBaseUrl = ehr.baseUrl();
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
        Path jar = Path.of("..", "ehr-sandbox", "target", "ehr-sandbox.jar").toAbsolutePath().normalize();
        EhrSandboxProcess ehr = EhrSandboxProcess.launch(jar, List.of(), Map.of(), Path.of("target", "ehr-sandbox.log"));
        try {
            ehr.awaitReady(Duration.ofMinutes(4));
            List<String> arguments = List.of(
                    "--server.port=0",
                    "--spring.datasource.url=jdbc:h2:mem:browser-tests;DB_CLOSE_DELAY=-1",
                    "--intake.security.issuer-uri=" + keycloak.issuerUri(),
                    "--intake.security.browser-client-secret=" + DemoRealm.WEB_CLIENT_SECRET,
                    "--intake.ehr.base-url=" + ehr.baseUrl(),
                    "--intake.ehr.token-uri=" + keycloak.tokenUri(),
                    "--logging.level.root=WARN");
            ConfigurableApplicationContext web = new SpringApplicationBuilder(DemoHostApplication.class)
                    .run(arguments.toArray(String[]::new));
            return new DemoStack(keycloak, ehr, web);
        } catch (RuntimeException e) {
            ehr.close();
            throw e;
        }
    }

    /** A bean of the app's context, for a test that must act on the app from inside (e.g. drop its event streams). */
    <T> T bean(Class<T> type) {
        return web.getBean(type);
    }

    void stop() {
        web.close();
        ehr.close();
    }
}
