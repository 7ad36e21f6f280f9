package org.example.intake.web;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Host applications as {@link WebApplicationContextRunner}s: the plugin arrives as in a real host,
 * by Spring Boot's auto-configuration of whatever the context's class loader has (hide a library
 * with a {@code FilteredClassLoader} to see the host without it). Each context gets an in-memory
 * H2 database of its own, an issuer and an EHR that are never called, and a user of its own,
 * {@value #OPERATOR}, for Spring Boot's default security. The host's own Flyway and db-scheduler
 * are off unless a test turns them on.
 */
public final class HostContexts {

    /** Spring Boot's user ({@code spring.security.user.*}), which its default security lets in. */
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-secret";

    private HostContexts() {
    }

    /** A host that is nothing but Spring Boot's auto-configuration, plus the given configuration of its own. */
    public static WebApplicationContextRunner host(Class<?>... ownConfiguration) {
        return new WebApplicationContextRunner()
                .withUserConfiguration(AutoConfigured.class)
                .withUserConfiguration(ownConfiguration)
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:mem:host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "spring.flyway.enabled=false",
                        "db-scheduler.enabled=false",
                        "spring.security.user.name=" + OPERATOR,
                        "spring.security.user.password=" + OPERATOR_PASSWORD,
                        "management.endpoints.web.exposure.include=health,prometheus",
                        "management.endpoint.health.probes.enabled=true",
                        "intake.security.issuer-uri=http://keycloak.localhost/realms/intake",
                        "intake.security.browser-client-secret=web-form-test-secret",
                        "intake.ehr.base-url=http://127.0.0.1:9/fhir",
                        "intake.retriage.on-start=false",
                        "intake.scheduler.polling-interval=100ms");
    }

    /**
     * The host without these libraries, as if it had not added them: its class loader hides their
     * packages, and with them their own auto-configurations.
     */
    public static WebApplicationContextRunner without(WebApplicationContextRunner host, String... packages) {
        String excluded = StreamSupport.stream(ImportCandidates.load(AutoConfiguration.class,
                        HostContexts.class.getClassLoader()).spliterator(), false)
                .filter(name -> Arrays.stream(packages).anyMatch(name::startsWith))
                .collect(Collectors.joining(","));
        return host.withClassLoader(new FilteredClassLoader(packages))
                .withPropertyValues("spring.autoconfigure.exclude=" + excluded);
    }

    /** MockMvc through the context's servlet filters, Spring Security's among them. */
    public static MockMvc mvc(AssertableWebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AutoConfigured {
    }
}
