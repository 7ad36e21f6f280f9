package org.example.host;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A telehealth host application as the plugin meets it in the wild: it has its own secured
 * endpoint and its own security chain (HTTP Basic) for every path that is not the plugin's: its
 * own pages for its staff, the health probes for anyone, everything else (metrics, API docs) for
 * its signed-in users only. It adds the intake as one dependency.
 * In its own package, so its component scan does not see the plugin's classes: the plugin
 * arrives through auto-configuration only.
 */
@SpringBootApplication
public class TestHostApplication {

    /** The host's operator, who reads its metrics and API docs. */
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-secret";

    public static void main(String[] args) {
        SpringApplication.run(TestHostApplication.class, args);
    }

    @Bean
    SecurityFilterChain hostSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/host/**").hasRole("staff")
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService hostUsers() {
        return new InMemoryUserDetailsManager(
                User.withUsername("reception").password("{noop}reception-secret").roles("staff").build(),
                User.withUsername(OPERATOR).password("{noop}" + OPERATOR_PASSWORD).roles("operator").build());
    }

    @RestController
    static class HostController {

        @GetMapping("/host/hello")
        String hello() {
            return "hello from the host";
        }

        /** Fails, for the tests that check a failure here is the host's to handle. */
        @GetMapping("/host/broken")
        String broken() {
            throw new IllegalStateException("the host's own failure");
        }
    }
}
