package org.example.intake.web.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.WireMock;
import jakarta.servlet.Filter;

import org.example.intake.fhir.Responses;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMethodMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * Every route of the app, as the running app has them (its handler mappings: controllers, static resources,
 * functional routes, the actuator; and the endpoints its security chains answer themselves: login, the login's
 * callback, sign-out), walked by five callers: a stranger, the patient whose submission it is, another patient, a
 * clinician and an administrator. A signed-in caller holds both what a browser holds (a page session, stored the way
 * the plugin's page chain stores it) and what a script holds (a bearer token of the issuer), on every route, so that a
 * credential made for one part of the app opening another shows here. A route without a line in {@link #MATRIX} fails
 * the test, and so does a line for a route the app no longer has: adding a route means adding its line (one line per
 * request; a route taking a submission id has three: a real submission, an unknown id, an id that cannot be one).
 * The plugin's answers carry {@code Cache-Control: no-store}; its API's refusals are OperationOutcomes.
 *
 * <p>The state-changing page routes ({@link #CSRF_PAGES}) are refused without the CSRF token, or with a wrong one,
 * and accepted with it; the API's ({@link #CSRF_EXEMPT_API}) take a bearer token without any CSRF token, and refuse a
 * page session alone (the cookie a forged request would ride on).
 */
class RouteMatrixIntegrationTests extends WebFormTestSupport {

    /*
     * Statuses: a number is that status; login = 302 to the plugin's login (IntakeBrowserSecurity.LOGIN); idp = 302 to
     * the issuer (its authorization or end-session endpoint); 302 = a redirect elsewhere in the app; basic = 401 asking
     * for the host's HTTP Basic login. In a request: {submission} is a fresh submission of the patient (alex), {unknown}
     * a well-formed id of no submission, {invalid} an id that cannot be one; "-" is the route itself. A new route is one
     * more line (three when it takes a submission id), such as
     *   GET  /api/audit/verification                          -                                        401 403 403 403 200
     * and a request body, when it needs one, one more entry in BODIES.
     */
    static final String MATRIX = """
            # method route                                        request                                  anonymous patient other clinician admin
            # The patient's pages
            GET  /intake                                          -                                        login   200   200   403   403
            POST /intake                                          -                                        login   200   200   403   403
            POST /intake/check                                    -                                        login   200   200   403   403
            GET  /intake/history                                  -                                        login   200   200   403   403
            GET  /intake/result/{id}                              /intake/result/{submission}              login   200   404   403   403
            GET  /intake/result/{id}                              /intake/result/{unknown}                 login   404   404   403   403
            GET  /intake/result/{id}                              /intake/result/{invalid}                 login   404   404   403   403
            GET  /intake/assets/**                                /intake/assets/intake.js                 200     200   200   200   200
            GET  /intake/assets/govuk/**                          /intake/assets/govuk/govuk-frontend.min.js 200   200   200   200   200
            GET  /intake/{page:unavailable\\.html}                /intake/unavailable.html                 200     200   200   200   200
            ANY  /intake/oauth2/authorization/{registrationId}    /intake/oauth2/authorization/intake      idp     idp   idp   idp   idp
            ANY  /intake/login/oauth2/code/*                      /intake/login/oauth2/code/intake         302     302   302   302   302
            POST /intake/logout                                   -                                        302     idp   idp   idp   idp
            # The clinicians' pages
            GET  /clinician                                       -                                        login   403   403   200   403
            GET  /clinician/queue-rows                            -                                        login   403   403   200   403
            GET  /clinician/events                                -                                        401     403   403   200   403
            GET  /clinician/intakes/{id}                          /clinician/intakes/{submission}          login   403   403   200   403
            GET  /clinician/intakes/{id}                          /clinician/intakes/{unknown}             login   403   403   404   403
            GET  /clinician/intakes/{id}                          /clinician/intakes/{invalid}             login   403   403   404   403
            POST /clinician/intakes/{id}/review                   /clinician/intakes/{submission}/review   login   403   403   302   403
            POST /clinician/intakes/{id}/review                   /clinician/intakes/{unknown}/review      login   403   403   404   403
            POST /clinician/intakes/{id}/review                   /clinician/intakes/{invalid}/review      login   403   403   404   403
            POST /clinician/intakes/{id}/override                 /clinician/intakes/{submission}/override login   403   403   302   403
            POST /clinician/intakes/{id}/override                 /clinician/intakes/{unknown}/override    login   403   403   404   403
            POST /clinician/intakes/{id}/override                 /clinician/intakes/{invalid}/override    login   403   403   404   403
            POST /clinician/intakes/{id}/redeliver                /clinician/intakes/{submission}/redeliver login  403   403   302   403
            POST /clinician/intakes/{id}/redeliver                /clinician/intakes/{unknown}/redeliver   login   403   403   404   403
            POST /clinician/intakes/{id}/redeliver                /clinician/intakes/{invalid}/redeliver   login   403   403   404   403
            POST /clinician/logout                                -                                        302     idp   idp   idp   idp
            # Keycloak's back-channel logout: anyone may post, only a logout token signed by the issuer ends anything
            POST /intake/logout/back-channel                      -                                        400     400   400   400   400
            # The API
            POST /api/intakes                                     -                                        401     201   403   403   403
            GET  /api/intakes/{id}                                /api/intakes/{submission}                401     200   404   200   403
            GET  /api/intakes/{id}                                /api/intakes/{unknown}                   401     404   404   404   403
            GET  /api/intakes/{id}                                /api/intakes/{invalid}                   401     404   404   404   403
            POST /api/intakes/{id}/review                         /api/intakes/{submission}/review         401     403   403   200   403
            POST /api/intakes/{id}/review                         /api/intakes/{unknown}/review            401     403   403   404   403
            POST /api/intakes/{id}/review                         /api/intakes/{invalid}/review            401     403   403   404   403
            POST /api/intakes/{id}/override                       /api/intakes/{submission}/override       401     403   403   200   403
            POST /api/intakes/{id}/override                       /api/intakes/{unknown}/override          401     403   403   404   403
            POST /api/intakes/{id}/override                       /api/intakes/{invalid}/override          401     403   403   404   403
            POST /api/intakes/{id}/redeliver                      /api/intakes/{submission}/redeliver      401     403   403   409   403
            POST /api/intakes/{id}/redeliver                      /api/intakes/{unknown}/redeliver         401     403   403   404   403
            POST /api/intakes/{id}/redeliver                      /api/intakes/{invalid}/redeliver         401     403   403   404   403
            GET  /api/queue                                       -                                        401     403   403   200   403
            GET  /api/audit                                       -                                        401     403   403   403   200
            GET  /api/audit/verification                          -                                        401     403   403   403   200
            # The API's FHIR base (SDC): the patient's own record, a clinician's any
            GET  /api/fhir/metadata                               -                                        200     200   200   200   200
            GET  /api/fhir/Questionnaire                          -                                        401     200   200   200   403
            GET  /api/fhir/Questionnaire/{id}                     /api/fhir/Questionnaire/buttock-cramp-intake 401 200 200   200   403
            POST /api/fhir/QuestionnaireResponse/$extract         -                                        401     200   403   200   403
            POST /api/fhir/Questionnaire/$populate                -                                        401     200   403   200   403
            # The host's. Its bearer-token and anonymous callers are refused; but OPEN (docs/security.md, "Known limits"):
            # the pages keep their sign-in under Spring Security's usual session attribute, so the test host's chain
            # (any signed-in user may pass, as Spring Boot's default) takes each signed-in caller's page session for
            # one of its users. These four columns record that as it is today; they are to read "basic" once fixed.
            GET  /host/hello                                      -                                        basic   403   403   403   403
            GET  /host/broken                                     -                                        basic   403   403   403   403
            ANY  /error                                           -                                        basic   500   500   500   500
            POST /logout                                          -                                        204     204   204   204   204
            GET  /**                                              /favicon.ico                             basic   404   404   404   404
            GET  /webjars/**                                      /webjars/govuk-frontend/5.14.0/package.json basic 200   200   200   200
            GET  /actuator                                        -                                        basic   200   200   200   200
            GET  /actuator/health                                 -                                        200     200   200   200   200
            GET  /actuator/health/**                              /actuator/health/liveness                200     200   200   200   200
            GET  /actuator/prometheus                             -                                        basic   200   200   200   200
            GET  /v3/api-docs                                     -                                        basic   200   200   200   200
            GET  /v3/api-docs.yaml                                -                                        basic   200   200   200   200
            GET  /v3/api-docs/swagger-config                      -                                        basic   200   200   200   200
            GET  /swagger-ui.html                                 -                                        basic   302   302   302   302
            GET  /swagger-ui*/**                                  /swagger-ui/index.html                   basic   200   200   200   200
            GET  /swagger-ui*/*swagger-initializer.js             /swagger-ui/swagger-initializer.js       basic   200   200   200   200
            """;

    /**
     * The pages' state-changing routes (ANY: sent as POST), each sent by the caller signed in to the pages: refused
     * without the CSRF token or with a wrong one, accepted (this status) with it. A route that must take requests
     * from outside the browser's session (the identity provider's back-channel) says {@code exempt} for the caller:
     * a stranger's request without the token then gets this status.
     */
    static final String CSRF_PAGES = """
            # method route                                        request                                  caller    accepted
            POST /intake                                          -                                        patient   200
            POST /intake/check                                    -                                        patient   200
            POST /intake/logout                                   -                                        patient   idp
            ANY  /intake/oauth2/authorization/{registrationId}    /intake/oauth2/authorization/intake      anonymous idp
            ANY  /intake/login/oauth2/code/*                      /intake/login/oauth2/code/intake         anonymous 302
            POST /clinician/intakes/{id}/review                   /clinician/intakes/{submission}/review   clinician 302
            POST /clinician/intakes/{id}/override                 /clinician/intakes/{submission}/override clinician 302
            POST /clinician/intakes/{id}/redeliver                /clinician/intakes/{submission}/redeliver clinician 302
            POST /clinician/logout                                -                                        clinician idp
            """;

    /** The API's state-changing routes: accepted (this status) with a bearer token and no CSRF token. */
    static final String CSRF_EXEMPT_API = """
            # method route                                        request                                  caller    accepted
            POST /api/intakes                                     -                                        patient   201
            POST /api/intakes/{id}/review                         /api/intakes/{submission}/review         clinician 200
            POST /api/intakes/{id}/override                       /api/intakes/{submission}/override       clinician 200
            POST /api/intakes/{id}/redeliver                      /api/intakes/{submission}/redeliver      clinician 409
            POST /api/fhir/QuestionnaireResponse/$extract         -                                        patient   200
            POST /api/fhir/Questionnaire/$populate                -                                        clinician 200
            """;

    /** What a state-changing request sends, by route (nothing for the others). */
    private static final Map<String, Function<MockHttpServletRequestBuilder, MockHttpServletRequestBuilder>> BODIES = Map.of(
            "POST /api/intakes", r -> r.contentType("application/fhir+json").content(Responses.benign().json()),
            "POST /api/intakes/{id}/review", r -> r.contentType("application/json").content("{\"note\":\"seen\"}"),
            "POST /api/intakes/{id}/override", r -> r.contentType("application/json")
                    .content("{\"level\":\"URGENT\",\"reason\":\"seen in clinic\"}"),
            "POST /clinician/intakes/{id}/override", r -> r.param("level", "URGENT").param("reason", "seen in clinic"),
            "POST /api/fhir/QuestionnaireResponse/$extract", r -> r.contentType("application/fhir+json")
                    .content(Responses.benign().json()),
            "POST /api/fhir/Questionnaire/$populate", r -> r.contentType("application/fhir+json").content("""
                    {"resourceType": "Parameters", "parameter": [{"name": "subject", "valueReference":
                    {"reference": "Patient/alex"}}]}"""));

    private static final String OWNER = "alex";
    private static final String ISSUER_ORIGIN = "http://keycloak.localhost/";
    private static final Set<String> PLUGIN_CHAINS = Set.of("intakeApiSecurityChain", "intakePagesSecurityChain",
            "intakeBackChannelLogoutChain");
    private static final String API_CHAIN = "intakeApiSecurityChain";
    private static final String PAGES_CHAIN = "intakePagesSecurityChain";

    /** The security filters that answer no request themselves: they pass it on, or refuse it. */
    private static final Set<Class<?>> PASSING_FILTERS = Set.of(
            org.springframework.security.web.session.DisableEncodeUrlFilter.class,
            org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter.class,
            SecurityContextHolderFilter.class,
            RefusalWatch.class,
            EndedByTheIssuer.class,
            org.springframework.security.web.header.HeaderWriterFilter.class,
            org.springframework.security.web.csrf.CsrfFilter.class,
            org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter.class,
            org.springframework.security.web.authentication.AuthenticationFilter.class,
            org.springframework.security.web.servletapi.SecurityContextHolderAwareRequestFilter.class,
            org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class,
            org.springframework.security.web.session.SessionManagementFilter.class,
            org.springframework.security.web.access.ExceptionTranslationFilter.class,
            org.springframework.security.web.access.intercept.AuthorizationFilter.class,
            org.springframework.security.web.savedrequest.RequestCacheAwareFilter.class,
            org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class,
            ApiBodyLimit.class, SessionLifetime.class);

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    FilterChainProxy securityChains;

    /** The submission made for the last line that asked for one. */
    private String submission;

    /** One caller: signed in to the pages with this role (none for a stranger), and a bearer token besides. */
    private record Actor(String name, String role, String patientId, String token) {

        boolean anonymous() {
            return role == null;
        }
    }

    private static final List<Actor> ACTORS = List.of(
            new Actor("anonymous", null, null, null),
            new Actor("patient", "ROLE_patient", OWNER, TestTokens.patient(OWNER)),
            new Actor("other", "ROLE_patient", "sam", TestTokens.patient("sam")),
            new Actor("clinician", "ROLE_clinician", null, TestTokens.clinician("dr-matrix")),
            new Actor("admin", "ROLE_admin", null, TestTokens.admin()));

    /** One line of a table: the route it is about, the request it sends, and the expected statuses. */
    private record Line(String method, String route, String path, List<String> expected) {

        String key() {
            return method + " " + route;
        }

        static List<Line> of(String table) {
            return table.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> {
                        String[] cells = line.split("\\s+");
                        String route = cells[1];
                        return new Line(cells[0], route, cells[2].equals("-") ? route : cells[2],
                                List.of(Arrays.copyOfRange(cells, 3, cells.length)));
                    }).toList();
        }
    }

    /**
     * The owner's record in the test's EHR, so that {@code $populate} answers the same whichever tests ran before in
     * this JVM (they share the WireMock EHR): Patient/alex, with nothing in the record.
     */
    @BeforeEach
    void theEhrKnowsTheOwner() {
        EHR_AND_ISSUER.stubFor(WireMock.get(
                urlPathEqualTo("/fhir/Patient/" + OWNER))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"Patient\",\"id\":\"" + OWNER + "\"}")));
        for (String type : List.of("Condition", "MedicationStatement", "MedicationRequest")) {
            EHR_AND_ISSUER.stubFor(WireMock.get(
                    urlPathEqualTo("/fhir/" + type))
                    .withQueryParam("patient", equalTo(OWNER))
                    .willReturn(aResponse().withStatus(200)
                            .withHeader("Content-Type", "application/fhir+json")
                            .withBody("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}")));
        }
    }

    @Test
    void everyRouteOfTheAppHasItsLinesInTheMatrix_andEveryLineARoute() {
        Map<String, String> routes = routes();

        Set<String> inTheMatrix = new TreeSet<>(Line.of(MATRIX).stream().map(Line::key).toList());

        assertThat(new TreeSet<>(routes.keySet())).as("routes without a line in the matrix: add theirs")
                .isSubsetOf(inTheMatrix);
        assertThat(inTheMatrix).as("lines for routes the app no longer has").isSubsetOf(routes.keySet());
    }

    @Test
    void everyCallerGetsTheMatrixStatusOnEveryRoute() throws Exception {
        List<String> wrong = new ArrayList<>();
        StringBuilder actual = new StringBuilder();
        for (Line line : Line.of(MATRIX)) {
            String path = concrete(line.path());
            List<String> got = new ArrayList<>();
            String method = line.method().replace("ANY", "GET");
            for (Actor caller : ACTORS) {
                MockHttpServletResponse response = answer(line, method, path, caller, true, true,
                        method.equals("GET") ? null : csrf());
                String status = status(response);
                got.add(status);
                String chain = chainFor(line.method(), path);
                String what = line.key() + " " + path + " as " + caller.name() + " (" + status + ")";
                String cacheControl = response.getHeader("Cache-Control");
                if (PLUGIN_CHAINS.contains(chain) && (cacheControl == null || !cacheControl.contains("no-store"))) {
                    wrong.add(what + ": no Cache-Control: no-store");
                }
                if (API_CHAIN.equals(chain) && response.getStatus() >= 400
                        && !response.getContentAsString().contains("\"resourceType\":\"OperationOutcome\"")) {
                    wrong.add(what + ": a refusal that is not an OperationOutcome");
                }
            }
            if (!got.equals(line.expected())) {
                wrong.add(line.key() + " " + path + ": expected " + line.expected() + ", got " + got);
            }
            actual.append(String.format("%-5s%-50s%-44s%s%n", line.method(), line.route(), line.path(),
                    String.join(" ", got)));
        }
        assertThat(wrong).as("the matrix as the app answers it today:%n%s", actual).isEmpty();
    }

    @Test
    void everyStateChangingPageRouteNeedsTheCsrfToken() throws Exception {
        for (Line line : stateChangingLines(CSRF_PAGES, PAGES_CHAIN)) {
            submission = null;
            String path = concrete(line.path());
            String method = line.method().replace("ANY", "POST");
            if (line.expected().get(0).equals("exempt")) {
                assertThat(status(answer(line, method, path, caller("anonymous"), false, false, null)))
                        .as(line.key() + " without the token").isEqualTo(line.expected().get(1));
                continue;
            }
            Actor caller = caller(line.expected().get(0));

            String withoutToken = status(answer(line, method, path, caller, false, true, null));
            String wrongToken = status(answer(line, method, path, caller, false, true, csrf().useInvalidToken()));
            boolean unchanged = submission == null || store.find(submission).orElseThrow().decision().isNone();
            String withToken = status(answer(line, method, path, caller, false, true, csrf()));

            assertThat(List.of(withoutToken, wrongToken)).as(line.key() + " without the token, with a wrong one")
                    .containsExactly("403", "403");
            assertThat(unchanged).as(line.key() + ": the refused requests decided nothing").isTrue();
            assertThat(withToken).as(line.key() + " with the token").isEqualTo(line.expected().get(1));
        }
    }

    @Test
    void theApiTakesBearerTokensWithoutCsrfTokens_andNeverAPageSession() throws Exception {
        for (Line line : stateChangingLines(CSRF_EXEMPT_API, API_CHAIN)) {
            Actor caller = caller(line.expected().get(0));

            String tokenOnly = status(answer(line, line.method(), concrete(line.path()), caller, true, false, null));
            String sessionOnly = status(answer(line, line.method(), concrete(line.path()), caller, false, true,
                    csrf()));

            assertThat(tokenOnly).as(line.key() + " with the bearer token alone").isEqualTo(line.expected().get(1));
            assertThat(sessionOnly).as(line.key() + " with a page session and its CSRF token alone").isEqualTo("401");
        }
    }

    private Actor caller(String name) {
        return ACTORS.stream().filter(caller -> caller.name().equals(name)).findFirst().orElseThrow();
    }

    /** The table's lines, once it is checked to hold one for each state-changing route of the chain, and no other. */
    private List<Line> stateChangingLines(String table, String chain) {
        List<Line> lines = Line.of(table);
        List<String> stateChanging = routes().entrySet().stream().filter(route -> route.getValue().equals(chain))
                .map(Map.Entry::getKey)
                .filter(key -> key.startsWith("POST ") || key.startsWith("PUT ") || key.startsWith("DELETE ")
                        || key.startsWith("PATCH ") || key.startsWith("ANY "))
                .toList();
        assertThat(lines.stream().map(Line::key).toList()).as("the state-changing routes of " + chain)
                .containsExactlyInAnyOrderElementsOf(stateChanging);
        return lines;
    }

    // --- the requests

    /** The line's request as the caller sends it: with their bearer token, their page session, this CSRF token. */
    private MockHttpServletResponse answer(Line line, String method, String path, Actor caller, boolean token,
            boolean session, RequestPostProcessor csrf) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path);
        request = BODIES.getOrDefault(line.key(), Function.identity()).apply(request);
        MockHttpSession signedIn = null;
        if (!caller.anonymous()) {
            if (session) {
                signedIn = PagesSessions.signedIn(context, caller.name(), caller.role(), caller.patientId());
                request.session(signedIn);
            }
            if (token) {
                request.header("Authorization", "Bearer " + caller.token());
            }
        }
        if (csrf != null) {
            request.with(csrf);
        }
        try {
            return mvc.perform(request).andReturn().getResponse();
        } finally {
            if (signedIn != null) {
                // closes what the request may have opened for this session (the queue's event stream)
                context.publishEvent(new PagesSessionEnded(signedIn.getId()));
            }
        }
    }

    private String concrete(String path) throws Exception {
        String concrete = path.replace("{unknown}", UUID.randomUUID().toString()).replace("{invalid}", "not-an-id");
        if (concrete.contains("{submission}")) {
            MockHttpServletResponse created = mvc.perform(MockMvcRequestBuilders.post("/api/intakes")
                    .contentType("application/fhir+json").content(Responses.benign().json())
                    .header("Authorization", "Bearer " + TestTokens.patient(OWNER))).andReturn().getResponse();
            assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
            String location = created.getHeader("Location");
            submission = location.substring(location.lastIndexOf('/') + 1);
            concrete = concrete.replace("{submission}", submission);
        }
        return concrete;
    }

    private static String status(MockHttpServletResponse response) {
        int status = response.getStatus();
        if (status == 302) {
            String location = response.getRedirectedUrl();
            if (location != null && location.endsWith(IntakeBrowserSecurity.LOGIN)) {
                return "login";
            }
            return location != null && location.startsWith(ISSUER_ORIGIN) ? "idp" : "302";
        }
        if (status == 401 && String.valueOf(response.getHeader("WWW-Authenticate")).startsWith("Basic")) {
            return "basic";
        }
        return String.valueOf(status);
    }

    // --- the routes, as the running app has them

    /** Each route ("METHOD pattern", ANY for every method) and the security chain that answers it (or "none"). */
    private Map<String, String> routes() {
        Set<String> routes = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, HandlerMapping> mapping : context.getBeansOfType(HandlerMapping.class).entrySet()) {
            HandlerMapping handlers = mapping.getValue();
            if (handlers instanceof AbstractHandlerMethodMapping<?> methods) {
                for (Object info : methods.getHandlerMethods().keySet()) {
                    RequestMappingInfo request = (RequestMappingInfo) info;
                    Set<String> verbs = new TreeSet<>();
                    request.getMethodsCondition().getMethods().forEach(verb -> verbs.add(verb.name()));
                    for (String pattern : request.getPatternValues()) {
                        (verbs.isEmpty() ? Set.of("ANY") : verbs).forEach(verb -> routes.add(verb + " " + pattern));
                    }
                }
            } else if (handlers instanceof AbstractUrlHandlerMapping urls) {
                urls.getHandlerMap().keySet().forEach(pattern -> routes.add("GET " + pattern));
            } else if (handlers instanceof RouterFunctionMapping functions) {
                RouterFunction<?> function = functions.getRouterFunction();
                if (function != null) {
                    function.accept(new FunctionalRoutes(routes));
                }
            } else {
                unknown.add(mapping.getKey() + " (" + handlers.getClass().getName() + ")");
            }
        }
        for (SecurityFilterChain chain : securityChains.getFilterChains()) {
            for (Filter filter : chain.getFilters()) {
                if (filter.getClass().getSimpleName().equals("BackChannelLogoutFilter")) {
                    routes.add("POST " + BackChannelLogout.PATH); // its chain's matcher is that path alone
                    continue;
                }
                RequestMatcher answered = answeredBy(filter);
                if (answered == null) {
                    if (!PASSING_FILTERS.contains(filter.getClass())) {
                        unknown.add("security filter " + filter.getClass().getName());
                    }
                    continue;
                }
                // an endpoint of a chain that never sees its requests (the API chain's default /logout) is no route
                routesOf(answered).stream().filter(route -> nameOf(chain).equals(chainFor(route))).forEach(routes::add);
            }
        }
        assertThat(unknown).as("handler mappings or security filters this test cannot list the routes of: teach "
                + "routes() about them, or name the filter among PASSING_FILTERS if it answers no request itself")
                .isEmpty();
        Map<String, String> byChain = new TreeMap<>();
        routes.forEach(route -> byChain.put(route, chainFor(route)));
        return byChain;
    }

    private String chainFor(String route) {
        String[] parts = route.split(" ", 2);
        return parts.length < 2 ? "none" : chainFor(parts[0], example(parts[1]));
    }

    /** The request matcher of the requests a security filter answers itself, or null for one that answers none. */
    private static RequestMatcher answeredBy(Filter filter) {
        if (filter instanceof LogoutFilter) {
            return (RequestMatcher) PagesSessions.field(filter, "logoutRequestMatcher");
        }
        if (filter instanceof OAuth2AuthorizationRequestRedirectFilter) {
            return (RequestMatcher) PagesSessions.field(PagesSessions.field(filter, "authorizationRequestResolver"),
                    "authorizationRequestMatcher");
        }
        if (filter instanceof AbstractAuthenticationProcessingFilter) {
            return (RequestMatcher) PagesSessions.field(filter, "requiresAuthenticationRequestMatcher");
        }
        return null;
    }

    private static final Pattern MATCHER = Pattern.compile("PathPattern \\[(?:(GET|POST|PUT|DELETE|PATCH) )?"
            + "([^\\]\\s]+)]|(?:Ant|Mvc) \\[pattern='([^']+)'(?:, (\\w+))?]");

    /** The routes in a request matcher's description (Spring Security's matchers describe their pattern and method). */
    private static List<String> routesOf(RequestMatcher matcher) {
        List<String> routes = new ArrayList<>();
        Matcher found = MATCHER.matcher(matcher.toString());
        while (found.find()) {
            routes.add(found.group(2) != null ? (found.group(1) == null ? "ANY" : found.group(1)) + " " + found.group(2)
                    : (found.group(4) == null ? "ANY" : found.group(4)) + " " + found.group(3));
        }
        assertThat(routes).as("the routes of " + matcher).isNotEmpty();
        return routes;
    }

    /** A path a pattern matches. */
    private static String example(String pattern) {
        return pattern.replaceAll("\\{[^/]*}", "x").replace("**", "x/y").replace("*", "x");
    }

    /** The name of the security chain that answers this request (the first that matches), "none" for none. */
    private String chainFor(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(new MockServletContext(),
                method.equals("ANY") ? "GET" : method, path);
        request.setServletPath(path);
        for (SecurityFilterChain chain : securityChains.getFilterChains()) {
            if (chain.matches(request)) {
                return nameOf(chain);
            }
        }
        return "none";
    }

    private String nameOf(SecurityFilterChain chain) {
        return context.getBeansOfType(SecurityFilterChain.class).entrySet().stream()
                .filter(entry -> entry.getValue() == chain).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /**
     * Functional routes, as "METHOD pattern" when their predicate is one method and one path, else as "FUNCTION" and
     * the predicate's description (no line can match that: a test of such a route is to be written here).
     */
    private record FunctionalRoutes(Set<String> routes) implements RouterFunctions.Visitor {

        private static final Pattern METHOD_AND_PATH = Pattern.compile("\\(?([A-Z]+) && (/\\S*?)\\)?");

        @Override
        public void startNested(RequestPredicate predicate) {
            routes.add("FUNCTION nested:" + predicate.toString().replace(" ", ""));
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            Matcher simple = METHOD_AND_PATH.matcher(predicate.toString());
            routes.add(simple.matches() ? simple.group(1) + " " + simple.group(2)
                    : "FUNCTION " + predicate.toString().replace(" ", ""));
        }

        @Override
        public void resources(Function<ServerRequest, Optional<Resource>> lookupFunction) {
            routes.add("FUNCTION resources:" + lookupFunction);
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            routes.add("FUNCTION unknown:" + routerFunction.toString().replace(" ", ""));
        }
    }
}
