package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakHomeUnitTests {

    @TempDir
    Path tmp;

    private KeycloakDist dist;

    @BeforeEach
    void fakeDistribution() throws IOException {
        Path dir = tmp.resolve("keycloak-dist");
        for (String sub : KeycloakHome.LINKED) {
            Files.createDirectories(dir.resolve(sub));
        }
        Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("bin/kc.sh"), "#!/bin/sh\n");
        Files.writeString(dir.resolve("lib/quarkus-run.jar"), "jar");
        dist = new KeycloakDist(dir, "test");
    }

    @Test
    void aHomeLinksTheDistributionAndHoldsItsOwnDataWithTheRealmToImport() throws IOException {
        Path home = tmp.resolve("home");

        KeycloakHome.Prepared prepared = KeycloakHome.prepare(dist, home);

        assertThat(prepared.warning()).isNull();
        for (String sub : KeycloakHome.LINKED) {
            assertThat(home.resolve(sub)).isSymbolicLink();
            assertThat(Files.readSymbolicLink(home.resolve(sub))).isEqualTo(dist.dir().resolve(sub));
        }
        assertThat(home.resolve("bin/kc.sh")).isRegularFile().hasContent("#!/bin/sh");
        assertThat(Files.isSymbolicLink(home.resolve("bin/kc.sh"))).isFalse();
        assertThat(home.resolve("data/import/intake-realm.json")).hasBinaryContent(KeycloakHome.realmFile());
        assertThat(prepared.home().logFile()).isEqualTo(home.resolve("keycloak.log"));
    }

    @Test
    void preparingTheSameHomeAgainRefreshesItsLinks() throws IOException {
        Path home = tmp.resolve("home");
        KeycloakHome.prepare(dist, home);

        KeycloakHome.Prepared again = KeycloakHome.prepare(dist, home);

        assertThat(again.warning()).isNull();
        assertThat(home.resolve("lib")).isSymbolicLink();
    }

    @Test
    void deletingAHomeRemovesItsLinksButNeverTheDistributionBehindThem() {
        Path home = tmp.resolve("home");
        KeycloakHome.prepare(dist, home);

        KeycloakHome.deleteRecursively(home);

        assertThat(home).doesNotExist();
        assertThat(dist.dir().resolve("lib/quarkus-run.jar")).hasContent("jar");
        assertThat(dist.kcSh()).exists();
    }

    @Test
    void aHomeInsideTheDistributionIsRefused() {
        assertThatThrownBy(() -> KeycloakHome.prepare(dist, dist.dir().resolve("data")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the distribution");
    }

    @Test
    void aDirectoryWithARealLibDirectoryIsNotTakenForAHome() throws IOException {
        Path notAHome = tmp.resolve("project");
        Files.createDirectories(notAHome.resolve("lib"));

        assertThatThrownBy(() -> KeycloakHome.prepare(dist, notAHome))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a link");
    }

    @Test
    void aDatabaseThatImportedThisRealmFileGivesNoWarningButOneFromAnotherRealmFileDoes() throws IOException {
        Path home = tmp.resolve("home");
        KeycloakHome.prepare(dist, home);
        Files.createDirectories(home.resolve("data/h2"));

        KeycloakHome.Prepared sameRealm = KeycloakHome.prepare(dist, home);
        Files.writeString(home.resolve("data/imported-realm.sha256"), "0123\n");
        KeycloakHome.Prepared olderRealm = KeycloakHome.prepare(dist, home);

        assertThat(sameRealm.warning()).isNull();
        assertThat(olderRealm.warning()).contains("older realm file", "Delete " + home.toAbsolutePath());
    }
}
