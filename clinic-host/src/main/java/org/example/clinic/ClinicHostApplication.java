package org.example.clinic;

import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A clinic's own Spring Boot application, as it was before it took the intake: its own pages
 * behind its own login (form login and HTTP Basic, its staff and its operator), its own Flyway
 * migrations (db-scheduler's standard {@code scheduled_tasks} table among them) and its own
 * db-scheduler task ({@link ClinicNotices}, Java-serialized data, through db-scheduler's Spring
 * Boot starter). The intake is one more dependency, {@code web-form}, set up under
 * {@code intake.*} in {@code application.yml}: its paths ({@code /api/intakes}, {@code /intake},
 * {@code /clinician}, ...) come with their own security, and everything else stays the clinic's.
 */
@SpringBootApplication
public class ClinicHostApplication {

    /** The clinic's staff role: its own pages. */
    public static final String STAFF = "staff";
    /** The clinic's operator role: the metrics and the API docs. */
    public static final String OPERATOR = "operator";

    public static void main(String[] args) {
        SpringApplication.run(ClinicHostApplication.class, args);
    }

    /**
     * The clinic's chain, for every path the plugin's chains do not take: the health probes for
     * anyone, the actuator and the API docs for its operator, everything else for its staff.
     */
    @Bean
    SecurityFilterChain clinicSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**").hasRole(OPERATOR)
                        .anyRequest().hasRole(STAFF))
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService clinicUsers(@Value("${clinic.reception-password}") String receptionPassword,
            @Value("${clinic.operator-password}") String operatorPassword) {
        return new InMemoryUserDetailsManager(
                User.withUsername("reception").password("{noop}" + required(receptionPassword,
                        "clinic.reception-password (CLINIC_RECEPTION_PASSWORD)")).roles(STAFF).build(),
                User.withUsername("operator").password("{noop}" + required(operatorPassword,
                        "clinic.operator-password (CLINIC_OPERATOR_PASSWORD)")).roles(OPERATOR).build());
    }

    private static String required(String password, String setting) {
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("Set " + setting + ": a user without a password is refused");
        }
        return password;
    }

    /** The clinic's own page: its notice board. */
    @RestController
    static class ClinicPages {

        private final JdbcClient jdbc;

        ClinicPages(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping(path = { "/", "/clinic" }, produces = MediaType.TEXT_HTML_VALUE)
        String noticeBoard() {
            String notices = jdbc.sql("select message, posted_at from clinic_notice order by posted_at")
                    .query((row, number) -> "<li>" + HtmlUtils.htmlEscape(row.getString("message")) + " ("
                            + row.getTimestamp("posted_at").toInstant() + ")</li>")
                    .list().stream().collect(Collectors.joining());
            return "<!DOCTYPE html><html lang=\"en\"><head><title>Clinic</title></head><body>"
                    + "<h1>Clinic notice board</h1><ul>" + notices + "</ul>"
                    + "<p>Patients send their intake at <a href=\"/intake\">/intake</a>.</p></body></html>";
        }
    }
}
