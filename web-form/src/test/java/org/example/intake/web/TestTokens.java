package org.example.intake.web;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signed JWTs shaped like Keycloak's access tokens (issuer, {@code aud}, {@code realm_access.roles},
 * {@code fhir_patient_id}), from a key whose public half the tests serve as the issuer's JWK set.
 * The real Keycloak's tokens are tested in the keycloak module; these let every security rule be
 * tested both ways without it.
 */
public final class TestTokens {

    public static final String ISSUER = "http://keycloak.localhost/realms/intake";
    public static final String AUDIENCE = "intake-api";

    private static final RSAKey KEY = newKey("test-key");
    private static final RSAKey OTHER_KEY = newKey("test-key");

    private TestTokens() {
    }

    /** The JWK set (public keys) the issuer serves. */
    public static String jwkSet() {
        return new JWKSet(KEY.toPublicJWK()).toString();
    }

    /** A valid token of a patient with this FHIR id. */
    public static String patient(String fhirPatientId) {
        return builder().roles("patient").claim("fhir_patient_id", fhirPatientId).sign();
    }

    /** A valid token of a clinician. */
    public static String clinician() {
        return clinician("dr-test");
    }

    /** A valid token of a clinician with this user name ({@code preferred_username}). */
    public static String clinician(String userName) {
        return builder().roles("clinician").claim("preferred_username", userName).sign();
    }

    /** A valid token of an admin, who reads the audit trail. */
    public static String admin() {
        return builder().roles("admin").claim("preferred_username", "auditor-test").sign();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A token, valid unless a setter says otherwise. */
    public static final class Builder {

        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "account"))
                .subject(UUID.randomUUID().toString())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));
        private RSAKey key = KEY;

        public Builder roles(String... roles) {
            claims.claim("realm_access", Map.of("roles", List.of(roles)));
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Builder issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Builder audience(String... audiences) {
            claims.audience(List.of(audiences));
            return this;
        }

        public Builder expiredMinutesAgo(int minutes) {
            Instant then = Instant.now().minus(Duration.ofMinutes(minutes));
            claims.issueTime(Date.from(then.minus(Duration.ofMinutes(5)))).expirationTime(Date.from(then));
            return this;
        }

        /** Signed by a key the issuer never published. */
        public Builder signedByAStranger() {
            key = OTHER_KEY;
            return this;
        }

        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        claims.build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static RSAKey newKey(String id) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(id).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
