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
 * JUnit 5, for this module's tests: {@code @ExtendWith(KeycloakExtension.class)} starts one throwaway Keycloak
 * server for the whole test run ({@link KeycloakServer#startThrowaway()}, kept in JUnit's root store) before the
 * class's tests, and resolves test or constructor parameters of type {@link KeycloakServer} and
 * {@code @KeycloakBaseUrl String}. Other modules' tests get the shared server from test-support's
 * {@code TestStack}.
 */
class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    /**
     * Marks a {@code String} parameter that receives the server's base URL, without a trailing slash, e.g.
     * {@code http://localhost:41234}; the realm's issuer is that plus {@code /realms/intake}.
     */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface KeycloakBaseUrl {
    }

    /** The run's server: started by the first class that asks; it stops itself when the JVM exits. */
    private static KeycloakServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KeycloakServer.class, type -> KeycloakServer.startThrowaway(), KeycloakServer.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class
                || (type == String.class && parameter.isAnnotated(KeycloakBaseUrl.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        KeycloakServer server = server(extension);
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
