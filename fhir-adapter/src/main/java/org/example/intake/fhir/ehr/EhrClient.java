package org.example.intake.fhir.ehr;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.gclient.IClientExecutable;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.SocketConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.example.intake.fhir.ehr.TokenSource.TokenException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Sends transaction Bundles to the EHR's FHIR server through HAPI's generic client, with an
 * OAuth2 bearer token when credentials are set, and says what came of each attempt as a
 * {@link DeliveryResult}: delivered, or failed and whether a retry may help. It never retries
 * by itself (its HTTP client has automatic retries off): the caller, an outbox, decides when.
 *
 * <p>Retryable: no connection, connection reset, timeouts, 408, 429, 500, 502, 503, 504, and 409
 * (HAPI answers a conditional create that raced a concurrent one with 409 HAPI-2745; sending it
 * again finds the winner). Not retryable: 400, 401, 403, 404, 412, 422 and any other status: the
 * request itself must change. The EHR's OperationOutcome and Retry-After are kept.
 *
 * <p>Thread-safe; {@link #close()} releases its connections.
 */
public final class EhrClient implements AutoCloseable {

    /** Asks HAPI to retry a transaction that lost a version conflict on the server side. */
    static final String RETRY_ON_CONFLICT = "X-Retry-On-Version-Conflict";
    static final String RETRY_ON_CONFLICT_VALUE = "retry; max-retries=10";

    private final CloseableHttpClient http;
    private final IGenericClient client;
    private final Optional<TokenSource> tokens;
    private final Clock clock;
    private final LastResponseHeaders lastResponse = new LastResponseHeaders();

    public EhrClient(EhrSettings settings) {
        this(settings, Clock.systemUTC());
    }

    EhrClient(EhrSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.clock = clock;
        int connectMillis = (int) settings.connectTimeout().toMillis();
        int readMillis = (int) settings.readTimeout().toMillis();
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(5, TimeUnit.MINUTES);
        connections.setMaxTotal(32);
        connections.setDefaultMaxPerRoute(32);
        connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(readMillis).build());
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(connectMillis)
                        .setConnectionRequestTimeout(connectMillis)
                        .setSocketTimeout(readMillis)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .useSystemProperties()
                .build();
        // HAPI's request code asks the FhirContext for its client factory, so the timeouts and the
        // no-retry HTTP client need a context of their own; changing the shared one would change
        // every other HAPI client in the process.
        FhirContext context = FhirContext.forR4();
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(context);
        context.setRestfulClientFactory(factory);
        // The timeout setters drop any client set before them, so ours goes in last.
        factory.setConnectTimeout(connectMillis);
        factory.setConnectionRequestTimeout(connectMillis);
        factory.setSocketTimeout(readMillis);
        factory.setHttpClient(http);
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        this.client = factory.newGenericClient(settings.baseUrl().toString());
        this.client.registerInterceptor(lastResponse);
        this.tokens = settings.credentials()
                .map(credentials -> new TokenSource(credentials, settings.connectTimeout(), settings.readTimeout(), clock));
    }

    /** Posts one transaction Bundle; never throws for anything the EHR or the network does. */
    public DeliveryResult deliver(Bundle transaction) {
        Objects.requireNonNull(transaction, "transaction");
        lastResponse.clear();
        try {
            var call = client.transaction().withBundle(transaction).withAdditionalHeader(RETRY_ON_CONFLICT,
                    RETRY_ON_CONFLICT_VALUE);
            if (tokens.isPresent()) {
                call = call.withAdditionalHeader("Authorization", "Bearer " + tokens.get().token());
            }
            return new DeliveryResult.Delivered(call.execute());
        } catch (TokenException e) {
            return failed(e.retryable(), e.status(), "no access token: " + e.getMessage(), null, Optional.empty());
        } catch (FhirClientConnectionException e) {
            return failed(true, 0, networkReason(e), null, Optional.empty());
        } catch (BaseServerResponseException e) {
            return classify(e);
        } catch (DataFormatException e) {
            return failed(true, 0, "the EHR's answer was not readable FHIR", null, Optional.empty());
        }
    }

    /**
     * Reads one resource by id, with the bearer token when credentials are set.
     *
     * @throws EhrReadFailed when the EHR answers with an error (404: none with that id) or cannot be reached
     */
    public <T extends IBaseResource> T read(Class<T> type, String id) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        return reading(() -> authorized(client.read().resource(type).withId(id)).execute());
    }

    /**
     * One page of a search, {@code Type?params} relative to the EHR's base, with the bearer token when credentials
     * are set; {@link #next(Bundle)} gives the following pages.
     *
     * @throws EhrReadFailed when the EHR answers with an error or cannot be reached
     */
    public Bundle search(String relativeUrl) {
        Objects.requireNonNull(relativeUrl, "relativeUrl");
        return reading(() -> authorized(client.search().byUrl(relativeUrl).returnBundle(Bundle.class)).execute());
    }

    /**
     * The page after this one, or empty when it is the last.
     *
     * @throws EhrReadFailed when the EHR answers with an error or cannot be reached
     */
    public Optional<Bundle> next(Bundle page) {
        Objects.requireNonNull(page, "page");
        if (page.getLink(Bundle.LINK_NEXT) == null) {
            return Optional.empty();
        }
        return Optional.of(reading(() -> authorized(client.loadPage().next(page)).execute()));
    }

    private <Y, C extends IClientExecutable<C, Y>> C authorized(C call) throws TokenException {
        return tokens.isPresent() ? call.withAdditionalHeader("Authorization", "Bearer " + tokens.get().token()) : call;
    }

    private interface Read<T> {
        T run() throws TokenException;
    }

    private <T> T reading(Read<T> read) {
        try {
            return read.run();
        } catch (TokenException e) {
            throw new EhrReadFailed(0, "no access token: " + e.getMessage(), e);
        } catch (FhirClientConnectionException e) {
            throw new EhrReadFailed(0, networkReason(e), e);
        } catch (BaseServerResponseException e) {
            if (e.getStatusCode() == 401) {
                tokens.ifPresent(TokenSource::invalidate);
            }
            throw new EhrReadFailed(e.getStatusCode(), "the EHR answered " + e.getStatusCode(), e);
        } catch (DataFormatException e) {
            throw new EhrReadFailed(0, "the EHR's answer was not readable FHIR", e);
        }
    }

    /** HAPI's generic client on the same connection pool, for reads and searches (no token added). */
    public IGenericClient fhir() {
        return client;
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (java.io.IOException e) {
            // Closing a pool: nothing useful to do about a failure.
        }
    }

    private DeliveryResult classify(BaseServerResponseException e) {
        int status = e.getStatusCode();
        OperationOutcome outcome = e.getOperationOutcome() instanceof OperationOutcome o ? o : null;
        if (status == 401) {
            tokens.ifPresent(TokenSource::invalidate);
        }
        boolean retryable = switch (status) {
            case 408, 409, 429, 500, 502, 503, 504 -> true;
            default -> false;
        };
        String reason = "the EHR answered " + status + (status == 409 ? " (a concurrent write conflicted)" : "");
        Map<String, List<String>> headers = e.getResponseHeaders() == null || e.getResponseHeaders().isEmpty()
                ? lastResponse.get() : e.getResponseHeaders();
        return failed(retryable, status, reason, outcome, retryAfter(headers));
    }

    private static DeliveryResult failed(boolean retryable, int status, String reason, OperationOutcome outcome,
            Optional<Duration> retryAfter) {
        return new DeliveryResult.Failed(retryable, status, reason, Optional.ofNullable(outcome), retryAfter);
    }

    private static String networkReason(FhirClientConnectionException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException
                    || cause instanceof org.apache.http.conn.ConnectTimeoutException) {
                return "the EHR did not answer in time";
            }
            if (cause instanceof ConnectException) {
                return "the EHR refused the connection";
            }
            if (cause instanceof org.apache.http.NoHttpResponseException || cause instanceof SocketException) {
                return "the connection to the EHR was reset";
            }
        }
        return "the EHR could not be reached";
    }

    /**
     * Keeps the headers of the last response on the calling thread: HAPI's exceptions do not
     * always carry them, and Retry-After lives there. The generic client runs a request on the
     * caller's thread, so a thread-local is exact even with many threads sharing the client.
     */
    private static final class LastResponseHeaders implements IClientInterceptor {
        private final ThreadLocal<Map<String, List<String>>> headers = new ThreadLocal<>();

        @Override
        public void interceptRequest(IHttpRequest request) {
            // Only responses matter here.
        }

        @Override
        public void interceptResponse(IHttpResponse response) {
            headers.set(response.getAllHeaders());
        }

        Map<String, List<String>> get() {
            return headers.get();
        }

        void clear() {
            headers.remove();
        }
    }

    /** Retry-After as delta-seconds or an HTTP date; empty when absent or unreadable. */
    private Optional<Duration> retryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (!"retry-after".equals(header.getKey().toLowerCase(Locale.ROOT)) || header.getValue().isEmpty()) {
                continue;
            }
            String value = header.getValue().get(0).trim();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(clock.instant(), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
