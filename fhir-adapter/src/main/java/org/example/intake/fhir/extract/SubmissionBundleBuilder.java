package org.example.intake.fhir.extract;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.RedFlagRule;
import org.example.intake.core.triage.TriageOutcome;
import org.example.intake.fhir.IntakeQuestionnaire;
import org.example.intake.fhir.IntakeQuestionnaires;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Builds the FHIR transaction Bundle for one submission (DESIGN.md section 5): the
 * QuestionnaireResponse, the extracted Observations, and, when the level calls for a referral,
 * a Flag and a ServiceRequest, then a Provenance pointing back to the response.
 *
 * <p>Every entry is idempotent, so delivering the Bundle again never duplicates anything: each
 * resource with an identifier is a conditional create ({@code ifNoneExist}) on an identifier
 * derived from the submission id; the Provenance, which has no identifier element, is a PUT to
 * an id derived from the submission id, with content that depends only on the submission. The
 * same submission always yields the same Bundle, byte for byte. Thread-safe.
 */
public final class SubmissionBundleBuilder {

    /** Identifier system of the QuestionnaireResponse: the value is the submission id. */
    public static final String SUBMISSION_SYSTEM = "http://example.org/fhir/sid/intake-submission";
    /** Identifier system of every resource derived from a submission: {@code <submission id>/<part>}. */
    public static final String RESOURCE_SYSTEM = "http://example.org/fhir/sid/intake-resource";
    /** Code system of the triage levels (Flag.code). */
    public static final String LEVEL_SYSTEM = "http://example.org/fhir/CodeSystem/buttock-cramp-triage-level";
    /** Code system of the red-flag rule ids (ServiceRequest.reasonCode). */
    public static final String RED_FLAG_SYSTEM = "http://example.org/fhir/CodeSystem/buttock-cramp-red-flag";

    static final String FLAG_PRIORITY = "http://hl7.org/fhir/StructureDefinition/flag-priority";
    static final String FLAG_PRIORITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-priority";
    static final String FLAG_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category";
    static final String SNOMED = "http://snomed.info/sct";

    private final Map<QuestionnaireVersion, ObservationExtractor> extractors = new EnumMap<>(QuestionnaireVersion.class);

    /** A builder for responses to every version of the standard intake Questionnaire. */
    public SubmissionBundleBuilder() {
        this(IntakeQuestionnaires.standard());
    }

    /** A builder for responses to these Questionnaire versions; each is extracted by its own version's items. */
    public SubmissionBundleBuilder(IntakeQuestionnaires questionnaires) {
        Objects.requireNonNull(questionnaires, "questionnaires");
        for (IntakeQuestionnaire questionnaire : questionnaires.all()) {
            extractors.put(questionnaire.questionnaireVersion(), new ObservationExtractor(questionnaire));
        }
    }

