package org.example.intake.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakRealmRolesUnitTests {

    private final KeycloakRealmRoles converter = new KeycloakRealmRoles();

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).subject("s");
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void realmRolesBecomeRoleAuthorities() {
        Jwt jwt = token(Map.of("realm_access", Map.of("roles", List.of("patient", "offline_access"))));

        assertThat(converter.convert(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_patient", "ROLE_offline_access");
    }

    @Test
    void aTokenWithoutRealmAccessHasNoRoles() {
        assertThat(converter.convert(token(Map.of("scope", "openid")))).isEmpty();
    }

    @Test
    void malformedRealmAccessGivesNoRoles() {
        assertThat(converter.convert(token(Map.of("realm_access", "patient")))).isEmpty();
        assertThat(converter.convert(token(Map.of("realm_access", Map.of("roles", "patient"))))).isEmpty();
        assertThat(converter.convert(token(Map.of("realm_access", Map.of("roles", List.of(1, " ")))))).isEmpty();
    }

    @Test
    void clientRolesAreNotRealmRoles() {
        Jwt jwt = token(Map.of("resource_access", Map.of("intake-web", Map.of("roles", List.of("clinician")))));

        assertThat(converter.convert(jwt)).isEmpty();
    }
}
