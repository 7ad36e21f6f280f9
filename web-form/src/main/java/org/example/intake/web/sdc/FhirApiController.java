package org.example.intake.web.sdc;

import java.util.Date;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.example.intake.web.ApiDocs;
import org.example.intake.web.FhirErrors;
import org.example.intake.web.IntakeApi;
import org.example.intake.web.Refused;
import org.example.intake.web.security.Caller;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The plugin's FHIR base, {@code /api/fhir} (docs/web-form.md, "The FHIR base and SDC"): the intake Questionnaire, SDC's
 * {@code $populate} and {@code $extract}, and the CapabilityStatement. FHIR JSON in and out; the work and who may
 * ask are {@link SdcOperations}'s, and refusals are OperationOutcomes ({@link IntakeApi}).
 */
@RestController
@IntakeApi
@RequestMapping(path = "/api/fhir", produces = { ApiDocs.FHIR_JSON, ApiDocs.JSON })
@Tag(name = "FHIR", description = "The intake Questionnaire and SDC's $populate and $extract, as FHIR R4 JSON")
class FhirApiController {

    private static final String JSON_BODIES = "application/fhir+json, application/json";

    private final SdcOperations operations;
    private final Date started = new Date();

    FhirApiController(SdcOperations operations) {
        this.operations = operations;
    }

    @GetMapping("/metadata")
    @Operation(operationId = "fhirCapabilities", summary = "The FHIR base's CapabilityStatement",
            description = "What this FHIR base serves: Questionnaire read and search, Questionnaire $populate and "
                    + "QuestionnaireResponse $extract with SDC's OperationDefinitions. Open to anyone, as FHIR "
                    + "clients read it before they sign in.",
            responses = @ApiResponse(responseCode = "200", description = "The CapabilityStatement",
                    content = @Content(mediaType = ApiDocs.FHIR_JSON)))
    CapabilityStatement metadata() {
        return Capabilities.of(base(), started);
    }

