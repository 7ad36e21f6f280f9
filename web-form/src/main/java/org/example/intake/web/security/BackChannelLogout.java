package org.example.intake.web.security;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.example.intake.web.IntakeProperties;
import org.example.intake.web.IntakeSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutFilter;

/**
 * OpenID Connect Back-Channel Logout for the pages, on a path of the plugin's own, {@value #PATH} (Spring Security's
 * built-in endpoint, {@code /logout/connect/back-channel/{registrationId}}, is on a path the host owns). Keycloak
 * posts a logout token there when a session ends on its side: the user signed out of another application, an
 * administrator ended the user's sessions or one session, the session expired there. The token is checked
 * ({@link LogoutTokens}, {@link BackChannelLogoutFilter}); the Keycloak session it names ({@code sid}), or else its user ({@code sub}), is recorded
 * in {@link EndedSessions}, which every node's pages chain consults on each signed-in request
 * ({@link EndedByTheIssuer}): the page sessions end there, whichever node holds them. The answer is 200, or 400 with
 * a JSON {@code error} and {@code error_description}.
 *
 * <p>This chain matches that one path only: anyone may post (the caller is the issuer's server, which has no session
 * or CSRF token; the token's signature is the proof), no session is made.
 */
@Configuration(proxyBeanMethods = false)
public class BackChannelLogout {

    /** Where the issuer posts logout tokens (the client's back-channel logout URL in Keycloak). */
    public static final String PATH = "/intake/logout/back-channel";

    @Bean
    @Order(89)
    SecurityFilterChain intakeBackChannelLogoutChain(HttpSecurity http, LogoutTokens tokens, EndedSessions ended)
            throws Exception {
        http.securityMatcher(PATH)
                .addFilterBefore(new BackChannelLogoutFilter(tokens, ended), LogoutFilter.class)
                .headers(SecurityHeaders.api())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable()) // the issuer's server posts, with no cookie to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    @Bean
    EndedSessions intakeEndedSessions(DataSource dataSource, IntakeSchema schema, IntakeProperties properties,
            Clock intakeClock) {
        IntakeProperties.Session session = properties.session();
        Duration longest = session.patientAbsolute().compareTo(session.clinicianAbsolute()) > 0
                ? session.patientAbsolute() : session.clinicianAbsolute();
        return new EndedSessions(JdbcClient.create(dataSource), intakeClock, longest);
    }

    @Bean
    LogoutTokens intakeLogoutTokens(IntakeProperties properties, Clock intakeClock) {
        return new LogoutTokens(properties.security(), intakeClock);
    }
}
