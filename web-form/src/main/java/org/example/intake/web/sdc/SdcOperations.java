package org.example.intake.web.sdc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import org.example.intake.fhir.IntakeQuestionnaire;
import org.example.intake.fhir.IntakeQuestionnaires;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.Problem;
import org.example.intake.fhir.ehr.EhrReadFailed;
import org.example.intake.fhir.extract.ResponseExtraction;
import org.example.intake.fhir.populate.IntakePopulation;
import org.example.intake.web.Refused;
import org.example.intake.web.security.Caller;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.http.HttpStatus;

/**
 * What the plugin's FHIR base does: the intake Questionnaire's versions (read, search), SDC {@code $extract} (the
 * transaction Bundle {@code ./intake extract} prints, through the same {@link ResponseExtraction}) and SDC
 * {@code $populate} (the patient's record read from the EHR, prefilled by fhir-adapter's {@link IntakePopulation}
 * through {@link RecordPrefill}, which audits the read).
 * Who may ask for which patient is decided here: a patient only for their own Patient, a clinician for any. Every
 * refusal is a {@link Refused} with its OperationOutcome.
 */
class SdcOperations {

    /** The logical id the current version is read by; each version is also read by its own id. */
    static final String QUESTIONNAIRE_ID = "buttock-cramp-intake";

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Set<String> POPULATE_PARAMETERS = Set.of("subject", "canonical", "questionnaire", "local");

    private final FhirContext fhir;
    private final IntakeReader reader;
    private final IntakeQuestionnaires questionnaires;
    private final ResponseExtraction extraction;
    private final RecordPrefill prefill;

    SdcOperations(FhirContext fhir, IntakeReader reader, IntakeQuestionnaires questionnaires,
            ResponseExtraction extraction, RecordPrefill prefill) {
        this.fhir = Objects.requireNonNull(fhir, "fhir");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.questionnaires = Objects.requireNonNull(questionnaires, "questionnaires");
        this.extraction = Objects.requireNonNull(extraction, "extraction");
        this.prefill = Objects.requireNonNull(prefill, "prefill");
    }

