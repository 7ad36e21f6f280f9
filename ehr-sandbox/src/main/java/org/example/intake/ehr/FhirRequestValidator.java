package org.example.intake.ehr;

import java.nio.charset.Charset;
import java.util.List;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.rest.server.method.ResourceParameter;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses, with 422 and an OperationOutcome, a request body that does not validate against the FHIR R4
 * base (HAPI's instance validator over the server's validation support).
 *
 * <p>A body that is not even readable FHIR is left to HAPI's parser, which answers 400: HAPI's own
 * validating interceptor would turn the validator's parse failure into a 500.
 */
class FhirRequestValidator extends RequestValidatingInterceptor {

    FhirRequestValidator(IValidatorModule instanceValidator) {
        setValidatorModules(List.of(instanceValidator));
        setFailOnSeverity(ResultSeverityEnum.ERROR);
        setAddResponseHeaderOnSeverity(null);
    }

    @Override
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean incomingRequestPostProcessed(
            RequestDetails request, HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
        if (!readableFhir(request)) {
            return true;
        }
        return super.incomingRequestPostProcessed(request, servletRequest, servletResponse);
    }

    private static boolean readableFhir(RequestDetails request) {
        EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(request);
        if (encoding == null) {
            return true; // not a FHIR body: the validator skips it anyway
        }
        Charset charset = ResourceParameter.determineRequestCharset(request);
        String body = new String(request.loadRequestContents(), charset);
        if (body.isBlank()) {
            return true;
        }
        try {
            encoding.newParser(request.getFhirContext())
                    .setParserErrorHandler(new LenientErrorHandler(false)) // HAPI's parse logs the same later
                    .parseResource(body);
            return true;
        } catch (DataFormatException | IllegalArgumentException e) {
            return false;
        }
    }
}
