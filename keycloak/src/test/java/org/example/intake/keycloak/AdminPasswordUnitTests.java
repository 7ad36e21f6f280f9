package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keycloak's bootstrap admin never gets a published password: one made up per data directory, kept for its later starts. */
class AdminPasswordUnitTests {

    @Test
    void aDataDirectoryGetsARandomPassword_readableByItsOwnerOnly_andKeepsIt(@TempDir Path dir) throws Exception {
        String first = KeycloakServer.generatedAdminPassword(dir);

        assertThat(first).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo("admin").matches("[A-Za-z0-9_-]+");
        Path file = dir.resolve(KeycloakServer.ADMIN_PASSWORD_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeycloakServer.generatedAdminPassword(dir)).as("the same directory, started again").isEqualTo(first);
    }

    @Test
    void anotherDataDirectoryGetsAnotherPassword(@TempDir Path one, @TempDir Path other) {
        assertThat(KeycloakServer.generatedAdminPassword(one)).isNotEqualTo(KeycloakServer.generatedAdminPassword(other));
    }
}
