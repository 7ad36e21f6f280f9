package org.example.demo.browser;

import java.util.List;

import org.example.demo.DemoHostApplication;
import org.example.intake.keycloak.DemoRealm;
import org.example.intake.keycloak.KeycloakServer;
import org.example.intake.testsupport.SharedServer;
import org.example.intake.testsupport.TestStack;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo stack for the browser tests and the demo host's own, started once per test JVM: test-support's
 * {@link TestStack} (the real Keycloak with the demo realm, the EHR sandbox as a process) and the demo host with the
 * plugin, in this JVM on a free port (so that a test can act on it from inside: {@link #bean}). Stopped when the
 * JVM ends.
 */
public final class DemoStack {

    private static final SharedServer<DemoStack> SHARED = new SharedServer<>("demo stack", DemoStack::start,
            DemoStack::stop);

    final KeycloakServer keycloak;
    final String ehrBaseUrl;
    public final String webBaseUrl;
    private final ConfigurableApplicationContext web;

    private DemoStack(KeycloakServer keycloak, String ehrBaseUrl, ConfigurableApplicationContext web) {
        this.keycloak = keycloak;
        this.ehrBaseUrl = ehrBaseUrl;
        this.web = web;
        this.webBaseUrl = "http://localhost:" + ((WebServerApplicationContext) web).getWebServer().getPort();
    }

    public static DemoStack shared() {
        return SHARED.get();
    }

    private static DemoStack start() {
        TestStack.start();
        KeycloakServer keycloak = TestStack.keycloak();
        String ehrBaseUrl = TestStack.ehrSandbox().baseUrl();
        List<String> arguments = List.of(
                "--server.port=0",
                "--spring.profiles.active=demo",
                "--spring.datasource.url=jdbc:h2:mem:browser-tests;DB_CLOSE_DELAY=-1",
                "--intake.security.issuer-uri=" + keycloak.issuerUri(),
                "--intake.security.browser-client-secret=" + DemoRealm.WEB_CLIENT_SECRET,
                "--intake.ehr.base-url=" + ehrBaseUrl,
                "--intake.ehr.token-uri=" + keycloak.tokenUri(),
                "--logging.level.root=WARN");
        ConfigurableApplicationContext web = new SpringApplicationBuilder(DemoHostApplication.class)
                .run(arguments.toArray(String[]::new));
        return new DemoStack(keycloak, ehrBaseUrl, web);
    }

    /** A bean of the app's context, for a test that must act on the app from inside (e.g. drop its event streams). */
    <T> T bean(Class<T> type) {
        return web.getBean(type);
    }

    void stop() {
        web.close();
    }
}
