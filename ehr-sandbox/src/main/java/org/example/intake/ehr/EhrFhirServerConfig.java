package org.example.intake.ehr;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.interceptor.UserRequestRetryVersionConflictsInterceptor;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.validation.IValidatorModule;

/** HAPI's RestfulServer over the JPA storage, mounted at {@code /fhir}. */
public class EhrFhirServerConfig {

    public static final String FHIR_PATH = "/fhir";

    @Bean
    public RestfulServer fhirServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            JpaSystemProvider<?, ?> systemProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            @Qualifier("myInstanceValidator") IValidatorModule instanceValidator,
            @Value("${ehr.validate-requests:true}") boolean validateRequests) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());

        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("EHR sandbox (HAPI FHIR JPA server, R4)");
        server.setServerConformanceProvider(capabilities);
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);

        // "X-Retry-On-Version-Conflict: retry; max-retries=N" makes HAPI retry a write that lost a race
        // (e.g. two identical conditional creates at once) instead of answering 409.
        server.registerInterceptor(new UserRequestRetryVersionConflictsInterceptor());
        if (validateRequests) {
            server.registerInterceptor(new FhirRequestValidator(instanceValidator));
        }
        // Browsers get HTML-highlighted responses; FHIR clients are unaffected.
        server.registerInterceptor(new ResponseHighlighterInterceptor());
        return server;
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirServer) {
        ServletRegistrationBean<RestfulServer> registration =
                new ServletRegistrationBean<>(fhirServer, FHIR_PATH + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
