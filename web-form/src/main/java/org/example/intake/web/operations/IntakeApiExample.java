package org.example.intake.web.operations;

import java.util.function.Supplier;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * The one thing about the intake API its annotations cannot say, added to the host's OpenAPI description (springdoc,
 * when the host has it): a valid QuestionnaireResponse as the submit's example body, made from the current
 * Questionnaire ({@link org.example.intake.fhir.ExampleIntakes}) so that it stays one the API accepts. Global, so a host that splits its
 * description into groups gets it in the group holding the path; a group without it is left alone.
 */
final class IntakeApiExample implements GlobalOpenApiCustomizer {

    static final String SUBMIT_PATH = "/api/intakes";

    private final Supplier<String> exampleBody;

    /** @param exampleBody a valid QuestionnaireResponse, as JSON */
    IntakeApiExample(Supplier<String> exampleBody) {
        this.exampleBody = exampleBody;
    }

    @Override
    public void customise(OpenAPI api) {
        PathItem submit = api.getPaths() == null ? null : api.getPaths().get(SUBMIT_PATH);
        Operation post = submit == null ? null : submit.getPost();
        if (post == null || post.getRequestBody() == null || post.getRequestBody().getContent() == null) {
            return;
        }
        Object example;
        try {
            example = Json.mapper().readTree(exampleBody.get());
        } catch (java.io.IOException | RuntimeException e) {
            return; // the documentation is still right without its example
        }
        for (MediaType media : post.getRequestBody().getContent().values()) {
            media.example(example);
        }
    }
}
