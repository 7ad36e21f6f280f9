package org.example.intake.ehr.smart;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * SMART App Launch on the sandbox: the SMART configuration document, the FHIR API's token and scope checks (with
 * {@code ehr.smart.enforce=true}) and the EHR launch values (with {@code ehr.smart.launch-secret} set).
 */
@EnableConfigurationProperties(SmartSettings.class)
public class SmartConfig {

    public static final String SMART_CONFIGURATION_PATH = "/fhir/.well-known/smart-configuration";

    @Bean
    ServletRegistrationBean<SmartConfigurationServlet> smartConfigurationServlet(SmartSettings settings) {
        ServletRegistrationBean<SmartConfigurationServlet> registration =
                new ServletRegistrationBean<>(new SmartConfigurationServlet(settings), SMART_CONFIGURATION_PATH);
        registration.setName("smart-configuration");
        return registration;
    }

    /** Registered on the FHIR server here, before its servlet starts. */
    @Bean
    @ConditionalOnProperty(name = "ehr.smart.enforce", havingValue = "true")
    SmartAuthorization smartAuthorization(RestfulServer fhirServer, SmartSettings settings) {
        SmartAuthorization authorization = new SmartAuthorization(tokenDecoder(settings));
        fhirServer.registerInterceptor(authorization);
        return authorization;
    }

    @Bean
    @ConditionalOnProperty(name = "ehr.smart.launch-secret")
    LaunchValues launchValues(SmartSettings settings) {
        return new LaunchValues(settings.launchSecret(), settings.launchLifetime(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "ehr.smart.launch-secret")
    ServletRegistrationBean<EhrLauncherServlet> ehrLauncherServlet(SmartSettings settings, LaunchValues launches) {
        NimbusJwtDecoder launcherTokens = NimbusJwtDecoder.withJwkSetUri(settings.oidcEndpoint("certs")).build();
        launcherTokens.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer().toString()),
                new JwtClaimValidator<String>("azp", EhrLauncherServlet.LAUNCHER_CLIENT::equals)));
        ServletRegistrationBean<EhrLauncherServlet> registration = new ServletRegistrationBean<>(
                new EhrLauncherServlet(settings, launches, launcherTokens),
                EhrLauncherServlet.LAUNCH_PATH, EhrLauncherServlet.CALLBACK_PATH);
        registration.setName("ehr-launcher");
        return registration;
    }

    /** Keycloak's RS256 tokens of the realm, checked against its keys, with the sandbox's audience. */
    static JwtDecoder tokenDecoder(SmartSettings settings) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(settings.oidcEndpoint("certs")).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer().toString()),
                new JwtClaimValidator<List<String>>("aud",
                        aud -> aud != null && aud.contains(settings.audience()))));
        return decoder;
    }
}
