package org.example.intake.keycloak;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: {@code @ExtendWith(KeycloakExtension.class)} starts the JVM's shared Keycloak server (once for the
 * whole test run, see {@link KeycloakServer#startShared()}) before the class's tests, and resolves test or
 * constructor parameters of type {@link KeycloakServer} and {@code @KeycloakBaseUrl String}.
 *
 * <pre>{@code
 * @ExtendWith(KeycloakExtension.class)
 * class ApiSecurityTests {
 *     @Test
 *     void aPatientTokenIsAccepted(@KeycloakExtension.KeycloakBaseUrl String keycloakBaseUrl) { ... }
 * }
 * }</pre>
 *
 * <p>It lives in the keycloak module's main code; JUnit Jupiter is a {@code provided} dependency there, so the
 * using module's own JUnit is the one that runs.
 */
public class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    /**
     * Marks a {@code String} parameter that receives the server's base URL, without a trailing slash, e.g.
     * {@code http://localhost:41234}; the realm's issuer is that plus {@code /realms/intake}.
     */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    public @interface KeycloakBaseUrl {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        KeycloakServer.startShared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class
                || (type == String.class && parameter.isAnnotated(KeycloakBaseUrl.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        KeycloakServer server = KeycloakServer.startShared();
        Class<?> type = parameter.getParameter().getType();
        if (type == KeycloakServer.class) {
            return server;
        }
        if (type == String.class) {
            return server.baseUrl();
        }
        throw new ParameterResolutionException("KeycloakExtension cannot resolve " + parameter.getParameter());
    }
}
