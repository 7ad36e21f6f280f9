package org.example.intake.web.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import org.example.intake.web.FhirErrors;
import org.example.intake.web.IntakeProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

/**
 * The API's security, and only the API's: this chain matches the plugin's own paths, so the
 * host's chains and endpoints stay as they were. Bearer tokens (Spring Security's resource
 * server) signed by the configured issuer, from that issuer, unexpired, with the
 * {@code intake-api} audience; Keycloak realm roles as authorities. The decoder is this
 * chain's own, not a bean, so it does not replace a host's.
 */
@Configuration(proxyBeanMethods = false)
public class IntakeApiSecurity {

    /** The API's paths. */
    public static final String[] PATHS = { "/api/intakes", "/api/intakes/**", "/api/queue", "/api/audit",
            "/api/audit/verification", "/api/fhir", "/api/fhir/**" };

    @Bean
    @Order(90)
    SecurityFilterChain intakeApiSecurityChain(HttpSecurity http, IntakeProperties properties,
            FhirContext intakeFhirContext, ObjectProvider<RefusedRequests> refusals) throws Exception {
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new KeycloakRealmRoles());
        http.securityMatcher(PATHS)
                .headers(SecurityHeaders.api())
                .addFilterBefore(new ApiBodyLimit(properties.api().maxBodyBytes(), intakeFhirContext),
                        DisableEncodeUrlFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/intakes").hasRole("patient")
                        .requestMatchers(HttpMethod.GET, "/api/intakes/*").hasAnyRole("patient", "clinician")
                        .requestMatchers(HttpMethod.POST, "/api/intakes/*/redeliver", "/api/intakes/*/review",
                                "/api/intakes/*/override").hasRole("clinician")
                        .requestMatchers(HttpMethod.GET, "/api/queue").hasRole("clinician")
                        .requestMatchers(HttpMethod.GET, "/api/audit", "/api/audit/verification").hasRole("admin")
                        // The plugin's FHIR base: its CapabilityStatement for anyone (FHIR clients read it first),
                        // the rest for patients and clinicians (SdcOperations checks whose record a patient asks for).
                        .requestMatchers(HttpMethod.GET, "/api/fhir/metadata").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/fhir/Questionnaire", "/api/fhir/Questionnaire/*")
                        .hasAnyRole("patient", "clinician")
                        .requestMatchers(HttpMethod.POST, "/api/fhir/Questionnaire/$populate",
                                "/api/fhir/QuestionnaireResponse/$extract").hasAnyRole("patient", "clinician")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder(properties.security()))
                                .jwtAuthenticationConverter(authentication))
                        .authenticationEntryPoint(unauthorized(intakeFhirContext))
                        .accessDeniedHandler(forbidden(intakeFhirContext)))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized(intakeFhirContext))
                        .accessDeniedHandler(forbidden(intakeFhirContext)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // bearer tokens only: no cookie to ride on
                .requestCache(cache -> cache.disable());
        refusals.ifAvailable(told -> http.addFilterAfter(new RefusalWatch(told), SecurityContextHolderFilter.class));
        return http.build();
    }

    /** 401 with RFC 6750's WWW-Authenticate header, and an OperationOutcome body like every other refusal. */
    private static AuthenticationEntryPoint unauthorized(FhirContext fhir) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            writeOutcome(fhir, response, IssueType.LOGIN,
                    "Send a valid bearer token from the intake's identity provider, for audience intake-api.");
        };
    }

    /** 403 with the WWW-Authenticate header, and an OperationOutcome body. */
    private static AccessDeniedHandler forbidden(FhirContext fhir) {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            bearer.handle(request, response, exception);
            writeOutcome(fhir, response, IssueType.FORBIDDEN, "This token's role does not allow this request.");
        };
    }

    private static void writeOutcome(FhirContext fhir, HttpServletResponse response, IssueType type, String message)
            throws IOException {
        OperationOutcome outcome = FhirErrors.outcome(type, message);
        response.setContentType(FhirErrors.FHIR_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        fhir.newJsonParser().encodeResourceToWriter(outcome, response.getWriter());
    }

    /** A decoder that checks signature, issuer, expiry and audience against these settings. */
    public static JwtDecoder decoder(IntakeProperties.Security security) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(security.jwkSetUriOrDefault().toString()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(security.issuerUri().toString()),
                audience(security.audience())));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error missing = new OAuth2Error("invalid_token", "The token is not for " + audience + ".", null);
        return jwt -> {
            List<String> audiences = jwt.getAudience();
            return audiences != null && audiences.contains(audience) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(missing);
        };
    }
}
