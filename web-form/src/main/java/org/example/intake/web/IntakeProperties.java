package org.example.intake.web;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The plugin's settings, all under {@code intake.*}. The issuer of the patients' and clinicians'
 * tokens, the browser client's secret and the EHR's base URL have no default: a host must name them,
 * or the plugin refuses to start with a message naming each one missing. It refuses too an address
 * (issuer, signing keys, EHR, EHR token endpoint) in plain http outside loopback, and a remote EHR
 * without a token endpoint, client id and secret: there is no fallback secret and no insecure default.
 *
 * @param security who issues the tokens the API accepts
 * @param api      limits of the HTTP API
 * @param ehr      where and how accepted submissions are delivered
 * @param delivery how often and how long a failed delivery is retried
 * @param queue    the clinicians' queue
 * @param audit    how the audit trail reaches the EHR
 * @param advice   words of the advice that a deploying service sets itself
 * @param retriage re-triage of waiting submissions when the rule set changes
 * @param scheduler the plugin's own job scheduler (deliveries, the audit export)
 * @param session  how long a signed-in session of the pages lasts
 */
@Validated
@ConfigurationProperties("intake")
public record IntakeProperties(@Valid @NotNull Security security, @Valid @DefaultValue Api api, @Valid @NotNull Ehr ehr,
        @Valid @DefaultValue Delivery delivery, @Valid @DefaultValue Queue queue, @Valid @DefaultValue Audit audit,
        @Valid @DefaultValue PatientAdvice advice, @Valid @DefaultValue Retriage retriage,
        @Valid @DefaultValue Scheduler scheduler, @Valid @DefaultValue Session session) {

    /**
     * @param issuerUri           the OpenID Connect issuer, e.g. {@code http://localhost:8180/realms/intake}; a token
     *                            of another issuer is refused
     * @param jwkSetUri           where the issuer's signing keys are; defaults to Keycloak's
     *                            {@code <issuer>/protocol/openid-connect/certs}
     * @param audience            the audience every API token must carry
     * @param browserClientId     the OpenID Connect client the pages log in with (authorization code + PKCE)
     * @param browserClientSecret its secret (a confidential client); required
     */
    public record Security(
            @NotNull(message = "is required: set intake.security.issuer-uri (INTAKE_SECURITY_ISSUER_URI), the "
                    + "OpenID Connect issuer") URI issuerUri,
            URI jwkSetUri, @DefaultValue("intake-api") @NotBlank String audience,
            @DefaultValue("intake-web") @NotBlank String browserClientId,
            @NotBlank(message = "is required: set intake.security.browser-client-secret "
                    + "(INTAKE_SECURITY_BROWSER_CLIENT_SECRET), the browser client's secret; there is no default")
            String browserClientSecret) {

        @AssertTrue(message = "must be https outside loopback: intake.security.issuer-uri and "
                + "intake.security.jwk-set-uri (plain http only to localhost, 127.0.0.0/8 or [::1])")
        public boolean isIssuerSecure() {
            return SecureAddresses.allowed(issuerUri) && SecureAddresses.allowed(jwkSetUri);
        }

        /** The issuer without a trailing slash, to append Keycloak's endpoint paths to. */
        public String issuer() {
            return issuerUri.toString().replaceAll("/$", "");
        }

        /** The JWK set URI, or Keycloak's default under the issuer; never null. */
        public URI jwkSetUriOrDefault() {
            return jwkSetUri != null ? jwkSetUri : URI.create(issuer() + "/protocol/openid-connect/certs");
        }
    }

    /** @param maxBodyBytes the largest request body the API reads; a larger one is refused with 413 before parsing */
    public record Api(@DefaultValue("65536") @Min(1024) int maxBodyBytes) {
    }

    /**
     * @param baseUrl        the EHR's FHIR base URL, e.g. {@code http://localhost:8090/fhir}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long to wait for the EHR's answer to one Bundle
     * @param tokenUri       an OAuth2 token endpoint for client-credentials tokens, or null for no token
     * @param clientId       the client id for {@code tokenUri}
     * @param clientSecret   its secret
     */
    public record Ehr(
            @NotNull(message = "is required: set intake.ehr.base-url (INTAKE_EHR_BASE_URL), the EHR's FHIR base URL")
            URI baseUrl, @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout, URI tokenUri, String clientId, String clientSecret) {

        @AssertTrue(message = "must be https outside loopback: intake.ehr.base-url and intake.ehr.token-uri "
                + "(plain http only to localhost, 127.0.0.0/8 or [::1])")
        public boolean isEhrSecure() {
            return SecureAddresses.allowed(baseUrl) && SecureAddresses.allowed(tokenUri);
        }

        @AssertTrue(message = "are required with a token endpoint: set intake.ehr.client-id and intake.ehr.client-secret"
                + " (INTAKE_EHR_CLIENT_SECRET); there is no default")
        public boolean isClientComplete() {
            return tokenUri == null || (clientId != null && !clientId.isBlank() && clientSecret != null
                    && !clientSecret.isBlank());
        }

        @AssertTrue(message = "is required for an EHR outside loopback: set intake.ehr.token-uri, intake.ehr.client-id "
                + "and intake.ehr.client-secret, so that patient data is written to it only with a token")
        public boolean isRemoteEhrAuthenticated() {
            return tokenUri != null || baseUrl == null || SecureAddresses.isLoopback(baseUrl);
        }
    }

    /**
     * @param maxAttempts    attempts before a retryable failure is parked as FAILED
     * @param firstBackoff   the wait after the first failed attempt; it doubles each time, with jitter
     * @param maxBackoff     the longest wait between attempts (also caps a Retry-After)
     */
    public record Delivery(@DefaultValue("12") @Min(1) int maxAttempts, @DefaultValue("2s") Duration firstBackoff,
            @DefaultValue("10m") Duration maxBackoff) {
    }

    /**
     * @param pageSize   submissions per page of the queue (pages and API)
     * @param heartbeat  how often an open queue page's event stream gets a comment, so proxies keep it open and a
     *                   dead one is noticed
     * @param streamTimeout how long one event stream lasts before the browser reconnects
     * @param refresh    how often an open queue page fetches its rows even when no event came (should one be lost)
     * @param maxStreamsPerSession event streams one signed-in session may hold open at once (a page each); one more
     *                   is refused with 429, and that page keeps up by fetching its rows every {@code refresh}
     */
    public record Queue(@DefaultValue("50") @Min(1) @Max(500) int pageSize,
            @DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration streamTimeout,
            @DefaultValue("60s") Duration refresh, @DefaultValue("4") @Min(1) @Max(100) int maxStreamsPerSession) {
    }

    /**
     * @param exportInterval how long after one export of the audit trail to the EHR the next starts
     * @param exportBatch    AuditEvents per transaction Bundle
     */
    public record Audit(@DefaultValue("5s") Duration exportInterval, @DefaultValue("100") @Min(1) int exportBatch) {
    }

    /**
     * @param whatHappensNext what the patient reads last, on the result page, in the API's {@code advice} and on the
     *                        clinician's page: whether anyone from the service will contact them. Unset, intake-core's
     *                        default ({@code Advice.WHAT_HAPPENS_NEXT}) says a clinician will look at the answers and
     *                        that nobody should wait for a call when told to call 999 or be seen today; a service that
     *                        sets its own must keep that warning.
     */
    public record PatientAdvice(@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank when set")
            @Size(max = 2000) String whatHappensNext) {
    }

    /**
     * @param onStart   whether each start re-triages, in the background, the unreviewed submissions an older rule
     *                  set triaged (the service is ready for patients meanwhile)
     * @param batchSize submissions re-triaged per transaction (their rows are locked until it commits)
     */
    public record Retriage(@DefaultValue("true") boolean onStart, @DefaultValue("200") @Min(1) @Max(1000) int batchSize) {
    }

    /**
     * The plugin's own db-scheduler, on its own table ({@code intake_scheduled_tasks}): a host's own db-scheduler
     * and its settings under {@code db-scheduler.*} are left alone. Names and defaults as db-scheduler's, except
     * where said.
     *
     * @param threads                   jobs run at once on this node
     * @param pollingInterval           how often the table is polled for due jobs
     * @param pollingStrategy           {@code fetch}, or {@code lock-and-fetch} ({@code SELECT ... FOR UPDATE
     *                                  SKIP LOCKED}: on PostgreSQL with several nodes)
     * @param pollingStrategyLowerLimitFractionOfThreads when to poll again (fetch), as a fraction of
     *                                  {@code threads}
     * @param pollingStrategyUpperLimitFractionOfThreads how many jobs one poll takes, as a fraction of
     *                                  {@code threads}
     * @param heartbeatInterval         how often a node marks the jobs it runs as alive (5 s here, not
     *                                  db-scheduler's 5 min: a dead node's deliveries are taken over within
     *                                  seconds, not half an hour)
     * @param missedHeartbeatsLimit     missed heartbeats after which a job counts as dead and is revived
     * @param immediateExecutionEnabled whether a job scheduled now runs at once on this node rather than at the
     *                                  next poll (on here: a submission goes to the EHR as soon as it is stored)
     * @param name                      this node's name in the table's {@code picked_by}; the host name when unset
     * @param shutdownMaxWait           how long a stopping node waits for the jobs it is running (30 s here,
     *                                  not db-scheduler's 30 min)
     */
    public record Scheduler(@DefaultValue("10") @Min(1) int threads, @DefaultValue("10s") Duration pollingInterval,
            @DefaultValue("fetch") @Pattern(regexp = "fetch|lock-and-fetch") String pollingStrategy,
            @DefaultValue("0.5") double pollingStrategyLowerLimitFractionOfThreads,
            @DefaultValue("3.0") double pollingStrategyUpperLimitFractionOfThreads,
            @DefaultValue("5s") Duration heartbeatInterval, @DefaultValue("6") @Min(1) int missedHeartbeatsLimit,
            @DefaultValue("true") boolean immediateExecutionEnabled, String name,
            @DefaultValue("30s") Duration shutdownMaxWait) {

        /** Whether polls take their jobs with {@code SELECT ... FOR UPDATE SKIP LOCKED}. */
        public boolean lockAndFetch() {
            return "lock-and-fetch".equals(pollingStrategy);
        }
    }

    /**
     * How long a signed-in session of the plugin's pages ({@code /intake/**}, {@code /clinician/**}) lasts, by the
     * plugin's own clock, whatever the servlet container's session timeout (the host's) is. A session ends when it
     * has seen no request of its user for the idle time, or when the absolute time since sign-in is over, however
     * active it is; it then signs out of the identity provider too. A session with the clinician role has the
     * clinicians' limits, any other the patients'. The queue page's own refreshes and its event stream are not the
     * user's requests: an open queue page left alone signs out after the idle time. Defaults: a clinician's 15
     * minutes idle (a ward computer is shared; the queue shows patient data) and 8 hours (a shift); a patient's 30
     * minutes idle (time to stop and think: each answer changed is a request, the form's emergency check, and answers
     * not yet sent are lost when the session ends) and 2 hours (far longer than the form takes).
     *
     * @param patientIdle       a patient's session ends after this long without a request of theirs
     * @param patientAbsolute   and this long after signing in, in any case
     * @param clinicianIdle     a clinician's session ends after this long without a request of theirs
     * @param clinicianAbsolute and this long after signing in, in any case
     */
    public record Session(@DefaultValue("30m") @NotNull Duration patientIdle,
            @DefaultValue("2h") @NotNull Duration patientAbsolute,
            @DefaultValue("15m") @NotNull Duration clinicianIdle,
            @DefaultValue("8h") @NotNull Duration clinicianAbsolute) {

        @AssertTrue(message = "must be positive, each idle time no longer than its absolute time: "
                + "intake.session.patient-idle, patient-absolute, clinician-idle, clinician-absolute")
        public boolean isConsistent() {
            return Stream.of(patientIdle, patientAbsolute, clinicianIdle, clinicianAbsolute)
                    .allMatch(d -> d == null || !(d.isNegative() || d.isZero()))
                    && (patientIdle == null || patientAbsolute == null || patientIdle.compareTo(patientAbsolute) <= 0)
                    && (clinicianIdle == null || clinicianAbsolute == null
                            || clinicianIdle.compareTo(clinicianAbsolute) <= 0);
        }
    }
}
