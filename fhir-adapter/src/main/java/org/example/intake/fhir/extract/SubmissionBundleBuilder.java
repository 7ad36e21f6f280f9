package org.example.intake.fhir.extract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Stream;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
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
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds the FHIR transaction Bundle for one submission (the README's "What goes to the EHR"): the
 * QuestionnaireResponse, the extracted Observations, and, when the level calls for a referral,
 * a Flag and a ServiceRequest, then a Provenance pointing back to the response.
 *
 * <p>Every entry is idempotent, so delivering the Bundle again never duplicates anything: each
 * resource with an identifier is a conditional create ({@code ifNoneExist}) on an identifier
 * derived from the submission id; the Provenance, which has no identifier element, is a PUT to
 * an id derived from the submission id, with content that depends only on the submission. The
 * same submission always yields the same Bundle, byte for byte. Thread-safe.
 *
 * <p>A submission with a {@link ClinicalDecision} other than {@link ClinicalDecision#NONE} gives
 * the Bundle of its current state, which the EHR is to follow: the Flag and the ServiceRequest
 * become conditional updates ({@code PUT Flag?identifier=...}), which create them when the first
 * delivery never arrived and replace them otherwise, and each part of the decision adds a
 * Provenance of its own. See {@link #build(Submission)}.
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

    private static final String REVIEW_PROVENANCE = "provenance/review";
    private static final String OVERRIDE_PROVENANCE = "provenance/override";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

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
     * <p>With {@link ClinicalDecision#NONE} it is the Bundle of the triage alone. With a decision,
     * the effective level is the override's, else the triaged one, and:
     * <ul>
     * <li>the Flag and the ServiceRequest are in the Bundle when the triaged or the effective level
     *     needs a referral, or when there is an override at all (an override back to self-care must
     *     still revoke what an earlier override to a referral level made); each is a conditional
     *     update on the same identifier the conditional create of the first delivery used, with the
     *     same fullUrl;</li>
     * <li>the Flag's code, text and priority follow the effective level, and its text keeps the
     *     triaged level and rules; it is inactive once reviewed or when the effective level needs no
     *     referral, its period then ending at the earlier of those decisions;</li>
     * <li>the ServiceRequest's priority and code text follow the effective level; its occurrence is
     *     the {@link ReferralWindow} that holds (the queue's due time is its end): with an override to
     *     a more urgent level than the one it replaced it starts at the override, with one to a less
     *     urgent level at the triage, and lasts the effective level's window; it is revoked when the
     *     effective level needs no referral (keeping the triage's window); its reasons stay the triage's, and a
     *     note records the override and the review beside the triage's note;</li>
     * <li>the triage's Provenance stays as it is; the review and the override each add a Provenance
     *     (a PUT to {@link #reviewProvenanceId(String)} resp. {@link #overrideProvenanceId(String)})
     *     naming the clinician as author and targeting the Flag and the ServiceRequest, or the
     *     QuestionnaireResponse when there are none.</li>
     * </ul>
     * Everything derives from the submission's stored values, so the same submission with the same
     * decision gives the same Bundle, byte for byte.
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

        Level triaged = submission.outcome().level();
        ClinicalDecision decision = submission.decision();
        List<String> decisionTargets = new ArrayList<>();
        if (triaged.needsReferral() || decision.effectiveLevel(triaged).needsReferral()
                || decision.override().isPresent()) {
            String flagUrl = fullUrl(sid, "flag");
            String requestUrl = fullUrl(sid, "referral");
            Flag flag = flag(submission);
            ServiceRequest request = referral(submission, responseRef, observationUrlByLinkId);
            if (decision.isNone()) {
                conditionalCreate(bundle, flagUrl, flag, RESOURCE_SYSTEM, sid + "/flag");
                conditionalCreate(bundle, requestUrl, request, RESOURCE_SYSTEM, sid + "/referral");
            } else {
                conditionalUpdate(bundle, flagUrl, flag, RESOURCE_SYSTEM, sid + "/flag");
                conditionalUpdate(bundle, requestUrl, request, RESOURCE_SYSTEM, sid + "/referral");
            }
            if (triaged.needsReferral()) {
                // The triage's own Provenance names what the triage made, whatever was decided later.
                targets.add(flagUrl);
                targets.add(requestUrl);
            }
            decisionTargets.add(flagUrl);
            decisionTargets.add(requestUrl);
        } else {
            decisionTargets.add(responseUrl);
        }

        put(bundle, fullUrl(sid, "provenance"), provenance(submission, targets, responseRef));
        decision.review().ifPresent(review -> put(bundle, fullUrl(sid, REVIEW_PROVENANCE),
                decisionProvenance(reviewProvenanceId(sid), decisionTargets, review.at(), review.by(),
                        "Clinical review of the triage", responseRef)));
        decision.override().ifPresent(override -> put(bundle, fullUrl(sid, OVERRIDE_PROVENANCE),
                decisionProvenance(overrideProvenanceId(sid), decisionTargets, override.at(), override.by(),
                        override.isByRuleSet() ? "Triage level raised by a newer red-flag rule set"
                                : "Triage level overridden by a clinician", responseRef)));
        return bundle;
    }

    /** The id the Provenance of a submission gets (a name-based UUID, stable for the submission). */
    public static String provenanceId(String submissionId) {
        return uuid(submissionId, "provenance").toString();
    }

    /**
     * The id the Provenance of a submission's review gets: a name-based UUID of
     * {@code <submission id>/provenance/review}, stable for the submission, so a later review replaces it.
     */
    public static String reviewProvenanceId(String submissionId) {
        return uuid(submissionId, REVIEW_PROVENANCE).toString();
    }

    /**
     * The id the Provenance of a submission's level override gets: a name-based UUID of
     * {@code <submission id>/provenance/override}, stable for the submission, so a later override replaces it.
     */
    public static String overrideProvenanceId(String submissionId) {
        return uuid(submissionId, OVERRIDE_PROVENANCE).toString();
    }

    private Flag flag(Submission submission) {
        TriageOutcome outcome = submission.outcome();
        ClinicalDecision decision = submission.decision();
        Level level = decision.effectiveLevel(outcome.level());
        Optional<Instant> closedAt = flagClosedAt(decision, level);
        Flag flag = new Flag();
        flag.addIdentifier().setSystem(RESOURCE_SYSTEM).setValue(submission.id() + "/flag");
        flag.setStatus(closedAt.isPresent() ? Flag.FlagStatus.INACTIVE : Flag.FlagStatus.ACTIVE);
        flag.addCategory(new CodeableConcept(new Coding(FLAG_CATEGORY_SYSTEM, "clinical", "Clinical")));
        String triage = levelText(outcome.level()) + " (" + rulesText(outcome) + ")";
        flag.setCode(new CodeableConcept(levelCoding(level)).setText("Buttock cramps: " + (decision.override().isEmpty()
                ? triage : levelText(level) + (decision.override().get().isByRuleSet()
                        ? ", raised by " + decision.override().get().by() : ", set by a clinician")
                        + "; triage said " + triage)));
        flag.setSubject(subject(submission));
        Period period = new Period().setStart(Date.from(submission.triagedAt()));
        closedAt.ifPresent(end -> period.setEndElement(dateTime(end)));
        flag.setPeriod(period);
        flag.addExtension(FLAG_PRIORITY, new CodeableConcept(flagPriority(level)));
        return flag;
    }

    /** When the Flag stopped being a live alert: the earlier of the review and an override to no referral. */
    private static Optional<Instant> flagClosedAt(ClinicalDecision decision, Level effective) {
        Optional<Instant> reviewed = decision.review().map(ClinicalDecision.Review::at);
        Optional<Instant> noReferral = effective.needsReferral() ? Optional.empty()
                : decision.override().map(ClinicalDecision.Override::at);
        return Stream.of(reviewed, noReferral).flatMap(Optional::stream).min(Instant::compareTo);
    }

    private ServiceRequest referral(Submission submission, Reference responseRef, Map<String, String> observationUrls) {
        TriageOutcome outcome = submission.outcome();
        ClinicalDecision decision = submission.decision();
        Level level = decision.effectiveLevel(outcome.level());
        Instant start = submission.triagedAt();
        ServiceRequest request = new ServiceRequest();
        request.addIdentifier().setSystem(RESOURCE_SYSTEM).setValue(submission.id() + "/referral");
        request.setStatus(level.needsReferral() ? ServiceRequest.ServiceRequestStatus.ACTIVE
                : ServiceRequest.ServiceRequestStatus.REVOKED);
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
        Optional<ClinicalDecision.Override> override = decision.override();
        Optional<ReferralWindow> window = decision.referralWindow(start, outcome.level());
        if (override.isPresent() && window.isPresent()) {
            request.setOccurrence(new Period().setStartElement(dateTime(window.get().start()))
                    .setEndElement(dateTime(window.get().end())));
        } else {
            // No override (the triage's window, written as before), or one to self-care: the window the triage
            // asked for, the request being revoked then; none for a self-care triage overridden to self-care.
            ReferralWindow.triaged(start, outcome.level()).ifPresent(triage -> request.setOccurrence(
                    new Period().setStart(Date.from(triage.start())).setEnd(Date.from(triage.end()))));
        }
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
        request.addNote().setText("Triaged " + outcome.level() + " by red-flag rule set " + outcome.ruleSetVersion()
                + ": " + rulesText(outcome) + ".");
        override.ifPresent(o -> request.addNote().setAuthor(new StringType(o.by()))
                .setTimeElement(dateTime(o.at()))
                .setText("Level " + (o.isByRuleSet() ? "raised" : "overridden") + " by " + o.by() + " at " + text(o.at()) + ": from " + outcome.level()
                        + " to " + o.level() + ". Reason: " + o.reason()));
        decision.review().ifPresent(r -> request.addNote().setAuthor(new StringType(r.by()))
                .setTimeElement(dateTime(r.at()))
                .setText("Reviewed by " + r.by() + " at " + text(r.at()) + "." + r.note().map(n -> " Note: " + n)
                        .orElse("")));
        return request;
    }

    /**
     * A Provenance of one part of a clinical decision: the clinician as author of an update of the
     * targets, at the decision's time, from the QuestionnaireResponse.
     */
    private static Provenance decisionProvenance(String id, List<String> targets, Instant at, String by,
            String activity, Reference responseRef) {
        Provenance provenance = new Provenance();
        provenance.setId(id);
        targets.forEach(url -> provenance.addTarget(new Reference(url)));
        provenance.setRecordedElement(new InstantType(Date.from(at), TemporalPrecisionEnum.MILLI, UTC));
        provenance.setActivity(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-DataOperation", "UPDATE", "revise"))
                .setText(activity));
        provenance.addAgent()
                .setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")))
                .setWho(new Reference().setDisplay(by));
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(responseRef.copy());
        return provenance;
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

    private static void put(Bundle bundle, String fullUrl, Provenance provenance) {
        bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(provenance)
                .getRequest().setMethod(HTTPVerb.PUT).setUrl("Provenance/" + provenance.getIdElement().getIdPart());
    }

    /** Creates the resource when nothing has the identifier, replaces the one that has it otherwise. */
    private static void conditionalUpdate(Bundle bundle, String fullUrl, Resource resource, String system,
            String value) {
        BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest()
                .setMethod(HTTPVerb.PUT)
                .setUrl(resource.fhirType() + "?identifier=" + system + "|" + value);
    }

    private static void conditionalCreate(Bundle bundle, String fullUrl, Resource resource, String system,
            String value) {
        BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl(resource.fhirType())
                .setIfNoneExist("identifier=" + system + "|" + value);
    }

    /** The fired rules' ids, or words saying none fired (a self-care triage that a clinician overrode). */
    private static String rulesText(TriageOutcome outcome) {
        return outcome.ruleIds().isEmpty() ? "no red-flag rule fired" : String.join(", ", outcome.ruleIds());
    }

    /** A dateTime in UTC to the second, written the same on every host whatever its time zone. */
    private static DateTimeType dateTime(Instant at) {
        return new DateTimeType(Date.from(at), TemporalPrecisionEnum.SECOND, UTC);
    }

    /** The same instant as {@link #dateTime(Instant)}, for a note's text. */
    private static String text(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
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
