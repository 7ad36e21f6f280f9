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
 * JUnit 5, for this module's tests: {@code @ExtendWith(EhrSandboxExtension.class)} boots one in-process sandbox for
 * the whole test run ({@link EhrSandboxServer#startThrowaway()}, kept in JUnit's root store, which closes it at the
 * end) before the class's tests, and resolves test or constructor parameters of type {@link EhrSandbox} and
 * {@code @EhrBaseUrl String}. Other modules' tests run the sandbox as a process, from test-support's
 * {@code TestStack}.
 */
class EhrSandboxExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EhrSandboxExtension.class);

    /** Marks a {@code String} parameter that receives the sandbox's FHIR base URL (no trailing slash). */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface EhrBaseUrl {
    }

    private record Shared(EhrSandbox sandbox) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            sandbox.close();
        }
    }

    /** The run's sandbox: booted by the first class that asks. */
    private static EhrSandbox sandbox(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, type -> new Shared(EhrSandboxServer.startThrowaway()), Shared.class)
                .sandbox();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == EhrSandbox.class || (type == String.class && parameter.isAnnotated(EhrBaseUrl.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        EhrSandbox sandbox = sandbox(extension);
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
