package org.example.intake.ehr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running EHR sandbox: where it answers, and (when this JVM started it) how to stop it.
 *
 * <p>Instances come from {@link EhrSandboxServer}.
 */
public final class EhrSandbox implements AutoCloseable {

    private final String baseUrl;
    private final ConfigurableApplicationContext context;
    private final Path ownedDataDir;

    EhrSandbox(String baseUrl, ConfigurableApplicationContext context, Path ownedDataDir) {
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.context = context;
        this.ownedDataDir = ownedDataDir;
    }

    /** The FHIR base URL, without a trailing slash, e.g. {@code http://localhost:41234/fhir}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** True when this JVM runs the server (false for a sandbox reached at a URL given from outside). */
    public boolean inProcess() {
        return context != null;
    }

    /** The Spring context of an in-process sandbox, e.g. to reach HAPI's DAOs in a test. */
    public Optional<ConfigurableApplicationContext> applicationContext() {
        return Optional.ofNullable(context);
    }

    /**
     * Stops an in-process sandbox and deletes the temporary data directory it was given; does nothing for
     * a sandbox reached at a URL. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (context != null && context.isActive()) {
            context.close();
        }
        if (ownedDataDir != null && Files.exists(ownedDataDir)) {
            deleteRecursively(ownedDataDir);
        }
    }

    @Override
    public String toString() {
        return "EhrSandbox[" + baseUrl + (inProcess() ? ", in-process" : "") + "]";
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the sandbox's data directory " + dir, e);
        }
    }
}
