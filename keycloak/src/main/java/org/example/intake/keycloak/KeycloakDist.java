package org.example.intake.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * The unpacked {@code keycloak-quarkus-dist} the build put under {@code keycloak/target/}. Read-only for
 * instances except {@code lib/quarkus}, which Keycloak rewrites when its build options change (the first
 * {@code start-dev} after unpacking does so once).
 */
record KeycloakDist(Path dir, String version) {

    /** System property, then environment variable, naming another unpacked distribution (same version). */
    static final String DIST_PROPERTY = "intake.keycloak.dist";
    static final String DIST_ENV = "INTAKE_KEYCLOAK_DIST";

    private static final String BUILD_INFO = "keycloak-server.properties";

    KeycloakDist {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The distribution this build unpacked, or the one named by {@value #DIST_PROPERTY}; fails if it is absent. */
    static KeycloakDist locate() {
        Properties build = new Properties();
        try (InputStream in = KeycloakDist.class.getResourceAsStream(BUILD_INFO)) {
            if (in == null) {
                throw new IllegalStateException(BUILD_INFO + " is missing from the classpath: build the keycloak "
                        + "module with Maven (./mvnw -pl keycloak -am package)");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BUILD_INFO, e);
        }
        String named = System.getProperty(DIST_PROPERTY, System.getenv(DIST_ENV));
        String dir = named != null && !named.isBlank() ? named.strip() : build.getProperty("dist");
        KeycloakDist dist = new KeycloakDist(Path.of(dir), build.getProperty("version"));
        if (!Files.isRegularFile(dist.kcSh()) || !Files.isRegularFile(dist.dir.resolve("lib/quarkus-run.jar"))) {
            throw new IllegalStateException("No Keycloak " + dist.version + " server is unpacked at " + dist.dir
                    + ": the build unpacks org.keycloak:keycloak-quarkus-dist there (./mvnw -B -pl keycloak -am "
                    + "package; after a broken unpack: ./mvnw -B -pl keycloak clean package)");
        }
        return dist;
    }

    Path kcSh() {
        return dir.resolve("bin/kc.sh");
    }

    /**
     * Holds a lock file in the distribution until closed, so that JVMs sharing it start their servers one at
     * a time: a start may rewrite {@code lib/quarkus}, which two at once would corrupt. Waits until
     * {@code deadline} at most.
     */
    StartLock lockForStart(Instant deadline) {
        Path file = dir.resolve(".intake-start.lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                while (true) {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        return new StartLock(channel);
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Another process kept " + file + " locked (it is starting "
                                + "a Keycloak server from the same distribution) until the start timeout");
                    }
                    sleep(Duration.ofMillis(200));
                }
            } catch (RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + file, e);
        }
    }

    /** Releases the start lock (closing the channel releases the file lock). */
    record StartLock(FileChannel channel) implements AutoCloseable {

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot release the Keycloak start lock", e);
            }
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }
}
