package org.example.intake.web.intake.form;

import org.example.intake.fhir.IntakeQuestionnaires;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The patient's pages, what they answer when they fail ({@link PatientPagesUnavailable}), their assets under
 * {@code /intake/assets/} (GOV.UK Frontend, the page's own) and the service unavailable page at
 * {@value UnavailablePage#PATH}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ IntakeFormController.class, PatientPagesUnavailable.class })
public class FormConfiguration {

    @Bean
    @ConditionalOnMissingBean
    IntakeQuestionnaires intakeQuestionnaires() {
        return IntakeQuestionnaires.standard();
    }

    @Bean
    WebMvcConfigurer intakeAssets() {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler("/intake/assets/govuk/**")
                        .addResourceLocations("classpath:/META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk/");
                registry.addResourceHandler("/intake/assets/**").addResourceLocations("classpath:/static/intake/assets/");
                // a variable, not the bare path, so that the path within the pattern is the file's name
                registry.addResourceHandler("/intake/{page:unavailable\\.html}")
                        .addResourceLocations("classpath:/static/intake/");
            }
        };
    }
}
