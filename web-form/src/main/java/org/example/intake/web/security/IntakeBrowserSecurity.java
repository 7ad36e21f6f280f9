package org.example.intake.web.security;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.example.intake.web.IntakeProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The pages' security, and only the pages': this chain matches the patients' pages under
 * {@code /intake/**} (role patient; the assets and the service unavailable page for anyone) and the
 * clinicians' under {@code /clinician/**} (role clinician). A browser that is not logged in goes straight to Keycloak's login page (Spring
 * Security's OAuth2 login: authorization code with PKCE) and back to the page it asked for;
 * roles and the patient id come from the access token. A logged-in user without the page's role
 * gets a 403 page saying so. Signing out ({@link PagesSignOut}) ends the app's session and the identity provider's;
 * a session ends too after the idle or absolute time of {@code intake.session.*} ({@link SessionLifetime}), and when
 * the identity provider ends its Keycloak session or its user's ({@link BackChannelLogout}, {@link EndedByTheIssuer}). A
 * script's request that is not signed in gets 401, not the login page. Session fixation and CSRF protection as
 * Spring Security's defaults. The client registration
 * is this chain's own, not a bean, so it neither needs nor replaces a host's.
 */
@Configuration(proxyBeanMethods = false)
public class IntakeBrowserSecurity {

    /** The registration id, in the login URLs. */
    public static final String REGISTRATION = "intake";
    /** The page a logged-in user without the role sees (status 403). */
    public static final String FORBIDDEN_PAGE = "/intake/assets/forbidden.html";
    /** The service unavailable page, for anyone: it is what a patient reads when the login fails too. */
    public static final String UNAVAILABLE_PAGE = "/intake/unavailable.html";
    /**
     * The header the pages' scripts set on requests the user did not make (the queue's automatic refresh): such a
     * request does not keep the session alive, and the queue records only the patients it newly shows.
     */
    public static final String AUTO_REFRESH = SessionLifetime.AUTO_REFRESH;
    /** Where a browser starts logging in. */
    public static final String LOGIN = "/intake/oauth2/authorization/" + REGISTRATION;
    /**
     * The session attribute the pages keep their user's sign-in under: Spring Security's usual one. Keeping it under
     * an attribute of the pages' own (so that a host chain letting any signed-in user in would not take a patient
     * signed in to the pages for one of its users) passed every MockMvc test but left Chromium's login on the
     * clinician's page never settling, so it is not done yet: docs/security.md, "Known limits".
     */
    public static final String SESSION_CONTEXT = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

    @Bean
    @Order(91)
    SecurityFilterChain intakePagesSecurityChain(HttpSecurity http, IntakeProperties properties,
            ApplicationEventPublisher events, ObjectProvider<RefusedRequests> refusals, EndedSessions endedSessions)
            throws Exception {
        IntakeProperties.Security security = properties.security();
        ClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration(security));
        DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/intake/oauth2/authorization");
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        JwtDecoder accessTokens = IntakeApiSecurity.decoder(security);
        PagesSignOut signOut = new PagesSignOut(registrations);
        // each page session keeps its own tokens: its refresh token is its Keycloak session's (EndedByTheIssuer asks)
        OAuth2AuthorizedClientRepository sessionClients = new HttpSessionOAuth2AuthorizedClientRepository();
        http.securityMatcher("/intake", "/intake/**", "/clinician", "/clinician/**")
                .headers(SecurityHeaders.pages(security.issuerUri()))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/intake/assets/**", UNAVAILABLE_PAGE).permitAll()
                        .requestMatchers("/clinician", "/clinician/**").hasRole("clinician")
                        .anyRequest().hasRole("patient"))
                .exceptionHandling(exceptions -> exceptions.accessDeniedPage(FORBIDDEN_PAGE)
                        .authenticationEntryPoint(toTheLogin()))
                .oauth2Login(login -> login
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(sessionClients)
                        .loginPage(LOGIN)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(pkce))
                        .redirectionEndpoint(endpoint -> endpoint.baseUri("/intake/login/oauth2/code/*"))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(rolesFromTheAccessToken(accessTokens))))
                .logout(logout -> logout
                        .logoutRequestMatcher(PagesSignOut.requests())
                        .addLogoutHandler((request, response, authentication) -> {
                            HttpSession session = request.getSession(false);
                            if (session != null) {
                                events.publishEvent(new PagesSessionEnded(session.getId()));
                            }
                        })
                        .logoutSuccessHandler(signOut))
                .addFilterBefore(new SessionLifetime(properties.session(), signOut, Clock.systemUTC(), events),
                        LogoutFilter.class)
                .addFilterBefore(new EndedByTheIssuer(endedSessions, sessionClients,
                        new RestClientRefreshTokenTokenResponseClient(), Clock.systemUTC(), events), LogoutFilter.class);
        refusals.ifAvailable(told -> http.addFilterAfter(new RefusalWatch(told), SecurityContextHolderFilter.class));
        return http.build();
    }

    /**
     * Where a request that is not signed in goes: to the login page, but a page's own refresh or event stream (which
     * cannot follow it) gets 401, on which the page reloads into the login.
     */
    private static AuthenticationEntryPoint toTheLogin() {
        LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> scripts = new LinkedHashMap<>();
        scripts.put(SessionLifetime::automatic, new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED));
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(scripts);
        entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN));
        return entryPoint;
    }

    static ClientRegistration registration(IntakeProperties.Security security) {
        String issuer = security.issuer();
        return ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(security.browserClientId())
                .clientSecret(security.browserClientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/intake/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(issuer + "/protocol/openid-connect/auth")
                .tokenUri(issuer + "/protocol/openid-connect/token")
                .userInfoUri(issuer + "/protocol/openid-connect/userinfo")
                .jwkSetUri(security.jwkSetUriOrDefault().toString())
                .issuerUri(issuer)
                .userNameAttributeName("preferred_username")
                .providerConfigurationMetadata(Map.of("end_session_endpoint",
                        issuer + "/protocol/openid-connect/logout"))
                .clientName("Buttock-cramp intake")
                .build();
    }

    private static OAuth2UserService<OidcUserRequest, OidcUser> rolesFromTheAccessToken(JwtDecoder accessTokens) {
        OidcUserService delegate = new OidcUserService();
        KeycloakRealmRoles roles = new KeycloakRealmRoles();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Jwt accessToken = accessTokens.decode(request.getAccessToken().getTokenValue());
            return new IntakeUser(roles.convert(accessToken), user.getIdToken(), user.getUserInfo(),
                    Caller.patientIdIn(accessToken));
        };
    }
}
