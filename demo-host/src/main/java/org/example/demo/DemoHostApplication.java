package org.example.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal telehealth host: it has a home page of its own and nothing else. Everything about
 * the intake (API, store, delivery to the EHR, security of its paths) arrives with the
 * {@code web-form} dependency through Spring Boot auto-configuration, set up in
 * {@code application.yml} under {@code intake.*}.
 */
@SpringBootApplication
public class DemoHostApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoHostApplication.class, args);
    }

    @RestController
    static class HostHome {

        @GetMapping("/")
        String home() {
            return "Telehealth demo host. The intake API is at /api/intakes.";
        }
    }
}
