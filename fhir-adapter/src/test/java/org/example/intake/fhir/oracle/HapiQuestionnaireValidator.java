package org.example.intake.fhir.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;

/**
 * The oracle: HAPI's own {@link FhirInstanceValidator} (R4 base definitions, in-memory
 * terminology, common code systems, snapshot generation) with the intake Questionnaire, so
 * that a QuestionnaireResponse is checked against it the way HAPI checks it. Our own
 * validator is compared with this one in tests, and benchmarked against it.
 *
 * <p>Building an instance is slow (seconds: HAPI loads and indexes the base definitions);
 * the first validation is slow too. Build one and reuse it; it is safe to share between
 * threads once built.
 */
public final class HapiQuestionnaireValidator {

    /** Where the intake Questionnaire lives on the classpath (fhir-adapter main resources). */
    public static final String QUESTIONNAIRE_RESOURCE = "/fhir/Questionnaire-buttock-cramp-intake-1.2.0.json";

    /** Older versions of the intake Questionnaire, served beside it under their versioned canonicals. */
    public static final List<String> OLDER_QUESTIONNAIRE_RESOURCES =
            List.of("/fhir/Questionnaire-buttock-cramp-intake-1.1.0.json",
                    "/fhir/Questionnaire-buttock-cramp-intake-1.0.0.json");

    /** Where the intake CodeSystem lives on the classpath, if the project has one as a file. */
    public static final String CODE_SYSTEM_RESOURCE = "/fhir/CodeSystem-buttock-cramp-intake.json";
    /** SDC's launchContext CodeSystem (codes only), which the validator needs for the Questionnaire's launchContext. */
    static final String SDC_LAUNCH_CONTEXT_RESOURCE = "/fhir/oracle/CodeSystem-sdc-launchContext.json";

    private final FhirContext context;
    private final Questionnaire questionnaire;
    private final IntakeConformanceSupport intakeSupport;
    private final FhirValidator validator;

    /** An oracle for the intake Questionnaire at {@link #QUESTIONNAIRE_RESOURCE}. */
    public HapiQuestionnaireValidator() {
        this(QUESTIONNAIRE_RESOURCE);
    }

    /**
     * An oracle for the Questionnaire at this classpath resource. The intake CodeSystem at
     * {@link #CODE_SYSTEM_RESOURCE} is served too when it exists, and so is every CodeSystem
     * or ValueSet the Questionnaire contains that has a canonical url.
     *
     * @throws IllegalStateException if the resource is missing or is not a Questionnaire with a url
     */
    public HapiQuestionnaireValidator(String questionnaireResource) {
        this.context = FhirContext.forR4Cached();
        this.questionnaire = parse(requiredResource(questionnaireResource), questionnaireResource, Questionnaire.class);
        if (!questionnaire.hasUrl()) {
            throw new IllegalStateException(questionnaireResource + " has no canonical url");
        }

        List<MetadataResource> served = new ArrayList<>();
        served.add(questionnaire);
        for (String older : OLDER_QUESTIONNAIRE_RESOURCES) {
            if (!older.equals(questionnaireResource)) {
                served.add(parse(requiredResource(older), older, Questionnaire.class));
            }
        }
        // SDC's launch context codes, which the Questionnaire's population extensions use; the validator has no SDC
        // package, so the oracle serves this copy of SDC's CodeSystem (its codes only).
        served.add(parse(requiredResource(SDC_LAUNCH_CONTEXT_RESOURCE), SDC_LAUNCH_CONTEXT_RESOURCE, CodeSystem.class));
        String codeSystemJson = optionalResource(CODE_SYSTEM_RESOURCE);
        if (codeSystemJson != null) {
            served.add(parse(codeSystemJson, CODE_SYSTEM_RESOURCE, CodeSystem.class));
        }
        for (Resource contained : questionnaire.getContained()) {
            if (contained instanceof MetadataResource metadata && metadata.hasUrl()
                    && served.stream().noneMatch(r -> r.getUrl().equals(metadata.getUrl()))) {
                served.add(metadata);
            }
        }
        this.intakeSupport = new IntakeConformanceSupport(context, served);

        ValidationSupportChain chain = new ValidationSupportChain(
                intakeSupport,
                new DefaultProfileValidationSupport(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new SnapshotGeneratingValidationSupport(context));
        FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
        this.validator = context.newValidator().setValidateAgainstStandardSchema(false)
                .setValidateAgainstStandardSchematron(false)
                .registerValidatorModule(instanceValidator);
    }

    /** The Questionnaire responses are checked against, as loaded. */
    public Questionnaire questionnaire() {
        return questionnaire;
    }

    /** The canonicals the validator can resolve to the intake's own resources (bare and {@code |version}). */
    public List<String> servedCanonicals() {
        return intakeSupport.canonicals();
    }

    /** Validates a resource given as JSON text (HAPI reads the raw JSON, so unknown elements count). */
    public OperationOutcome validate(String json) {
        return (OperationOutcome) result(json).toOperationOutcome();
    }

    /** Validates an already parsed resource. */
    public OperationOutcome validate(IBaseResource resource) {
        return (OperationOutcome) result(resource).toOperationOutcome();
    }

    /** Every message HAPI gives for a resource given as JSON text, in HAPI's order. */
    public List<SingleValidationMessage> messages(String json) {
        return result(json).getMessages();
    }

    /** Every message HAPI gives for an already parsed resource, in HAPI's order. */
    public List<SingleValidationMessage> messages(IBaseResource resource) {
        return result(resource).getMessages();
    }

    /** Only the ERROR and FATAL messages for a resource given as JSON text. */
    public List<SingleValidationMessage> errors(String json) {
        return errorsOf(messages(json));
    }

    /** Only the ERROR and FATAL messages for an already parsed resource. */
    public List<SingleValidationMessage> errors(IBaseResource resource) {
        return errorsOf(messages(resource));
    }

    private ValidationResult result(String json) {
        return validator.validateWithResult(Objects.requireNonNull(json, "json"));
    }

    private ValidationResult result(IBaseResource resource) {
        return validator.validateWithResult(Objects.requireNonNull(resource, "resource"));
    }

    private static List<SingleValidationMessage> errorsOf(List<SingleValidationMessage> messages) {
        return messages.stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    private <T extends IBaseResource> T parse(String json, String name, Class<T> type) {
        try {
            return context.newJsonParser().parseResource(type, json);
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " is not a readable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String requiredResource(String name) {
        String text = optionalResource(name);
        if (text == null) {
            throw new IllegalStateException("classpath resource " + name + " not found");
        }
        return text;
    }

    private static String optionalResource(String name) {
        try (InputStream in = HapiQuestionnaireValidator.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + name, e);
        }
    }
}
