package org.example.intake.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * FHIR resources ({@link IBaseResource}) as HTTP bodies, {@code application/fhir+json} or {@code application/json},
 * read and written by HAPI's JSON parser of the plugin's {@link FhirContext}: controllers take and return
 * resources, and every OperationOutcome the API answers is written here. It handles resources only, so it leaves
 * every other body to the converters after it.
 */
public final class FhirResourceConverter extends AbstractHttpMessageConverter<IBaseResource> {

    private final FhirContext fhir;

    public FhirResourceConverter(FhirContext fhir) {
        super(StandardCharsets.UTF_8, FhirErrors.FHIR_JSON, MediaType.APPLICATION_JSON);
        this.fhir = Objects.requireNonNull(fhir, "fhir");
    }

    @Override
    protected boolean supports(Class<?> type) {
        return IBaseResource.class.isAssignableFrom(type);
    }

    @Override
    protected IBaseResource readInternal(Class<? extends IBaseResource> type, HttpInputMessage input)
            throws IOException {
        try {
            return fhir.newJsonParser().parseResource(type, new InputStreamReader(input.getBody(), charset(input)));
        } catch (DataFormatException e) {
            throw new HttpMessageNotReadableException("Not a readable FHIR JSON " + type.getSimpleName() + ".", e,
                    input);
        }
    }

    @Override
    protected void writeInternal(IBaseResource resource, HttpOutputMessage output) throws IOException {
        Writer writer = new OutputStreamWriter(output.getBody(), charset(output.getHeaders().getContentType()));
        fhir.newJsonParser().encodeResourceToWriter(resource, writer);
        writer.flush();
    }

    @Override
    protected MediaType getDefaultContentType(IBaseResource resource) {
        return FhirErrors.FHIR_JSON;
    }

    private Charset charset(HttpInputMessage input) {
        return charset(input.getHeaders().getContentType());
    }

    private Charset charset(MediaType type) {
        return type != null && type.getCharset() != null ? type.getCharset() : getDefaultCharset();
    }
}