    /** The Questionnaire with this logical id: the current version, or a version by its own id. */
    Questionnaire questionnaire(String id) {
        if (QUESTIONNAIRE_ID.equals(id)) {
            Questionnaire current = questionnaires.current().resource().copy();
            current.setId(QUESTIONNAIRE_ID);
            return current;
        }
        return questionnaires.all().stream().map(IntakeQuestionnaire::resource)
                .filter(resource -> resource.getIdElement().getIdPart().equals(id)).findFirst()
                .map(Questionnaire::copy)
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, IssueType.NOTFOUND, "No Questionnaire " + id + "."));
    }

    /**
     * The versions that match (none given: all), current first, then older ones newest first, as a searchset.
     *
     * @param url     the canonical url, or null for any
     * @param version the version, or null for any
     * @param base    the FHIR base the entries' full URLs start with
     * @param self    the search's own URL
     */
    Bundle search(String url, String version, String base, String self) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.addLink().setRelation(Bundle.LINK_SELF).setUrl(self);
        List<IntakeQuestionnaire> versions = new ArrayList<>(questionnaires.all());
        versions.sort(Comparator.comparing((IntakeQuestionnaire q) -> q != questionnaires.current())
                .thenComparing(IntakeQuestionnaire::questionnaireVersion, Comparator.reverseOrder()));
        for (IntakeQuestionnaire questionnaire : versions) {
            if ((url == null || url.equals(questionnaire.url()))
                    && (version == null || version.equals(questionnaire.version()))) {
                Questionnaire resource = questionnaire.resource().copy();
                bundle.addEntry().setFullUrl(base + "/Questionnaire/" + resource.getIdElement().getIdPart())
                        .setResource(resource).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            }
        }
        return bundle.setTotal(bundle.getEntry().size());
    }

    /**
     * SDC $extract: the body is a QuestionnaireResponse, or Parameters with {@code questionnaire-response}.
     *
     * @return the transaction Bundle, exactly as {@code ./intake extract} makes it
     */
    Bundle extract(Caller caller, String body) {
        IBaseResource input = parse(body);
        QuestionnaireResponse response;
        if (input instanceof QuestionnaireResponse direct) {
            response = direct;
        } else if (input instanceof Parameters parameters) {
            response = parameter(parameters, "questionnaire-response").map(ParametersParameterComponent::getResource)
                    .filter(QuestionnaireResponse.class::isInstance).map(QuestionnaireResponse.class::cast)
                    .orElseThrow(() -> new Refused(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.REQUIRED,
                            "Parameters need a questionnaire-response parameter holding the QuestionnaireResponse."));
        } else {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.INVALID,
                    "Send a QuestionnaireResponse, or Parameters with questionnaire-response, not a "
                            + input.fhirType() + ".");
        }
        if (!caller.clinician()) {
            String own = caller.patientId().orElseThrow(() -> forbidden(
                    "Only a patient or a clinician can extract a response: the token names no patient."));
            if (response.hasSubject() && !("Patient/" + own).equals(response.getSubject().getReference())) {
                throw forbidden("A patient can extract only a response about themselves: its subject is another.");
            }
        }
        String json = input instanceof QuestionnaireResponse ? body
                : fhir.newJsonParser().encodeResourceToString(response);
        ResponseExtraction.Result result = extraction.extract(reader.read(json));
        if (result instanceof ResponseExtraction.Extracted extracted) {
            return extracted.bundle();
        }
        OperationOutcome outcome = ((ResponseExtraction.Refused) result).outcome();
        throw new Refused(malformed(outcome) ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY, outcome);
    }

    /**
     * SDC $populate: Parameters with {@code subject} (a Patient reference) and optionally {@code canonical} or
     * {@code questionnaire} (one of the intake Questionnaire's versions; none: the current one).
     *
     * @return Parameters with {@code response} and, when there are any, {@code issues}
     */
    Parameters populate(Caller caller, String body) {
        IBaseResource input = parse(body);
        if (!(input instanceof Parameters parameters)) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.INVALID,
                    "Send Parameters with subject (and optionally canonical or questionnaire), not a "
                            + input.fhirType() + ".");
        }
        for (ParametersParameterComponent parameter : parameters.getParameter()) {
            if (!POPULATE_PARAMETERS.contains(parameter.getName())) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.NOTSUPPORTED, "This server does not take"
                        + " the parameter \"" + parameter.getName() + "\": it populates from the EHR's record of the"
                        + " subject.");
            }
        }
        String patientId = subject(parameters);
        if (!caller.clinician() && !caller.patientId().filter(patientId::equals).isPresent()) {
            throw forbidden("A patient can populate a form only for themselves: subject names another patient.");
        }
        IntakeQuestionnaire questionnaire = questionnaireOf(parameters);
        IntakePopulation.Populated populated;
        try {
            populated = prefill.populate(caller.actor(), questionnaire, patientId, "Questionnaire $populate")
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                            "The EHR has no Patient " + patientId + "."));
        } catch (EhrReadFailed failed) {
            throw new Refused(HttpStatus.BAD_GATEWAY, IssueType.TRANSIENT,
                    "The EHR could not be read (" + failed.getMessage() + "); try again later.");
        }
        Parameters out = new Parameters();
        out.addParameter().setName("response").setResource(populated.response());
        if (populated.hasIssues()) {
            out.addParameter().setName("issues").setResource(populated.issues());
        }
        return out;
    }

    private String subject(Parameters parameters) {
        Reference subject = parameter(parameters, "subject").map(ParametersParameterComponent::getValue)
                .filter(Reference.class::isInstance).map(Reference.class::cast)
                .orElseThrow(() -> new Refused(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.REQUIRED,
                        "The subject parameter, a Reference to the Patient (valueReference), is required."));
        String reference = subject.getReference();
        if (reference == null || !reference.startsWith("Patient/")
                || !FHIR_ID.matcher(reference.substring("Patient/".length())).matches()) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.INVALID,
                    "The subject must be a reference Patient/<id>.");
        }
        return reference.substring("Patient/".length());
    }

    private IntakeQuestionnaire questionnaireOf(Parameters parameters) {
        Optional<ParametersParameterComponent> canonical = parameter(parameters, "canonical");
        Optional<ParametersParameterComponent> given = parameter(parameters, "questionnaire");
        if (canonical.isPresent() && given.isPresent()) {
            throw new Refused(HttpStatus.BAD_REQUEST, IssueType.INVALID,
                    "Name the Questionnaire once: canonical or questionnaire, not both.");
        }
        if (canonical.isPresent()) {
            String url = canonical.get().getValue() == null ? null : canonical.get().getValue().primitiveValue();
            return questionnaires.resolve(url).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                    "No Questionnaire " + url + " here."));
        }
        if (given.isPresent()) {
            if (!(given.get().getResource() instanceof Questionnaire questionnaire)) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.INVALID,
                        "The questionnaire parameter must hold a Questionnaire resource.");
            }
            String named = questionnaire.getUrl() + (questionnaire.hasVersion() ? "|" + questionnaire.getVersion() : "");
            return questionnaires.resolve(named).orElseThrow(() -> new Refused(HttpStatus.UNPROCESSABLE_ENTITY,
                    IssueType.NOTSUPPORTED, "This server populates only the intake Questionnaire's versions, not "
                            + named + "."));
        }
        return questionnaires.current();
    }

    private IBaseResource parse(String body) {
        if (body == null || body.isBlank()) {
            throw new Refused(HttpStatus.BAD_REQUEST, IssueType.INVALID, "The body is missing.");
        }
        try {
            return fhir.newJsonParser().parseResource(body);
        } catch (DataFormatException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, IssueType.INVALID, "The body is not a readable FHIR JSON resource.");
        }
    }

    private static Optional<ParametersParameterComponent> parameter(Parameters parameters, String name) {
        List<ParametersParameterComponent> named = parameters.getParameter().stream()
                .filter(parameter -> name.equals(parameter.getName())).toList();
        if (named.size() > 1) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.INVALID,
                    "The parameter " + name + " is given " + named.size() + " times; it takes one.");
        }
        return named.stream().findFirst();
    }

    private static boolean malformed(OperationOutcome outcome) {
        return outcome.getIssue().stream().anyMatch(issue -> issue.getDetails().getCoding().stream()
                .anyMatch(coding -> Problem.SYSTEM.equals(coding.getSystem())
                        && Problem.MALFORMED_JSON.code().equals(coding.getCode())));
    }

    private static Refused forbidden(String message) {
        return new Refused(HttpStatus.FORBIDDEN, IssueType.FORBIDDEN, message);
    }
}