    @GetMapping("/Questionnaire/{id}")
    @ApiDocs.Bearer
    @Operation(operationId = "readQuestionnaire", summary = "Read the intake Questionnaire",
            description = "`buttock-cramp-intake` is the current version; each version is also read by its own id "
                    + "(`buttock-cramp-intake-1.2.0`, `-1.1.0`, `-1.0.0`). A patient or a clinician.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The Questionnaire",
                            content = @Content(mediaType = ApiDocs.FHIR_JSON)),
                    @ApiResponse(responseCode = "404", description = "No Questionnaire with this id") })
    Questionnaire read(@Parameter(description = "The Questionnaire's logical id") @PathVariable("id") String id) {
        return operations.questionnaire(id);
    }

    @GetMapping("/Questionnaire")
    @ApiDocs.Bearer
    @Operation(operationId = "searchQuestionnaires", summary = "Search the intake Questionnaire's versions",
            description = "A searchset Bundle: the versions with this canonical url (and version, when given), the "
                    + "current one first and older ones after it; none given, every version. Another url or version "
                    + "finds none. A patient or a clinician.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The searchset Bundle",
                            content = @Content(mediaType = ApiDocs.FHIR_JSON)),
                    @ApiResponse(responseCode = "400", description = "A search parameter other than url, version "
                            + "and _format, or one given twice") })
    Bundle search(@Parameter(description = "The canonical url, "
            + "http://example.org/fhir/Questionnaire/buttock-cramp-intake") @RequestParam(name = "url", required = false)
            String url,
            @Parameter(description = "The version, e.g. 1.2.0") @RequestParam(name = "version", required = false)
            String version,
            @Parameter(hidden = true) @RequestParam Map<String, String> all, HttpServletRequest request) {
        for (String name : all.keySet()) {
            if (!name.equals("url") && !name.equals("version") && !name.equals("_format")) {
                throw new Refused(HttpStatus.BAD_REQUEST, IssueType.NOTSUPPORTED,
                        "Questionnaire is searched by url and version only, not " + name + ".");
            }
            if (request.getParameterValues(name).length > 1) {
                throw new Refused(HttpStatus.BAD_REQUEST, IssueType.INVALID, name + " is given twice.");
            }
        }
        return operations.search(url, version, base(),
                ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString());
    }

    @PostMapping("/QuestionnaireResponse/$extract")
    @ApiDocs.Bearer
    @Operation(operationId = "extractResponse", summary = "SDC $extract: the transaction Bundle of a response",
            description = """
                    SDC's QuestionnaireResponse $extract \
                    (http://hl7.org/fhir/uv/sdc/OperationDefinition/QuestionnaireResponse-extract), type level: the \
                    body is the QuestionnaireResponse, or Parameters with `questionnaire-response`. The answer is \
                    the transaction Bundle the EHR would get for it, exactly what `./intake extract` prints for the \
                    same response (Observations, the triage's RiskAssessment, Flag and ServiceRequest, Provenance). \
                    Nothing is stored or sent. The response needs a subject and authored. A patient extracts only \
                    responses about themselves; a clinician any.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "A QuestionnaireResponse or Parameters, FHIR R4 JSON (" + JSON_BODIES + ")",
                    content = @Content(mediaType = ApiDocs.FHIR_JSON,
                            schema = @Schema(implementation = ApiDocs.QuestionnaireResponse.class))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "The transaction Bundle",
                            content = @Content(mediaType = ApiDocs.FHIR_JSON)),
                    @ApiResponse(responseCode = "400", description = "Not FHIR JSON"),
                    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE),
                    @ApiResponse(responseCode = "415", description = "Not application/fhir+json or application/json"),
                    @ApiResponse(responseCode = "422", description = "Not a valid intake response, without subject or "
                            + "authored, or Parameters without questionnaire-response: one issue per problem") })
    Bundle extract(@RequestBody(required = false) String body,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type", required = false) String contentType,
            @Parameter(hidden = true) Authentication authentication) {
        return operations.extract(Caller.of(authentication), fhirJson(contentType, body));
    }

    @PostMapping("/Questionnaire/$populate")
    @ApiDocs.Bearer
    @Operation(operationId = "populateQuestionnaire", summary = "SDC $populate: the form prefilled from the EHR",
            description = """
                    SDC's Questionnaire $populate (http://hl7.org/fhir/uv/sdc/OperationDefinition/Questionnaire-populate), \
                    type level: Parameters with `subject` (valueReference Patient/<id>) and optionally `canonical` \
                    or `questionnaire` (one of the intake Questionnaire's versions; none: the current one). Reads \
                    the patient's record from the EHR and answers Parameters with `response`, an in-progress \
                    QuestionnaireResponse with every item and only what the record shows answered (age, cancer \
                    history, blood thinners, osteoporosis or long-term steroids; never a warning sign), each \
                    prefilled item marked with the extension intake-prefilled-from, and `issues` when there are any. \
                    A patient populates only for themselves; a clinician for any patient.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "Parameters, FHIR R4 JSON (" + JSON_BODIES + ")",
                    content = @Content(mediaType = ApiDocs.FHIR_JSON)),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Parameters with response (and issues)",
                            content = @Content(mediaType = ApiDocs.FHIR_JSON)),
                    @ApiResponse(responseCode = "400", description = "Not FHIR JSON, or both canonical and "
                            + "questionnaire"),
                    @ApiResponse(responseCode = "404", description = "No such Patient in the EHR, or a canonical that "
                            + "names no Questionnaire here"),
                    @ApiResponse(responseCode = "413", description = ApiDocs.TOO_LARGE),
                    @ApiResponse(responseCode = "415", description = "Not application/fhir+json or application/json"),
                    @ApiResponse(responseCode = "422", description = "Not Parameters, no subject or not a Patient "
                            + "reference, another Questionnaire, or a parameter this server does not take"),
                    @ApiResponse(responseCode = "502", description = "The EHR could not be read") })
    Parameters populate(@RequestBody(required = false) String body,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type", required = false) String contentType,
            @Parameter(hidden = true) Authentication authentication) {
        return operations.populate(Caller.of(authentication), fhirJson(contentType, body));
    }

    /**
     * The body, when it came as FHIR JSON. Checked here rather than with {@code consumes}: a mapping that does not
     * match has no handler yet, so its 415 would not be answered by the API's refusals as an OperationOutcome.
     */
    private static String fhirJson(String contentType, String body) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type == null || !(type.isCompatibleWith(FhirErrors.FHIR_JSON) || type.isCompatibleWith(
                MediaType.APPLICATION_JSON)) || type.isWildcardType() || type.isWildcardSubtype()) {
            throw new Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, IssueType.NOTSUPPORTED,
                    "Send the body as application/fhir+json or application/json.");
        }
        return body;
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/fhir").build().toUriString();
    }
}
