package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Brute-force protection of the demo realm on the real server: wrong passwords in a row lock the account for a
 * while. On a user of the test's own, deleted afterwards: the shared demo users must never be locked.
 */
@ExtendWith(KeycloakExtension.class)
class BruteForceIntegrationTests {

    @Test
    void repeatedWrongPasswordsLockTheAccountSoThatEvenTheRightOneIsRefusedWhileOthersLogIn(KeycloakServer keycloak)
            throws Exception {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        try (KeycloakAdmin.TemporaryUser user = admin.temporaryUser(DemoRealm.NAME, "lockout", DemoRealm.ROLE_PATIENT)) {
            String username = user.username();
            String password = user.password();
            String id = user.id();
            int before = Oidc.passwordGrant(keycloak, username, password).statusCode();
            for (int i = 0; i < DemoRealm.LOCKOUT_FAILURES; i++) {
                assertThat(Oidc.passwordGrant(keycloak, username, password + "-wrong").statusCode()).isEqualTo(401);
            }

            HttpResponse<String> afterLock = Oidc.passwordGrant(keycloak, username, password);
            JsonNode status = admin.get("/" + DemoRealm.NAME + "/attack-detection/brute-force/users/" + id);
            HttpResponse<String> someoneElse = Oidc.passwordGrant(keycloak, "alex", "alex");

            assertThat(before).isEqualTo(200);
            assertThat(afterLock.statusCode()).isEqualTo(401);
            assertThat(Oidc.json(afterLock.body()).get("error").asText()).isEqualTo("invalid_grant");
            assertThat(afterLock.body()).doesNotContain("access_token");
            assertThat(status.get("disabled").asBoolean()).as("locked: %s", status).isTrue();
            // Failures less than a second apart (quickLoginCheckMilliSeconds) lock from the second one on, and
            // attempts on a locked account are not counted; a person typing locks it at the fifth.
            assertThat(status.get("numFailures").asInt()).isBetween(2, DemoRealm.LOCKOUT_FAILURES);
            assertThat(admin.get("/" + DemoRealm.NAME + "/users/" + id).get("enabled").asBoolean())
                    .as("a temporary lock, not a disabled account").isTrue();
            assertThat(someoneElse.statusCode()).as(someoneElse.body()).isEqualTo(200);
        }
    }

    @Test
    void theDemoRealmLocksForAWhileNotForGood(KeycloakServer keycloak) {
        JsonNode realm = new KeycloakAdmin(keycloak).get("/" + DemoRealm.NAME);

        assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.get("permanentLockout").asBoolean()).isFalse();
        assertThat(realm.get("failureFactor").asInt()).isEqualTo(DemoRealm.LOCKOUT_FAILURES);
        assertThat(realm.get("waitIncrementSeconds").asInt()).isBetween(30, 300);
        assertThat(realm.get("maxFailureWaitSeconds").asInt()).isGreaterThan(realm.get("waitIncrementSeconds").asInt());
    }

    @Test
    void aUsersRightPasswordSentTwelveTimesAtOnceGivesTwelveTokens_concurrentLoginsAreNotAnAttack(KeycloakServer keycloak)
            throws Exception {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        try (KeycloakAdmin.TemporaryUser user = admin.temporaryUser(DemoRealm.NAME, "parallel", DemoRealm.ROLE_PATIENT)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
            try {
                java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    answers.add(pool.submit(() -> Oidc.passwordGrant(keycloak, user.username(), user.password())
                            .statusCode()));
                }
                for (java.util.concurrent.Future<Integer> answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
