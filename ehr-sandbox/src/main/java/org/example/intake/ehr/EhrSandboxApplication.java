package org.example.intake.ehr;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.context.annotation.Import;

import org.example.intake.ehr.smart.SmartConfig;

/**
 * The EHR sandbox: a HAPI FHIR JPA server (R4) serving {@code /fhir}.
 *
 * <p>Run it with {@code java -jar ehr-sandbox/target/ehr-sandbox.jar}; see the module README for
 * the settings. Its configuration file is {@code ehr-sandbox.yml} (not {@code application.yml}),
 * so that it keeps its own settings when started inside another Spring Boot application's tests.
 *
 * <p>No class of this module carries a stereotype annotation ({@code @SpringBootApplication},
 * {@code @Configuration}, {@code @Component}): the beans are exactly the ones imported here, and a host
 * application that component-scans {@code org.example.intake} cannot pick the sandbox up by accident.
 */
@EnableAutoConfiguration(exclude = {
        // HAPI brings the Elasticsearch client, Quartz, Flyway and Thymeleaf jars. Boot must not configure
        // them: there is no Elasticsearch, HAPI runs its own Quartz schedulers, Hibernate creates the schema.
        ElasticsearchClientAutoConfiguration.class,
        ElasticsearchRestClientAutoConfiguration.class,
        QuartzAutoConfiguration.class,
        FlywayAutoConfiguration.class,
        ThymeleafAutoConfiguration.class,
        // HAPI needs its own entity manager factory (EhrJpaConfig), not Boot's.
        HibernateJpaAutoConfiguration.class,
})
@Import({
        EhrDataSourceConfig.class,
        EhrJpaConfig.class,
        EhrFhirServerConfig.class,
        SmartConfig.class,
        ValidatorWarmUp.class,
        DemoPatients.class,
        ReadyAnnouncer.class,
})
public class EhrSandboxApplication {

    /** Properties every start of the sandbox gets, whoever starts it. */
    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.config.name", "ehr-sandbox",
            "spring.main.allow-circular-references", "true",
            "spring.main.banner-mode", "off",
            "spring.main.log-startup-info", "false");

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(EhrSandboxApplication.class);
        app.setDefaultProperties(DEFAULTS);
        app.run(args);
    }
}
