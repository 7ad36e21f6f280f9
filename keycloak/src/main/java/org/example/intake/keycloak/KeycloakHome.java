package org.example.intake.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * One server's own Keycloak home directory. Keycloak keeps its data (H2 database, realm import directory)
 * in {@code <home>/data}, and takes its home from where {@code bin/kc.sh} lies; so each instance gets a copy
 * of {@code kc.sh} and symbolic links to the distribution's {@code lib}, {@code conf}, {@code providers} and
 * {@code themes}, and a {@code data} directory of its own:
 *
 * <pre>
 * home/bin/kc.sh                          copied from the distribution
 * home/lib -> dist/lib, home/conf -> ...  links
 * home/data/import/intake-realm.json      the demo realm, imported at start unless the database has it
 * home/data/h2/                           Keycloak's database (dev-file)
 * home/keycloak.log                       the server's console output
 * </pre>
 */
final class KeycloakHome {

    static final List<String> LINKED = List.of("lib", "conf", "providers", "themes");
    static final String REALM_FILE = "intake-realm.json";
    private static final String IMPORTED_MARKER = "imported-realm.sha256";

    private final Path dir;

    private KeycloakHome(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path kcSh() {
        return dir.resolve("bin/kc.sh");
    }

    Path logFile() {
        return dir.resolve("keycloak.log");
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    /**
     * Makes (or refreshes) the home in {@code dir}, linked to {@code dist}, with the demo realm in its import
     * directory. The result's warning is non-null when the database there already holds a realm imported from
     * a different realm file (Keycloak keeps an existing realm rather than import it again).
     */
    static Prepared prepare(KeycloakDist dist, Path dir) {
        Path home = dir.toAbsolutePath().normalize();
        if (home.startsWith(dist.dir()) || dist.dir().startsWith(home)) {
            throw new IllegalArgumentException("A Keycloak data directory must lie outside the distribution "
                    + dist.dir() + " (and not contain it): " + home);
        }
        byte[] realm = realmFile();
        String realmHash = sha256(realm);
        try {
            Files.createDirectories(home.resolve("bin"));
            Files.createDirectories(home.resolve("data/import"));
            for (String name : LINKED) {
                Path link = home.resolve(name);
                if (Files.isSymbolicLink(link)) {
                    Files.delete(link);
                } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IllegalArgumentException(link + " exists and is not a link: " + home
                            + " is not a data directory made by KeycloakServer");
                }
                Files.createSymbolicLink(link, dist.dir().resolve(name));
            }
            Files.copy(dist.kcSh(), home.resolve("bin/kc.sh"), StandardCopyOption.REPLACE_EXISTING);
            Files.write(home.resolve("data/import").resolve(REALM_FILE), realm);

            String warning = null;
            Path marker = home.resolve("data").resolve(IMPORTED_MARKER);
            if (Files.isDirectory(home.resolve("data/h2"))) {
                String imported = Files.exists(marker) ? Files.readString(marker).strip() : "";
                if (!imported.equals(realmHash)) {
                    warning = "The Keycloak database in " + home.resolve("data/h2") + " holds the realm '"
                            + DemoRealm.NAME + "' as imported from an older realm file; Keycloak keeps it. Delete "
                            + home + " to import the current " + DemoRealm.RESOURCE + ".";
                }
            } else {
                Files.writeString(marker, realmHash + System.lineSeparator());
            }
            return new Prepared(new KeycloakHome(home), warning);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Keycloak home " + home, e);
        }
    }

    /** A prepared home; {@code warning} is null unless the home's database holds an older realm. */
    record Prepared(KeycloakHome home, String warning) {
    }

    /** Deletes {@code dir} and what it holds; links are removed, never followed (the distribution stays). */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    static byte[] realmFile() {
        try (InputStream in = KeycloakHome.class.getClassLoader().getResourceAsStream(DemoRealm.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DemoRealm.RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DemoRealm.RESOURCE, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "KeycloakHome[" + dir + "]";
    }
}
