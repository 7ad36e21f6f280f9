package org.example.intake.ehr;

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
 * JUnit 5: {@code @ExtendWith(EhrSandboxExtension.class)} starts the JVM's shared EHR sandbox (once for
 * the whole test run, see {@link EhrSandboxServer#startShared()}) before the class's tests, and
 * resolves test or constructor parameters of type {@link EhrSandbox} and {@code @EhrBaseUrl String}.
 *
 * <pre>{@code
 * @ExtendWith(EhrSandboxExtension.class)
 * class DeliveryTests {
 *     @Test
 *     void bundleArrives(@EhrSandboxExtension.EhrBaseUrl String ehrBaseUrl) { ... }
 * }
 * }</pre>
 *
 * <p>It lives in ehr-sandbox's main code; JUnit Jupiter is a {@code provided} dependency there, so the
 * using module's own JUnit is the one that runs.
 */
public class EhrSandboxExtension implements BeforeAllCallback, ParameterResolver {

    /** Marks a {@code String} parameter that receives the sandbox's FHIR base URL (no trailing slash). */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    public @interface EhrBaseUrl {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        EhrSandboxServer.startShared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == EhrSandbox.class || (type == String.class && parameter.isAnnotated(EhrBaseUrl.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        EhrSandbox sandbox = EhrSandboxServer.startShared();
        Class<?> type = parameter.getParameter().getType();
        if (type == EhrSandbox.class) {
            return sandbox;
        }
        if (type == String.class) {
            return sandbox.baseUrl();
        }
        throw new ParameterResolutionException("EhrSandboxExtension cannot resolve " + parameter.getParameter());
    }
}
