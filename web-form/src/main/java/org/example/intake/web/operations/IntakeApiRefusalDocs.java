package org.example.intake.web.operations;

import java.util.Map;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.example.intake.web.ApiDocs;
import org.example.intake.web.IntakeApi;
import org.springdoc.core.customizers.GlobalOperationComponentsCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Says once, in the host's OpenAPI description (springdoc, when the host has it), what {@link org.example.intake.web.ApiRefusals}
 * does once: every refusal of the plugin's API is a FHIR OperationOutcome. The endpoints' annotations name each
 * refusal's status and words only; this gives each its body (the {@code OperationOutcome} schema as
 * {@code application/fhir+json}), in place of what springdoc would guess from the method's return type. Only the operations of the plugin's API controllers
 * ({@link IntakeApi}) are touched; a host's own are left as they are.
 */
final class IntakeApiRefusalDocs implements GlobalOperationComponentsCustomizer {

    static final String SCHEMA = "OperationOutcome";

    @Override
    public Operation customize(Operation operation, Components components, HandlerMethod handler) {
        if (!isIntakeApi(handler)) {
            return operation;
        }
        if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
            ModelConverters.getInstance().readAll(new AnnotatedType(ApiDocs.OperationOutcome.class))
                    .forEach(components::addSchemas);
        }
        return customize(operation, handler);
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (!isIntakeApi(handler) || operation.getResponses() == null) {
            return operation;
        }
        for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
            // What springdoc guessed from the method's return type (*/* and the success body) is not what is sent.
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                response.getValue().setContent(new Content().addMediaType(ApiDocs.FHIR_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
            }
        }
        return operation;
    }

    private static boolean isIntakeApi(HandlerMethod handler) {
        return handler != null && AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), IntakeApi.class);
    }
}
