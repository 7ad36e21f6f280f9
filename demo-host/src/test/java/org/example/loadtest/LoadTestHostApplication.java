package org.example.loadtest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.example.intake.web.IntakeProperties;
import org.example.intake.web.security.IntakeApiSecurity;
import org.example.intake.web.security.KeycloakRealmRoles;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The load run's application under test (test code only, never shipped): the demo host's setup
 * (the web-form plugin by auto-configuration, demo-host's {@code application.yml}) plus one bare
 * endpoint, {@code POST /bench/bare}, the floor the API is measured against. It has a security
 * chain of its own that checks the bearer token exactly as the plugin's API chain does (the
 * plugin's own decoder: signature, issuer, expiry, audience {@code intake-api}; role
 * {@code patient}), then inserts the body as one row with JdbcTemplate, and answers 201. No
 * parsing, validation, triage or delivery job. Lives outside {@code org.example.demo}, so the
 * demo host's component scan never finds it.
 */
@SpringBootApplication
public class LoadTestHostApplication {

    public static void main(String[] args) {
        SpringApplication.run(LoadTestHostApplication.class, args);
    }

    @Bean
    @Order(80)
    SecurityFilterChain bareBenchSecurityChain(HttpSecurity http, IntakeProperties properties) throws Exception {
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(new KeycloakRealmRoles());
        http.securityMatcher("/bench/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("patient"))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(IntakeApiSecurity.decoder(properties.security()))
                                .jwtAuthenticationConverter(authentication)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /** The bare endpoint's table, made at start in the (throwaway) schema. */
    @Bean
    BareTable bareTable(JdbcTemplate jdbc) {
        jdbc.execute("create table if not exists bench_bare (id varchar(64) primary key, patient_id varchar(64),"
                + " received_at timestamp with time zone not null, body text not null)");
        return new BareTable(jdbc);
    }

    record BareTable(JdbcTemplate jdbc) {

        String insert(String patientId, String body) {
            String id = UUID.randomUUID().toString();
            jdbc.update("insert into bench_bare (id, patient_id, received_at, body) values (?, ?, ?, ?)", id, patientId,
                    Timestamp.from(Instant.now()), body);
            return id;
        }
    }

    @RestController
    static class BareEndpoint {

        private final BareTable table;

        BareEndpoint(BareTable table) {
            this.table = table;
        }

        @PostMapping("/bench/bare")
        ResponseEntity<String> bare(@RequestBody String body, @AuthenticationPrincipal Jwt jwt) {
            String id = table.insert(jwt.getClaimAsString("fhir_patient_id"), body);
            return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"id\":\"" + id + "\"}");
        }
    }
}