    /**
     * The transaction Bundle for this submission; never null.
     *
     * @throws IllegalArgumentException if the answers are to a Questionnaire version this builder does not hold
     */
    public Bundle build(Submission submission) {
        QuestionnaireVersion version = submission.answers().version();
        ObservationExtractor extractor = extractors.get(version);
        if (extractor == null) {
            throw new IllegalArgumentException("no Questionnaire " + version.code() + " to extract Observations by");
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String sid = submission.id();

        QuestionnaireResponse response = submission.response().copy();
        response.setId((String) null);
        response.setIdentifier(new Identifier().setSystem(SUBMISSION_SYSTEM).setValue(sid));
        String responseUrl = fullUrl(sid, "questionnaire-response");
        conditionalCreate(bundle, responseUrl, response, SUBMISSION_SYSTEM, sid);
        Reference responseRef = new Reference(responseUrl);

        Map<String, String> observationUrlByLinkId = new LinkedHashMap<>();
        List<String> targets = new ArrayList<>();
        targets.add(responseUrl);
        for (ObservationExtractor.Extracted extracted : extractor.extract(response, responseRef)) {
            String part = "observation/" + extracted.linkId() + "/" + extracted.answerIndex();
            Observation observation = extracted.observation();
            String value = sid + "/" + part;
            observation.addIdentifier().setSystem(RESOURCE_SYSTEM).setValue(value);
            String url = fullUrl(sid, part);
            conditionalCreate(bundle, url, observation, RESOURCE_SYSTEM, value);
            observationUrlByLinkId.putIfAbsent(extracted.linkId(), url);
            targets.add(url);
        }

        TriageOutcome outcome = submission.outcome();
        if (outcome.level().needsReferral()) {
            String flagUrl = fullUrl(sid, "flag");
            conditionalCreate(bundle, flagUrl, flag(submission), RESOURCE_SYSTEM, sid + "/flag");
            targets.add(flagUrl);
            String requestUrl = fullUrl(sid, "referral");
            ServiceRequest request = referral(submission, responseRef, observationUrlByLinkId);
            conditionalCreate(bundle, requestUrl, request, RESOURCE_SYSTEM, sid + "/referral");
            targets.add(requestUrl);
        }

        Provenance provenance = provenance(submission, targets, responseRef);
        bundle.addEntry()
                .setFullUrl(fullUrl(sid, "provenance"))
                .setResource(provenance)
                .getRequest().setMethod(HTTPVerb.PUT).setUrl("Provenance/" + provenance.getIdElement().getIdPart());
        return bundle;
    }

    /** The id the Provenance of a submission gets (a name-based UUID, stable for the submission). */
    public static String provenanceId(String submissionId) {
        return uuid(submissionId, "provenance").toString();
    }

    private Flag flag(Submission submission) {
        TriageOutcome outcome = submission.outcome();
        Level level = outcome.level();
        Flag flag = new Flag();
        flag.addIdentifier().setSystem(RESOURCE_SYSTEM).setValue(submission.id() + "/flag");
        flag.setStatus(Flag.FlagStatus.ACTIVE);
        flag.addCategory(new CodeableConcept(new Coding(FLAG_CATEGORY_SYSTEM, "clinical", "Clinical")));
        flag.setCode(new CodeableConcept(levelCoding(level))
                .setText("Buttock cramps: " + levelText(level) + " (" + String.join(", ", outcome.ruleIds()) + ")"));
        flag.setSubject(subject(submission));
        flag.setPeriod(new Period().setStart(Date.from(submission.triagedAt())));
        flag.addExtension(FLAG_PRIORITY, new CodeableConcept(flagPriority(level)));
        return flag;
    }

    private ServiceRequest referral(Submission submission, Reference responseRef, Map<String, String> observationUrls) {
        TriageOutcome outcome = submission.outcome();
        Level level = outcome.level();
        Instant start = submission.triagedAt();
        Duration window = level.referralWindow().orElseThrow();
        ServiceRequest request = new ServiceRequest();
        request.addIdentifier().setSystem(RESOURCE_SYSTEM).setValue(submission.id() + "/referral");
        request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setCode(new CodeableConcept(new Coding(SNOMED, "3457005", "Patient referral"))
                .setText("Clinician review of buttock cramps: " + levelText(level)));
        request.setPriority(switch (level) {
            case EMERGENCY -> ServiceRequest.ServiceRequestPriority.STAT;
            case URGENT -> ServiceRequest.ServiceRequestPriority.URGENT;
            default -> ServiceRequest.ServiceRequestPriority.ROUTINE;
        });
        request.setSubject(subject(submission));
        request.setAuthoredOn(Date.from(start));
        request.setOccurrence(new Period().setStart(Date.from(start)).setEnd(Date.from(start.plus(window))));
        List<String> evidence = new ArrayList<>();
        for (RedFlagRule rule : outcome.firedRules()) {
            request.addReasonCode(new CodeableConcept(new Coding(RED_FLAG_SYSTEM, rule.id(), rule.rationale())));
            for (Question question : rule.evidenceIn(submission.answers())) {
                String url = observationUrls.get(question.linkId());
                if (url != null && !evidence.contains(url)) {
                    evidence.add(url);
                }
            }
        }
        evidence.forEach(url -> request.addReasonReference(new Reference(url)));
        request.addSupportingInfo(responseRef.copy());
        request.addNote().setText("Triaged " + level + " by red-flag rule set " + outcome.ruleSetVersion() + ": "
                + String.join(", ", outcome.ruleIds()) + ".");
        return request;
    }

    private static Provenance provenance(Submission submission, List<String> targets, Reference responseRef) {
        Provenance provenance = new Provenance();
        provenance.setId(provenanceId(submission.id()));
        targets.forEach(url -> provenance.addTarget(new Reference(url)));
        provenance.setRecorded(Date.from(submission.triagedAt()));
        provenance.setActivity(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "CREATE", "create")));
        provenance.addAgent()
                .setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler")))
                .setWho(new Reference().setDisplay("Buttock-cramp intake, red-flag rule set "
                        + submission.outcome().ruleSetVersion()));
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(responseRef.copy());
        return provenance;
    }

    private static void conditionalCreate(Bundle bundle, String fullUrl, Resource resource, String system,
            String value) {
        BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl(resource.fhirType())
                .setIfNoneExist("identifier=" + system + "|" + value);
    }

    private static Reference subject(Submission submission) {
        return submission.response().getSubject().copy();
    }

    static Coding levelCoding(Level level) {
        return new Coding(LEVEL_SYSTEM, level.name(), levelText(level));
    }

    static String levelText(Level level) {
        return switch (level) {
            case EMERGENCY -> "emergency referral (within 4 hours)";
            case URGENT -> "urgent referral (within 24 hours)";
            case SOON -> "routine referral (within 14 days)";
            case SELF_CARE -> "self-care";
        };
    }

    private static Coding flagPriority(Level level) {
        return switch (level) {
            case EMERGENCY -> new Coding(FLAG_PRIORITY_SYSTEM, "PH", "High priority");
            case URGENT -> new Coding(FLAG_PRIORITY_SYSTEM, "PM", "Medium priority");
            default -> new Coding(FLAG_PRIORITY_SYSTEM, "PL", "Low priority");
        };
    }

    private static String fullUrl(String submissionId, String part) {
        return "urn:uuid:" + uuid(submissionId, part);
    }

    private static UUID uuid(String submissionId, String part) {
        return UUID.nameUUIDFromBytes((submissionId + "/" + part).getBytes(StandardCharsets.UTF_8));
    }
}
