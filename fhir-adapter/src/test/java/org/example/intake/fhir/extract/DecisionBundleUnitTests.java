package org.example.intake.fhir.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.example.intake.fhir.extract.DecisionCases.CLINICIAN;
import static org.example.intake.fhir.extract.DecisionCases.OVERRIDDEN_AT;
import static org.example.intake.fhir.extract.DecisionCases.REVIEWED_AT;
import static org.example.intake.fhir.extract.SubmissionBundleBuilderUnitTests.TRIAGED_AT;
import static org.example.intake.fhir.extract.SubmissionBundleBuilderUnitTests.resources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.Level;
import org.example.intake.fhir.Responses;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Bundle of a submission's current state once clinicians have reviewed it or overridden its level. */
class DecisionBundleUnitTests {

    private static final String FLAG_URL_PREFIX = "Flag?identifier=" + SubmissionBundleBuilder.RESOURCE_SYSTEM + "|";
    private static final String REFERRAL_URL_PREFIX =
            "ServiceRequest?identifier=" + SubmissionBundleBuilder.RESOURCE_SYSTEM + "|";
    private static final IParser JSON = FhirContext.forR4Cached().newJsonParser();
    /** Where {@code -Dgolden.update=true} writes the golden files: the module's test sources (the build runs in the module). */
    private static final Path GOLDEN_SOURCES = Path.of("src", "test", "resources", "golden");

    private final SubmissionBundleBuilder builder = new SubmissionBundleBuilder();

