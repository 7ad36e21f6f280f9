package org.example.intake.web.operations;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.ExternalDocumentation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.example.intake.core.triage.Level;
import org.example.intake.fhir.Problem;
import org.example.intake.web.delivery.DeliveryState;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Documents the intake API in the host's OpenAPI description (springdoc), from outside the
 * controller: the two operations of {@code /api/intakes} with their request body, every status
 * they answer and its body, and the bearer token they need. Springdoc finds the paths and
 * parameters in the controller's mappings; this fills in what it cannot know. Global, so a host
 * that splits its description into groups gets it in the group holding these paths; a group
 * without them is left alone.
 */
final class IntakeApiDocs implements GlobalOpenApiCustomizer {

    static final String SUBMIT_PATH = "/api/intakes";
    static final String READ_PATH = "/api/intakes/{id}";
    static final String BEARER = "intake-bearer";
    static final String INTAKE_VIEW = "IntakeView";
    static final String OPERATION_OUTCOME = "OperationOutcome";
    static final String QUESTIONNAIRE_RESPONSE = "QuestionnaireResponse";

    private static final String JSON = "application/json";
    private static final String FHIR_JSON = "application/fhir+json";
    private static final String TAG = "Intake";

    private final Supplier<String> exampleBody;

    /** @param exampleBody a valid QuestionnaireResponse, as JSON, to show as the example request body */
    IntakeApiDocs(Supplier<String> exampleBody) {
        this.exampleBody = exampleBody;
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        PathItem submit = api.getPaths().get(SUBMIT_PATH);
        PathItem read = api.getPaths().get(READ_PATH);
        boolean documented = false;
        if (submit != null && submit.getPost() != null) {
            describeSubmit(submit.getPost());
            documented = true;
        }
        if (read != null && read.getGet() != null) {
            describeRead(read.getGet());
            documented = true;
        }
        if (documented) {
            addComponents(api);
        }
    }

