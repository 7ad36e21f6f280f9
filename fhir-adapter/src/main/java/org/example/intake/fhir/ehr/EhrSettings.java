package org.example.intake.fhir.ehr;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the EHR's FHIR server is and how to reach it.
 *
 * @param baseUrl        the FHIR base, e.g. {@code http://localhost:8090/fhir}
 * @param credentials    OAuth2 client credentials for a bearer token; empty for an open server
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for the answer to one request
 */
public record EhrSettings(URI baseUrl, Optional<ClientCredentials> credentials, Duration connectTimeout,
        Duration readTimeout) {

    public EhrSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(credentials, "credentials");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
    }

    /** An open server with 5 s to connect and 30 s to answer. */
    public static EhrSettings open(URI baseUrl) {
        return new EhrSettings(baseUrl, Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** The same settings with a bearer token from these client credentials. */
    public EhrSettings withCredentials(ClientCredentials clientCredentials) {
        return new EhrSettings(baseUrl, Optional.of(clientCredentials), connectTimeout, readTimeout);
    }

    /** The same settings with other timeouts. */
    public EhrSettings withTimeouts(Duration connect, Duration read) {
        return new EhrSettings(baseUrl, credentials, connect, read);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /**
     * OAuth2 client-credentials grant (RFC 6749 section 4.4).
     *
     * @param tokenEndpoint the authorization server's token endpoint
     * @param clientId      the client id
     * @param clientSecret  the client secret (never logged; {@link #toString()} hides it)
     * @param scope         the scope to ask for, or empty
     */
    public record ClientCredentials(URI tokenEndpoint, String clientId, String clientSecret, Optional<String> scope) {

        public ClientCredentials {
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public String toString() {
            return "ClientCredentials[tokenEndpoint=" + tokenEndpoint + ", clientId=" + clientId + ", clientSecret=***]";
        }
    }
}