    @ParameterizedTest
    @ValueSource(strings = {"golden-self-care", "golden-emergency", "golden-soon"})
    void withoutDecision_theBundleIsByteForByteTheGoldenOne(String sid) throws IOException {
        // The golden files hold the Bundles of three responses to questionnaire 1.2.0 triaged by rule set
        // 1.2.0, without a decision, written on a UTC host (the triage's own times are encoded in the JVM's
        // default time zone). They change only on purpose: run this test with -Dgolden.update=true to
        // rewrite them from the builder, then read the diff (git diff src/test/resources/golden) before
        // committing it.
        assumeThat(TimeZone.getDefault().getOffset(TRIAGED_AT.toEpochMilli())).as("a UTC host").isZero();
        Submission submission = switch (sid) {
            case "golden-self-care" -> DecisionCases.selfCare(sid);
            case "golden-emergency" -> SubmissionBundleBuilderUnitTests.submission(sid,
                    Responses.benign().set(Question.SADDLE_NUMBNESS, true).set(Question.FEVER, true));
            default -> DecisionCases.soon(sid);
        };

        String json = JSON.encodeResourceToString(builder.build(submission));

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN_SOURCES.resolve(sid + ".json"), json + "\n", StandardCharsets.UTF_8);
        }
        assertThat(json + "\n").isEqualTo(Boolean.getBoolean("golden.update")
                ? Files.readString(GOLDEN_SOURCES.resolve(sid + ".json"), StandardCharsets.UTF_8) : golden(sid));
    }

    @Test
    void reviewOnly_closesTheFlagAtTheReview_keepsTheReferral_andAddsAReviewProvenance() {
        Submission plain = DecisionCases.emergency("sub-r");
        Bundle before = builder.build(plain);

        Bundle bundle = builder.build(plain.withDecision(ClinicalDecision.reviewed(DecisionCases.review())));

        Flag flag = only(bundle, Flag.class);
        Flag original = only(before, Flag.class);
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(flag.getPeriod().getStart().toInstant()).isEqualTo(TRIAGED_AT);
        assertThat(flag.getPeriod().getEnd().toInstant()).isEqualTo(REVIEWED_AT);
        assertThat(flag.getCode().getText()).isEqualTo(original.getCode().getText());
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("EMERGENCY");
        ServiceRequest request = only(bundle, ServiceRequest.class);
        ServiceRequest originalRequest = only(before, ServiceRequest.class);
        assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.STAT);
        assertThat(request.getOccurrencePeriod().equalsDeep(originalRequest.getOccurrencePeriod())).isTrue();
        assertThat(request.getNote()).hasSize(2);
        assertThat(request.getNote().get(0).getText()).isEqualTo(originalRequest.getNoteFirstRep().getText());
        Annotation reviewNote = request.getNote().get(1);
        assertThat(reviewNote.getAuthorStringType().getValue()).isEqualTo(CLINICIAN);
        assertThat(reviewNote.getTime().toInstant()).isEqualTo(REVIEWED_AT);
        assertThat(reviewNote.getText()).isEqualTo(
                "Reviewed by dr.ng at 2026-11-25T11:30:00Z. Note: Phoned the patient: numbness resolved.");
        assertThat(provenanceIds(bundle)).containsExactly(SubmissionBundleBuilder.provenanceId("sub-r"),
                SubmissionBundleBuilder.reviewProvenanceId("sub-r"));
    }

    @Test
    void aDecision_turnsFlagAndReferralIntoConditionalUpdatesOnTheSameIdentifiersAndFullUrls() {
        Submission plain = DecisionCases.emergency("sub-cu");
        Bundle before = builder.build(plain);

        Bundle bundle = builder.build(plain.withDecision(ClinicalDecision.reviewed(DecisionCases.review())));

        BundleEntryComponent flag = entry(bundle, Flag.class);
        assertThat(flag.getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
        assertThat(flag.getRequest().getUrl()).isEqualTo(FLAG_URL_PREFIX + "sub-cu/flag");
        assertThat(flag.getRequest().hasIfNoneExist()).isFalse();
        assertThat(flag.getResource().hasId()).isFalse();
        assertThat(flag.getFullUrl()).isEqualTo(entry(before, Flag.class).getFullUrl());
        assertThat(((Flag) flag.getResource()).getIdentifier()).singleElement()
                .satisfies(id -> assertThat(id.getValue()).isEqualTo("sub-cu/flag"));
        BundleEntryComponent request = entry(bundle, ServiceRequest.class);
        assertThat(request.getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
        assertThat(request.getRequest().getUrl()).isEqualTo(REFERRAL_URL_PREFIX + "sub-cu/referral");
        assertThat(request.getResource().hasId()).isFalse();
        assertThat(request.getFullUrl()).isEqualTo(entry(before, ServiceRequest.class).getFullUrl());
        assertThat(((ServiceRequest) request.getResource()).getIdentifierFirstRep().getValue())
                .isEqualTo("sub-cu/referral");
    }

    @Test
    void aDecision_leavesResponseObservationsAndTheTriagesProvenanceExactlyAsTheyWere() {
        for (Submission plain : List.of(DecisionCases.emergency("sub-same-1"), DecisionCases.selfCare("sub-same-2"))) {
            Bundle before = builder.build(plain);
            ClinicalDecision decision = ClinicalDecision.reviewed(DecisionCases.review())
                    .withOverride(DecisionCases.override(Level.URGENT));

            Bundle bundle = builder.build(plain.withDecision(decision));

            List<String> unchanged = before.getEntry().stream()
                    .filter(e -> !(e.getResource() instanceof Flag || e.getResource() instanceof ServiceRequest))
                    .map(JSON::encodeToString).toList();
            List<String> kept = bundle.getEntry().stream()
                    .filter(e -> !(e.getResource() instanceof Flag || e.getResource() instanceof ServiceRequest))
                    .limit(unchanged.size())
                    .map(JSON::encodeToString).toList();
            assertThat(kept).as(plain.id()).containsExactlyElementsOf(unchanged);
        }
    }

    @Test
    void overrideUp_fromSoonToEmergency_raisesFlagAndReferral_andRestartsTheWindowAtTheOverride() {
        Bundle bundle = builder.build(DecisionCases.soon("sub-up")
                .withDecision(ClinicalDecision.overridden(DecisionCases.override(Level.EMERGENCY))));

        Flag flag = only(bundle, Flag.class);
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(flag.getPeriod().hasEnd()).isFalse();
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("EMERGENCY");
        assertThat(flag.getCode().getText()).isEqualTo("Buttock cramps: emergency referral (within 4 hours), set by a"
                + " clinician; triage said routine referral (within 14 days) (PERSIST-WORSENING)");
        assertThat(flagPriority(flag)).isEqualTo("PH");
        ServiceRequest request = only(bundle, ServiceRequest.class);
        assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.STAT);
        assertThat(request.getCode().getText()).isEqualTo(
                "Clinician review of buttock cramps: emergency referral (within 4 hours)");
        assertThat(request.getOccurrencePeriod().getStart().toInstant()).isEqualTo(OVERRIDDEN_AT);
        assertThat(request.getOccurrencePeriod().getEnd().toInstant()).isEqualTo(OVERRIDDEN_AT.plus(Duration.ofHours(4)));
        assertThat(request.getAuthoredOn().toInstant()).isEqualTo(TRIAGED_AT);
        assertThat(request.getReasonCode()).extracting(c -> c.getCodingFirstRep().getCode())
                .containsExactly("PERSIST-WORSENING");
        assertThat(request.getReasonReference()).hasSize(1);
        assertThat(request.getNote()).extracting(Annotation::getText).containsExactly(
                "Triaged SOON by red-flag rule set 1.2.0: PERSIST-WORSENING.",
                "Level overridden by dr.ng at 2026-11-25T11:00:00Z: from SOON to EMERGENCY."
                        + " Reason: Examined in clinic; EMERGENCY fits better.");
        assertThat(request.getNote().get(1).getAuthorStringType().getValue()).isEqualTo(CLINICIAN);
        assertThat(request.getNote().get(1).getTime().toInstant()).isEqualTo(OVERRIDDEN_AT);
    }

    @Test
    void overrideDown_fromEmergencyToUrgent_lowersFlagAndReferral_keepingTheReasonsOfTheTriage() {
        Submission plain = DecisionCases.emergency("sub-down");
        ServiceRequest original = only(builder.build(plain), ServiceRequest.class);

        Bundle bundle = builder.build(plain.withDecision(ClinicalDecision.overridden(
                DecisionCases.override(Level.URGENT))));

        Flag flag = only(bundle, Flag.class);
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("URGENT");
        assertThat(flag.getCode().getText()).isEqualTo("Buttock cramps: urgent referral (within 24 hours), set by a"
                + " clinician; triage said emergency referral (within 4 hours) (CES-SADDLE)");
        assertThat(flagPriority(flag)).isEqualTo("PM");
        ServiceRequest request = only(bundle, ServiceRequest.class);
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
        // A downgrade never buys time: the URGENT window still runs from the triage.
        assertThat(request.getOccurrencePeriod().getStart().toInstant()).isEqualTo(TRIAGED_AT);
        assertThat(request.getOccurrencePeriod().getEnd().toInstant()).isEqualTo(TRIAGED_AT.plus(Duration.ofHours(24)));
        assertThat(request.getReasonCode()).hasSize(original.getReasonCode().size())
                .allSatisfy(code -> assertThat(original.getReasonCode()).anyMatch(code::equalsDeep));
        assertThat(request.getReasonReference()).extracting(Reference::getReference)
                .containsExactlyElementsOf(original.getReasonReference().stream().map(Reference::getReference).toList());
        assertThat(request.getNote().get(1).getText()).contains("from EMERGENCY to URGENT");
    }

    @Test
    void anOverrideToALessUrgentLevel_emergencyToSoon_keepsTheReferralWindowFromTheTriage() {
        Bundle bundle = builder.build(DecisionCases.emergency("sub-down-soon")
                .withDecision(ClinicalDecision.overridden(DecisionCases.override(Level.SOON))));

        ServiceRequest request = only(bundle, ServiceRequest.class);
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.ROUTINE);
        assertThat(request.getOccurrencePeriod().getStart().toInstant()).isEqualTo(TRIAGED_AT);
        assertThat(request.getOccurrencePeriod().getEnd().toInstant()).isEqualTo(TRIAGED_AT.plus(Duration.ofDays(14)));
    }

    @Test
    void anOverrideToAMoreUrgentLevel_soonToUrgent_startsTheReferralWindowAtTheOverride() {
        Bundle bundle = builder.build(DecisionCases.soon("sub-up-urgent")
                .withDecision(ClinicalDecision.overridden(DecisionCases.override(Level.URGENT))));

        ServiceRequest request = only(bundle, ServiceRequest.class);
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
        assertThat(request.getOccurrencePeriod().getStart().toInstant()).isEqualTo(OVERRIDDEN_AT);
        assertThat(request.getOccurrencePeriod().getEnd().toInstant())
                .isEqualTo(OVERRIDDEN_AT.plus(Duration.ofHours(24)));
    }

    @Test
    void aLaterOverride_isJudgedAgainstTheLevelItReplaced_notTheTriages() {
        // EMERGENCY, then SOON, then URGENT: raised from SOON, so from the override.
        ClinicalDecision.Override raisedFromSoon = new ClinicalDecision.Override(Level.URGENT, "Worse on the phone.",
                OVERRIDDEN_AT, CLINICIAN, Optional.of(Level.SOON));
        // SOON, then EMERGENCY, then URGENT: lowered from EMERGENCY, so still from the triage.
        ClinicalDecision.Override loweredFromEmergency = new ClinicalDecision.Override(Level.URGENT,
                "Examined: not an emergency.", OVERRIDDEN_AT, CLINICIAN, Optional.of(Level.EMERGENCY));

        ServiceRequest raised = only(builder.build(DecisionCases.emergency("sub-raised-again")
                .withDecision(ClinicalDecision.overridden(raisedFromSoon))), ServiceRequest.class);
        ServiceRequest lowered = only(builder.build(DecisionCases.soon("sub-lowered-again")
                .withDecision(ClinicalDecision.overridden(loweredFromEmergency))), ServiceRequest.class);

        assertThat(raised.getOccurrencePeriod().getStart().toInstant()).isEqualTo(OVERRIDDEN_AT);
        assertThat(raised.getOccurrencePeriod().getEnd().toInstant()).isEqualTo(OVERRIDDEN_AT.plus(Duration.ofHours(24)));
        assertThat(lowered.getOccurrencePeriod().getStart().toInstant()).isEqualTo(TRIAGED_AT);
        assertThat(lowered.getOccurrencePeriod().getEnd().toInstant()).isEqualTo(TRIAGED_AT.plus(Duration.ofHours(24)));
    }

    @Test
    void theReferralsOccurrenceIsTheDecisionsReferralWindow_theOneTheQueueTakesItsDueTimeFrom() {
        for (Submission submission : DecisionCases.all().values()) {
            Bundle bundle = builder.build(submission);
            if (resources(bundle, ServiceRequest.class).isEmpty()) {
                continue; // self-care, never overridden: no referral at all
            }
            ServiceRequest request = only(bundle, ServiceRequest.class);
            Level effective = submission.decision().effectiveLevel(submission.outcome().level());
            Optional<ReferralWindow> window = submission.decision().referralWindow(submission.triagedAt(),
                    submission.outcome().level());
            if (effective.needsReferral()) {
                assertThat(request.getOccurrencePeriod().getStart().toInstant()).as(submission.id())
                        .isEqualTo(window.orElseThrow().start());
                assertThat(request.getOccurrencePeriod().getEnd().toInstant()).as(submission.id())
                        .isEqualTo(window.orElseThrow().end());
            } else {
                assertThat(window).as(submission.id()).isEmpty();
            }
        }
    }

    @Test
    void overrideToSelfCare_closesTheFlagAtTheOverride_andRevokesTheReferral() {
        Submission plain = DecisionCases.emergency("sub-sc");
        ServiceRequest original = only(builder.build(plain), ServiceRequest.class);

        Bundle bundle = builder.build(plain.withDecision(ClinicalDecision.overridden(
                DecisionCases.override(Level.SELF_CARE))));

        Flag flag = only(bundle, Flag.class);
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(flag.getPeriod().getEnd().toInstant()).isEqualTo(OVERRIDDEN_AT);
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("SELF_CARE");
        assertThat(flag.getCode().getText()).startsWith("Buttock cramps: self-care, set by a clinician; triage said"
                + " emergency referral");
        ServiceRequest request = only(bundle, ServiceRequest.class);
        assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
        assertThat(request.getCode().getText()).endsWith(": self-care");
        assertThat(request.getOccurrencePeriod().equalsDeep(original.getOccurrencePeriod())).isTrue();
        assertThat(request.getNote().get(1).getText()).contains("from EMERGENCY to SELF_CARE");
    }

    @Test
    void aSelfCareSubmissionOverriddenToUrgent_getsFlagAndReferralByConditionalUpdate_whileItsTriageProvenanceStays() {
        Submission plain = DecisionCases.selfCare("sub-raise");
        Bundle before = builder.build(plain);

        Bundle bundle = builder.build(plain.withDecision(ClinicalDecision.overridden(
                DecisionCases.override(Level.URGENT))));

        assertThat(resources(before, Flag.class)).isEmpty();
        BundleEntryComponent flagEntry = entry(bundle, Flag.class);
        assertThat(flagEntry.getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
        assertThat(flagEntry.getRequest().getUrl()).isEqualTo(FLAG_URL_PREFIX + "sub-raise/flag");
        Flag flag = (Flag) flagEntry.getResource();
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(flag.getCode().getText()).isEqualTo("Buttock cramps: urgent referral (within 24 hours), set by a"
                + " clinician; triage said self-care (no red-flag rule fired)");
        BundleEntryComponent requestEntry = entry(bundle, ServiceRequest.class);
        assertThat(requestEntry.getRequest().getUrl()).isEqualTo(REFERRAL_URL_PREFIX + "sub-raise/referral");
        ServiceRequest request = (ServiceRequest) requestEntry.getResource();
        assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
        assertThat(request.getOccurrencePeriod().getEnd().toInstant()).isEqualTo(OVERRIDDEN_AT.plus(Duration.ofHours(24)));
        assertThat(request.getReasonCode()).isEmpty();
        assertThat(request.getReasonReference()).isEmpty();
        assertThat(request.getNote().get(0).getText()).isEqualTo(
                "Triaged SELF_CARE by red-flag rule set 1.2.0: no red-flag rule fired.");
        Provenance triage = provenance(bundle, SubmissionBundleBuilder.provenanceId("sub-raise"));
        assertThat(JSON.encodeResourceToString(triage))
                .isEqualTo(JSON.encodeResourceToString(only(before, Provenance.class)));
        assertThat(provenance(bundle, SubmissionBundleBuilder.overrideProvenanceId("sub-raise")).getTarget())
                .extracting(Reference::getReference).containsExactly(flagEntry.getFullUrl(), requestEntry.getFullUrl());
    }

    @Test
    void aLevelRaisedByANewerRuleSet_reachesTheEhrAsAnOverrideAuthoredByTheRuleSet_notByAClinician() {
        Submission plain = DecisionCases.selfCare("sub-rules");
        ClinicalDecision.Override raise = ClinicalDecision.Override.byRuleSet(Level.URGENT, "1.2.0",
                "Raised to URGENT by rule set 1.2.0: FORM-INCOMPLETE", OVERRIDDEN_AT);

        Bundle bundle = builder.build(plain.withDecision(ClinicalDecision.overridden(raise)));

        assertThat(raise.by()).isEqualTo("rule set 1.2.0");
        assertThat(raise.isByRuleSet()).isTrue();
        assertThat(DecisionCases.override(Level.URGENT).isByRuleSet()).isFalse();
        Flag flag = (Flag) entry(bundle, Flag.class).getResource();
        assertThat(flag.getCode().getText()).isEqualTo("Buttock cramps: urgent referral (within 24 hours), raised by"
                + " rule set 1.2.0; triage said self-care (no red-flag rule fired)");
        ServiceRequest request = (ServiceRequest) entry(bundle, ServiceRequest.class).getResource();
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
        assertThat(request.getNote()).extracting(n -> n.getText()).anySatisfy(text -> assertThat(text)
                .startsWith("Level raised by rule set 1.2.0 at").contains("FORM-INCOMPLETE"));
        Provenance provenance = provenance(bundle, SubmissionBundleBuilder.overrideProvenanceId("sub-rules"));
        assertThat(provenance.getActivity().getText()).isEqualTo("Triage level raised by a newer red-flag rule set");
        assertThat(provenance.getAgentFirstRep().getWho().getDisplay()).isEqualTo("rule set 1.2.0");
    }

    @Test
    void reviewAndOverride_bothShow_andTheFlagClosesAtTheEarlierOfReviewAndOverrideToSelfCare() {
        Submission plain = DecisionCases.emergency("sub-both");
        ClinicalDecision downAndReviewed = ClinicalDecision.reviewed(DecisionCases.review())
                .withOverride(DecisionCases.override(Level.URGENT));
        ClinicalDecision reviewedFirstThenSelfCare = new ClinicalDecision(
                Optional.of(new ClinicalDecision.Review(OVERRIDDEN_AT.minusSeconds(600), CLINICIAN)),
                Optional.of(DecisionCases.override(Level.SELF_CARE)));
        ClinicalDecision selfCareFirstThenReviewed = ClinicalDecision.reviewed(DecisionCases.review())
                .withOverride(DecisionCases.override(Level.SELF_CARE));

        Bundle bundle = builder.build(plain.withDecision(downAndReviewed));

        Flag flag = only(bundle, Flag.class);
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(flag.getPeriod().getEnd().toInstant()).isEqualTo(REVIEWED_AT);
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("URGENT");
        ServiceRequest request = only(bundle, ServiceRequest.class);
        assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
        assertThat(request.getNote()).extracting(Annotation::getText).satisfiesExactly(
                triage -> assertThat(triage).startsWith("Triaged EMERGENCY"),
                override -> assertThat(override).startsWith("Level overridden by dr.ng"),
                review -> assertThat(review).startsWith("Reviewed by dr.ng"));
        assertThat(provenanceIds(bundle)).containsExactly(SubmissionBundleBuilder.provenanceId("sub-both"),
                SubmissionBundleBuilder.reviewProvenanceId("sub-both"),
                SubmissionBundleBuilder.overrideProvenanceId("sub-both"));
        assertThat(only(builder.build(plain.withDecision(reviewedFirstThenSelfCare)), Flag.class).getPeriod().getEnd()
                .toInstant()).isEqualTo(OVERRIDDEN_AT.minusSeconds(600));
        assertThat(only(builder.build(plain.withDecision(selfCareFirstThenReviewed)), Flag.class).getPeriod().getEnd()
                .toInstant()).isEqualTo(OVERRIDDEN_AT);
    }

    @Test
    void decisionProvenances_nameTheClinicianAsAuthorOfAnUpdateAtTheDecisionsTime() {
        Submission plain = DecisionCases.emergency("sub-prov");
        Bundle bundle = builder.build(plain.withDecision(ClinicalDecision.reviewed(DecisionCases.review())
                .withOverride(DecisionCases.override(Level.URGENT))));
        String responseUrl = bundle.getEntryFirstRep().getFullUrl();
        List<String> flagAndReferral = List.of(entry(bundle, Flag.class).getFullUrl(),
                entry(bundle, ServiceRequest.class).getFullUrl());

        for (String id : List.of(SubmissionBundleBuilder.reviewProvenanceId("sub-prov"),
                SubmissionBundleBuilder.overrideProvenanceId("sub-prov"))) {
            BundleEntryComponent entry = bundle.getEntry().stream()
                    .filter(e -> e.getResource() instanceof Provenance p && p.getIdElement().getIdPart().equals(id))
                    .findFirst().orElseThrow();
            Provenance provenance = (Provenance) entry.getResource();
            assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
            assertThat(entry.getRequest().getUrl()).isEqualTo("Provenance/" + id);
            assertThat(entry.getFullUrl()).isEqualTo("urn:uuid:" + id);
            assertThat(provenance.getTarget()).extracting(Reference::getReference)
                    .containsExactlyElementsOf(flagAndReferral);
            assertThat(provenance.getActivity().getCodingFirstRep().getCode()).isEqualTo("UPDATE");
            assertThat(provenance.getActivity().getCodingFirstRep().getSystem())
                    .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-DataOperation");
            assertThat(provenance.getAgent()).singleElement().satisfies(agent -> {
                assertThat(agent.getType().getCodingFirstRep().getCode()).isEqualTo("author");
                assertThat(agent.getWho().getDisplay()).isEqualTo(CLINICIAN);
                assertThat(agent.getWho().hasReference()).isFalse();
            });
            assertThat(provenance.getEntity()).singleElement().satisfies(entity -> {
                assertThat(entity.getRole()).isEqualTo(Provenance.ProvenanceEntityRole.SOURCE);
                assertThat(entity.getWhat().getReference()).isEqualTo(responseUrl);
            });
        }
        assertThat(provenance(bundle, SubmissionBundleBuilder.reviewProvenanceId("sub-prov")).getRecorded()
                .toInstant()).isEqualTo(REVIEWED_AT);
        assertThat(provenance(bundle, SubmissionBundleBuilder.overrideProvenanceId("sub-prov")).getRecorded()
                .toInstant()).isEqualTo(OVERRIDDEN_AT);
    }

    @Test
    void decisionProvenanceIds_areNameBasedUuidsOfTheSubmissionIdAndPart() {
        assertThat(SubmissionBundleBuilder.reviewProvenanceId("sub-1")).isEqualTo(UUID.nameUUIDFromBytes(
                "sub-1/provenance/review".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(SubmissionBundleBuilder.overrideProvenanceId("sub-1")).isEqualTo(UUID.nameUUIDFromBytes(
                "sub-1/provenance/override".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(SubmissionBundleBuilder.reviewProvenanceId("sub-1"))
                .isNotEqualTo(SubmissionBundleBuilder.reviewProvenanceId("sub-2"))
                .isNotEqualTo(SubmissionBundleBuilder.overrideProvenanceId("sub-1"))
                .isNotEqualTo(SubmissionBundleBuilder.provenanceId("sub-1"));
    }

    @Test
    void aReviewedSelfCareSubmission_getsNoFlagNorReferral_andItsReviewProvenanceTargetsTheResponse() {
        Bundle bundle = builder.build(DecisionCases.selfCare("sub-seen")
                .withDecision(ClinicalDecision.reviewed(DecisionCases.review())));

        assertThat(resources(bundle, Flag.class)).isEmpty();
        assertThat(resources(bundle, ServiceRequest.class)).isEmpty();
        assertThat(provenance(bundle, SubmissionBundleBuilder.reviewProvenanceId("sub-seen")).getTarget())
                .extracting(Reference::getReference).containsExactly(bundle.getEntryFirstRep().getFullUrl());
    }

    @Test
    void aSelfCareSubmissionOverriddenToSelfCare_stillSendsAnInactiveFlagAndARevokedReferral() {
        // It replaces whatever an earlier override to a referral level made, so that it does not stay active.
        Bundle bundle = builder.build(DecisionCases.selfCare("sub-back")
                .withDecision(ClinicalDecision.overridden(DecisionCases.override(Level.SELF_CARE))));

        assertThat(only(bundle, Flag.class).getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(entry(bundle, Flag.class).getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
        ServiceRequest request = only(bundle, ServiceRequest.class);
        assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
        assertThat(request.hasOccurrence()).as("no level asked for a window").isFalse();
    }

    @Test
    void sameSubmissionAndDecision_giveTheSameBundle_byteForByte_andAnotherDecisionAnotherOne() {
        var first = DecisionCases.all();
        var again = DecisionCases.all(); // parsed, triaged and decided anew: no shared instances

        for (String name : first.keySet()) {
            String once = JSON.encodeResourceToString(builder.build(first.get(name)));
            String twice = JSON.encodeResourceToString(new SubmissionBundleBuilder().build(again.get(name)));
            String undecided = JSON.encodeResourceToString(builder.build(first.get(name)
                    .withDecision(ClinicalDecision.NONE)));

            assertThat(twice).as(name).isEqualTo(once);
            assertThat(undecided).as(name).isNotEqualTo(once);
        }
        Submission emergency = DecisionCases.emergency("sub-det");
        String reviewed = JSON.encodeResourceToString(builder.build(emergency.withDecision(
                ClinicalDecision.reviewed(DecisionCases.review()))));
        String reviewedLater = JSON.encodeResourceToString(builder.build(emergency.withDecision(ClinicalDecision.reviewed(
                new ClinicalDecision.Review(REVIEWED_AT.plusSeconds(1), CLINICIAN, DecisionCases.review().note())))));
        assertThat(reviewedLater).isNotEqualTo(reviewed);
    }

    private static String golden(String sid) throws IOException {
        try (InputStream in = DecisionBundleUnitTests.class.getResourceAsStream("/golden/" + sid + ".json")) {
            assertThat(in).as("golden file for " + sid).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String flagPriority(Flag flag) {
        return ((CodeableConcept) flag.getExtensionByUrl(SubmissionBundleBuilder.FLAG_PRIORITY).getValue())
                .getCodingFirstRep().getCode();
    }

    private static <T> T only(Bundle bundle, Class<T> type) {
        List<T> found = resources(bundle, type);
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static BundleEntryComponent entry(Bundle bundle, Class<?> type) {
        return bundle.getEntry().stream().filter(e -> type.isInstance(e.getResource())).findFirst().orElseThrow();
    }

    private static List<String> provenanceIds(Bundle bundle) {
        return resources(bundle, Provenance.class).stream().map(p -> p.getIdElement().getIdPart()).toList();
    }

    private static Provenance provenance(Bundle bundle, String id) {
        return resources(bundle, Provenance.class).stream().filter(p -> p.getIdElement().getIdPart().equals(id))
                .findFirst().orElseThrow();
    }
}