    private void describeSubmit(Operation operation) {
        operation.operationId("submitIntake").tags(List.of(TAG))
                .summary("Submit a patient's intake (a QuestionnaireResponse)")
                .description("""
                        Reads and validates the QuestionnaireResponse against the intake Questionnaire version it \
                        names (1.1.0, or 1.0.0; none means the current one), triages it, stores it with its \
                        delivery to the EHR and answers with the outcome. Only a patient can submit, about \
                        themselves: `subject` must be `Patient/<fhir_patient_id of the token>`, and a response \
                        without subject is taken as the sender's. A repeat with the same `Idempotency-Key` (or, \
                        without one, the same `identifier`) answers with the first submission.""")
                .requestBody(new RequestBody().required(true)
                        .description("The QuestionnaireResponse, FHIR R4 JSON, at most the plugin's "
                                + "intake.api.max-body-bytes (64 KB by default)")
                        .content(new Content()
                                .addMediaType(FHIR_JSON, requestMedia())
                                .addMediaType(JSON, requestMedia())))
                .responses(new ApiResponses()
                        .addApiResponse("201", intake("Accepted and stored: the triage outcome, delivery PENDING",
                                true))
                        .addApiResponse("200", intake("A repeat: the first submission with this Idempotency-Key "
                                + "(or identifier), unchanged", true))
                        .addApiResponse("400", outcome("Unparseable JSON (issue code malformed-json), or an "
                                + "Idempotency-Key that is not 1 to 200 visible ASCII characters"))
                        .addApiResponse("401", unauthorized())
                        .addApiResponse("403", new ApiResponse().description("The token is not a patient's "
                                + "(role patient): no body, the reason is in WWW-Authenticate. Or it names no patient "
                                + "(fhir_patient_id), or the response's subject is another patient: an "
                                + "OperationOutcome").content(fhirJson(OPERATION_OUTCOME)))
                        .addApiResponse("413", outcome("The body is over the size limit; it was not read"))
                        .addApiResponse("415", outcome("Not application/fhir+json or application/json"))
                        .addApiResponse("422", outcome("Not a valid intake response: one issue per problem, "
                                + "each with a stable code in issue.details.coding")));
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(parameter -> "Idempotency-Key".equals(parameter.getName()))
                    .forEach(parameter -> parameter.description("The caller's key for this intake, 1 to 200 visible "
                            + "ASCII characters: a repeat with the same key answers with the first submission"));
        }
        operation.security(List.of(new SecurityRequirement().addList(BEARER)));
    }

    private void describeRead(Operation operation) {
        operation.operationId("readIntake").tags(List.of(TAG))
                .summary("Read one submission's outcome and delivery state")
                .description("The submission as at submit time, with where its delivery to the EHR stands now. "
                        + "A patient reads their own submissions, a clinician any.")
                .responses(new ApiResponses()
                        .addApiResponse("200", intake("The submission, with its current delivery state", false))
                        .addApiResponse("401", unauthorized())
                        .addApiResponse("403", new ApiResponse().description("The token is neither a patient's nor a "
                                + "clinician's. No body; the reason is in WWW-Authenticate."))
                        .addApiResponse("404", outcome("No such submission, or another patient's")));
        if (operation.getParameters() != null) {
            operation.getParameters().stream().filter(parameter -> "id".equals(parameter.getName()))
                    .forEach(parameter -> parameter.description("The submission id, from the body or the Location "
                            + "of the answer to the submit"));
        }
        operation.security(List.of(new SecurityRequirement().addList(BEARER)));
    }

    private MediaType requestMedia() {
        MediaType media = new MediaType().schema(ref(QUESTIONNAIRE_RESPONSE));
        try {
            media.example(Json.mapper().readTree(exampleBody.get()));
        } catch (java.io.IOException | RuntimeException e) {
            // The documentation is still right without its example.
        }
        return media;
    }

    private static ApiResponse intake(String description, boolean location) {
        ApiResponse response = new ApiResponse().description(description)
                .content(new Content().addMediaType(JSON, new MediaType().schema(ref(INTAKE_VIEW))));
        return location ? response.addHeaderObject("Location", new Header()
                .description("/api/intakes/{id} of the submission").schema(new StringSchema())) : response;
    }

    private static ApiResponse outcome(String description) {
        return new ApiResponse().description(description).content(fhirJson(OPERATION_OUTCOME));
    }

    private static Content fhirJson(String schema) {
        return new Content().addMediaType(FHIR_JSON, new MediaType().schema(ref(schema)));
    }

    private static ApiResponse unauthorized() {
        return new ApiResponse().description("No bearer token, or one that is unsigned, expired, of another issuer "
                + "or without the intake-api audience. No body; the reason is in WWW-Authenticate.")
                .addHeaderObject("WWW-Authenticate", new Header().schema(new StringSchema()));
    }

    private static void addComponents(OpenAPI api) {
        if (api.getComponents() == null) {
            api.components(new Components());
        }
        Components components = api.getComponents();
        components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT")
                .description("An access token of the intake's issuer (intake.security.issuer-uri, Keycloak realm "
                        + "intake) with audience intake-api: realm role patient and claim fhir_patient_id to "
                        + "submit; role patient or clinician to read."));
        components.addSchemas(INTAKE_VIEW, intakeView());
        if (components.getSchemas().get(OPERATION_OUTCOME) == null) {
            components.addSchemas(OPERATION_OUTCOME, operationOutcome());
        }
        if (components.getSchemas().get(QUESTIONNAIRE_RESPONSE) == null) {
            components.addSchemas(QUESTIONNAIRE_RESPONSE, questionnaireResponse());
        }
    }

    private static Schema<?> intakeView() {
        return new ObjectSchema().description("One submission: its triage outcome and its delivery to the EHR")
                .addProperty("id", new StringSchema().description("The submission id, as in /api/intakes/{id}"))
                .addProperty("level", names(Level.values()).description("The triage level"))
                .addProperty("rules", new ArraySchema().items(new StringSchema())
                        .description("The red-flag rules that fired, most urgent first (e.g. INF-FEVER)"))
                .addProperty("ruleSet", new StringSchema().description("The rule set's version, e.g. 1.1.0"))
                .addProperty("advice", new ArraySchema().items(new StringSchema())
                        .description("What the patient is told, most important first"))
                .addProperty("delivery", names(DeliveryState.values()).description("Where delivery to the EHR stands"))
                .required(List.of("id", "level", "rules", "ruleSet", "advice", "delivery"));
    }

    private static Schema<?> operationOutcome() {
        Schema<?> coding = new ObjectSchema()
                .addProperty("system", new StringSchema().example(Problem.SYSTEM))
                .addProperty("code", new StringSchema().example(Problem.UNKNOWN_LINK_ID.code()));
        Schema<?> issue = new ObjectSchema()
                .addProperty("severity", enumOf("fatal", "error", "warning", "information"))
                .addProperty("code", new StringSchema().description("The FHIR issue type, e.g. invalid, required, "
                        + "forbidden, not-found, too-long, not-supported"))
                .addProperty("details", new ObjectSchema().addProperty("coding", new ArraySchema().items(coding))
                        .description("For an invalid response, the problem's stable code in " + Problem.SYSTEM + ": "
                                + String.join(", ", Arrays.stream(Problem.values()).map(Problem::code).toList())))
                .addProperty("diagnostics", new StringSchema().description("What is wrong, in words"))
                .addProperty("expression", new ArraySchema().items(new StringSchema())
                        .description("Where in the response (FHIRPath), when the problem has a place"));
        return new ObjectSchema().description("A FHIR R4 OperationOutcome: why the request was refused")
                .externalDocs(new ExternalDocumentation().url("https://hl7.org/fhir/R4/operationoutcome.html"))
                .addProperty("resourceType", enumOf("OperationOutcome"))
                .addProperty("issue", new ArraySchema().items(issue))
                .required(List.of("resourceType", "issue"));
    }

    private static Schema<?> questionnaireResponse() {
        return new ObjectSchema()
                .description("A FHIR R4 QuestionnaireResponse answering the intake Questionnaire "
                        + "http://example.org/fhir/Questionnaire/buttock-cramp-intake (version 1.1.0 or 1.0.0): "
                        + "items nested group, then question, by linkId")
                .externalDocs(new ExternalDocumentation()
                        .url("https://hl7.org/fhir/R4/questionnaireresponse.html"))
                .addProperty("resourceType", enumOf("QuestionnaireResponse"))
                .addProperty("questionnaire", new StringSchema()
                        .example("http://example.org/fhir/Questionnaire/buttock-cramp-intake|1.1.0"))
                .addProperty("status", enumOf("completed"))
                .addProperty("subject", new ObjectSchema().addProperty("reference",
                        new StringSchema().example("Patient/alex")))
                .addProperty("authored", new StringSchema().format("date-time"))
                .addProperty("identifier", new ObjectSchema().addProperty("system", new StringSchema())
                        .addProperty("value", new StringSchema()))
                .addProperty("item", new ArraySchema().items(new ObjectSchema()))
                .required(List.of("resourceType", "questionnaire", "status", "item"));
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    private static StringSchema names(Enum<?>[] values) {
        return enumOf(Arrays.stream(values).map(Enum::name).toArray(String[]::new));
    }

    private static StringSchema enumOf(String... values) {
        StringSchema schema = new StringSchema();
        schema.setEnum(List.of(values));
        return schema;
    }
}
