package org.example.intake.web;

import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The plugin's one FHIR R4 context (HAPI's: building it scans the whole model, so everything of the plugin shares
 * this one), FHIR resources as HTTP bodies ({@link FhirResourceConverter}, ahead of Jackson, for resource types
 * only) and the API's refusals as OperationOutcomes ({@link ApiRefusals}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiRefusals.class)
public class FhirWebConfiguration {

    /** Named, so that a host with a FhirContext of its own (another FHIR version, say) keeps it. */
    @Bean
    FhirContext intakeFhirContext() {
        return FhirContext.forR4Cached();
    }

    /**
     * Added to Spring MVC's converters only, not as a converter bean: Spring Boot would hand a bean to the host's
     * HTTP clients too.
     */
    @Bean
    WebMvcConfigurer intakeFhirResourceBodies(FhirContext intakeFhirContext) {
        FhirResourceConverter converter = new FhirResourceConverter(intakeFhirContext);
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.add(0, converter);
            }
        };
    }
}
