package org.example.intake.fhir.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.core.triage.TriageOutcome;
import org.example.intake.fhir.IntakeQuestionnaire;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.Responses;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

class SubmissionBundleBuilderUnitTests {

    static final Instant TRIAGED_AT = Instant.parse("2026-11-25T10:16:00Z");

    private final SubmissionBundleBuilder builder = new SubmissionBundleBuilder();

    @Test
    void selfCareSubmission_givesResponseObservationsAndProvenance_butNoReferral() {
        Bundle bundle = builder.build(submission("sub-1", Responses.benign()));

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(types(bundle)).startsWith("QuestionnaireResponse").endsWith("Provenance")
                .doesNotContain("Flag", "ServiceRequest");
        long alwaysAsked = Stream.of(Question.values()).filter(q -> q.isAskedIn(QuestionnaireVersion.CURRENT))
                .filter(q -> q.enabledWhenAnyTrue().isEmpty()).filter(q -> q != Question.NOTES).count();
        assertThat(resources(bundle, Observation.class)).hasSize((int) alwaysAsked);
    }

    @Test
    void everyEntryButProvenance_isAConditionalCreateOnAnIdentifierFromTheSubmissionId() {
        Bundle bundle = builder.build(submission("sub-2", Responses.benign().set(Question.FEVER, true)));

        for (BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Provenance provenance) {
                assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
                assertThat(entry.getRequest().getUrl()).isEqualTo("Provenance/" + SubmissionBundleBuilder.provenanceId("sub-2"));
                assertThat(provenance.getIdElement().getIdPart()).isEqualTo(SubmissionBundleBuilder.provenanceId("sub-2"));
                continue;
            }
            assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.POST);
            assertThat(entry.getRequest().getIfNoneExist()).startsWith("identifier=http://example.org/fhir/sid/")
                    .contains("|sub-2");
            assertThat(entry.getFullUrl()).startsWith("urn:uuid:");
        }
        assertThat(bundle.getEntry()).extracting(e -> e.getRequest().getIfNoneExist()).doesNotHaveDuplicates();
    }

    @Test
    void sameSubmission_givesTheSameBundle_andAnotherSubmissionOtherIdentifiers() {
        String first = encode(builder.build(submission("sub-3", Responses.benign().set(Question.FEVER, true))));
        String again = encode(builder.build(submission("sub-3", Responses.benign().set(Question.FEVER, true))));
        String other = encode(builder.build(submission("sub-4", Responses.benign().set(Question.FEVER, true))));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first).doesNotContain("sub-3");
    }

    @Test
    void observations_followSdcExtraction() {
        Bundle bundle = builder.build(submission("sub-5", Responses.benign().set(Question.PAIN_SEVERITY, 6)));
        String responseUrl = bundle.getEntryFirstRep().getFullUrl();

        List<Observation> observations = resources(bundle, Observation.class);

        assertThat(observations).allSatisfy(observation -> {
            assertThat(observation.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
            assertThat(observation.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("survey");
            assertThat(observation.getDerivedFromFirstRep().getReference()).isEqualTo(responseUrl);
            assertThat(observation.getSubject().getReference()).isEqualTo("Patient/alex");
            assertThat(observation.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-11-25T10:15:00Z");
            assertThat(observation.getIssued()).isEqualTo(Instant.parse("2026-11-25T10:15:00Z"));
        });
        Observation pain = observationWithCode(observations, "72514-3");
        assertThat(pain.getValueIntegerType().getValue()).isEqualTo(6);
        Observation age = observationWithCode(observations, "age");
        assertThat(age.getValueQuantity()).extracting(Quantity::getCode, Quantity::getSystem)
                .containsExactly("a", "http://unitsofmeasure.org");
        Observation onset = observationWithCode(observations, "onset");
        assertThat(onset.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("days");
    }

    @Test
    void unansweredDisabledAndFreeTextItems_makeNoObservation() {
        Bundle bundle = builder.build(submission("sub-6", Responses.benign().remove(Question.FOOTWEAR)
                .set(Question.NOTES, "sore after gardening")));

        assertThat(resources(bundle, Observation.class)).extracting(o -> o.getCode().getCoding().get(o.getCode()
                .getCoding().size() - 1).getCode())
                .doesNotContain("footwear", "notes", "radiates-below-knee", "weakness-progressing", "pain-both-legs",
                        "numbness-both-legs", "numbness-worsening", "weakness-both-legs");
    }

    @Test
    void urgentSubmission_getsAnActiveFlagAndAnUrgentReferralCitingTheRedFlagObservation() {
        Bundle bundle = builder.build(submission("sub-7", Responses.benign().set(Question.FEVER, true)));

        Flag flag = resources(bundle, Flag.class).get(0);
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(flag.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("clinical");
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("URGENT");
        assertThat(flag.getCode().getText()).contains("urgent", "INF-FEVER");
        assertThat(flag.getExtensionByUrl(SubmissionBundleBuilder.FLAG_PRIORITY).getValue())
                .satisfies(v -> assertThat(((org.hl7.fhir.r4.model.CodeableConcept) v).getCodingFirstRep().getCode())
                        .isEqualTo("PM"));
        ServiceRequest request = resources(bundle, ServiceRequest.class).get(0);
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
        assertThat(request.getCode().getCodingFirstRep().getCode()).isEqualTo("3457005");
        assertThat(request.getOccurrencePeriod().getStart().toInstant()).isEqualTo(TRIAGED_AT);
        assertThat(request.getOccurrencePeriod().getEnd().toInstant()).isEqualTo(TRIAGED_AT.plusSeconds(24 * 3600));
        String feverUrl = fullUrlOf(bundle, observationWithCode(resources(bundle, Observation.class), "386661006"));
        assertThat(request.getReasonReference()).extracting(Reference::getReference).containsExactly(feverUrl);
        assertThat(request.getReasonCode()).extracting(c -> c.getCodingFirstRep().getCode()).containsExactly("INF-FEVER");
    }

    @Test
    void referralPriorityAndWindow_followTheLevel() {
        ServiceRequest emergency = resources(builder.build(submission("sub-8",
                Responses.benign().set(Question.SADDLE_NUMBNESS, true))), ServiceRequest.class).get(0);
        ServiceRequest soon = resources(builder.build(submission("sub-9",
                Responses.benign().set(Question.PATTERN, "worsening"))), ServiceRequest.class).get(0);

        assertThat(emergency.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.STAT);
        assertThat(emergency.getOccurrencePeriod().getEnd().toInstant()).isEqualTo(TRIAGED_AT.plusSeconds(4 * 3600));
        assertThat(soon.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.ROUTINE);
        assertThat(soon.getOccurrencePeriod().getEnd().toInstant()).isEqualTo(TRIAGED_AT.plusSeconds(14 * 24 * 3600));
    }

    @Test
    void provenance_targetsEveryOtherEntry_andNamesTheResponseAsSource() {
        Bundle bundle = builder.build(submission("sub-10", Responses.benign().set(Question.FEVER, true)));

        Provenance provenance = resources(bundle, Provenance.class).get(0);
        List<String> others = bundle.getEntry().stream().filter(e -> !(e.getResource() instanceof Provenance))
                .map(BundleEntryComponent::getFullUrl).toList();
        assertThat(provenance.getTarget()).extracting(Reference::getReference).containsExactlyElementsOf(others);
        assertThat(provenance.getEntityFirstRep().getWhat().getReference()).isEqualTo(bundle.getEntryFirstRep().getFullUrl());
        assertThat(provenance.getRecorded().toInstant()).isEqualTo(TRIAGED_AT);
    }

    @Test
    void submission_refusesAnUnsafeIdOrAMissingSubject() {
        IntakeReading.Accepted accepted = accepted(Responses.benign());
        TriageOutcome outcome = new TriageEngine().triage(accepted.answers());
        QuestionnaireResponse noSubject = accepted.response().copy().setSubject(null);

        assertThatThrownBy(() -> new Submission("a/b", accepted.response(), accepted.answers(), outcome, TRIAGED_AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Submission("ok", noSubject, accepted.answers(), outcome, TRIAGED_AT))
                .hasMessageContaining("subject");
    }

    @Test
    void aSubmissionWithoutAnAuthoredTime_isRefused() {
        IntakeReading.Accepted accepted = accepted(Responses.benign());
        accepted.response().setAuthoredElement(null);

        assertThatIllegalArgumentException().isThrownBy(() -> new Submission("sub-1", accepted.response(),
                accepted.answers(), new TriageEngine().triage(accepted.answers()), TRIAGED_AT))
                .withMessageContaining("authored");
    }

    @Test
    void aResponseTo1_0_0_isExtractedByTheItemsOf1_0_0() {
        Bundle old = builder.build(submission("sub-old", Responses.benign1_0_0()));
        Bundle current = builder.build(submission("sub-new", Responses.benign()));

        assertThat(resources(old, QuestionnaireResponse.class).get(0).getQuestionnaire()).endsWith("|1.0.0");
        assertThat(resources(old, Observation.class)).extracting(SubmissionBundleBuilderUnitTests::localCode)
                .doesNotContain("can-bear-weight", "standing", "blood-thinners", "pregnant").contains("fever");
        assertThat(resources(current, Observation.class)).extracting(SubmissionBundleBuilderUnitTests::localCode)
                .contains("standing", "pregnant", "blood-thinners", "fever").doesNotContain("can-bear-weight");
    }

    @Test
    void aResponseTo1_1_0_isExtractedByTheItemsOf1_1_0_withItsRetiredQuestions() {
        Bundle old = builder.build(submission("sub-1-1", Responses.benign1_1_0().set(Question.RADIATES, true)
                .set(Question.RADIATES_BELOW_KNEE, false).set(Question.BOTH_LEGS, false)));

        assertThat(resources(old, QuestionnaireResponse.class).get(0).getQuestionnaire()).endsWith("|1.1.0");
        assertThat(resources(old, Observation.class)).extracting(SubmissionBundleBuilderUnitTests::localCode)
                .contains("can-bear-weight", "both-legs", "blood-thinners")
                .doesNotContain("standing", "pain-both-legs", "pregnant");
    }

    @Test
    void standing_becomesAnObservationWithTheChosenCodeInTheIntakesCodeSystem() {
        Bundle bundle = builder.build(submission("sub-standing", Responses.benign()
                .setRaw(Question.STANDING, new Coding().setCode("cannot-stand"))));

        Observation standing = observationWithCode(resources(bundle, Observation.class), "standing");

        assertThat(standing.getValueCodeableConcept().getCoding()).singleElement().satisfies(coding -> {
            assertThat(coding.getSystem()).isEqualTo(CodedAnswer.SYSTEM);
            assertThat(coding.getCode()).isEqualTo("cannot-stand");
            assertThat(coding.getDisplay()).isEqualTo("No, I can't");
        });
        assertThat(standing.getCode().getCoding()).extracting(Coding::getSystem).containsOnly(CodedAnswer.SYSTEM);
    }

    @Test
    void aReferralForNotStanding_citesTheStandingObservation() {
        Bundle bundle = builder.build(submission("sub-no-stand", Responses.benign().set(Question.STANDING, "cannot-stand")));

        ServiceRequest request = resources(bundle, ServiceRequest.class).get(0);

        assertThat(request.getReasonCode()).extracting(c -> c.getCodingFirstRep().getCode())
                .containsExactly("WEIGHT-BEARING-LOST");
        assertThat(request.getReasonReference()).extracting(Reference::getReference).containsExactly(
                fullUrlOf(bundle, observationWithCode(resources(bundle, Observation.class), "standing")));
    }

    @Test
    void aReferralForA1_1_0Response_citesTheRetiredQuestionsTheRulesReadTheirAnswersFrom() {
        Bundle bundle = builder.build(submission("sub-1-1-both", Responses.benign1_1_0().set(Question.RADIATES, true)
                .set(Question.RADIATES_BELOW_KNEE, false).set(Question.BOTH_LEGS, true)
                .set(Question.CAN_BEAR_WEIGHT, false)));
        List<Observation> observations = resources(bundle, Observation.class);

        ServiceRequest request = resources(bundle, ServiceRequest.class).get(0);

        assertThat(request.getReasonCode()).extracting(c -> c.getCodingFirstRep().getCode())
                .containsExactly("CES-BILATERAL-SCIATICA", "WEIGHT-BEARING-LOST");
        assertThat(request.getReasonReference()).extracting(Reference::getReference).containsExactly(
                fullUrlOf(bundle, observationWithCode(observations, "both-legs")),
                fullUrlOf(bundle, observationWithCode(observations, "can-bear-weight")));
    }

    @Test
    void aReferralForA1_0_0Response_saysItWasTriagedFormIncomplete() {
        Bundle bundle = builder.build(submission("sub-1-0", Responses.benign1_0_0()));

        ServiceRequest request = resources(bundle, ServiceRequest.class).get(0);

        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
        assertThat(request.getReasonCode()).extracting(c -> c.getCodingFirstRep().getCode())
                .containsExactly("FORM-INCOMPLETE");
        assertThat(request.getNoteFirstRep().getText())
                .isEqualTo("Triaged URGENT by red-flag rule set 1.2.0: FORM-INCOMPLETE.");
    }

    /** The intake's local code, which every extracted Observation carries last. */
    private static String localCode(Observation observation) {
        return observation.getCode().getCoding().get(observation.getCode().getCoding().size() - 1).getCode();
    }

    static Submission submission(String id, Responses responses) {
        IntakeReading.Accepted accepted = accepted(responses);
        TriageOutcome outcome = new TriageEngine().triage(accepted.answers());
        return new Submission(id, accepted.response(), accepted.answers(), outcome, TRIAGED_AT);
    }

    static IntakeReading.Accepted accepted(Responses responses) {
        IntakeReading reading = new IntakeReader().read(responses.json());
        assertThat(reading).isInstanceOf(IntakeReading.Accepted.class);
        return (IntakeReading.Accepted) reading;
    }

    static <T> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static List<String> types(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().fhirType()).toList();
    }

    private static Observation observationWithCode(List<Observation> observations, String code) {
        return observations.stream().filter(o -> o.getCode().getCoding().stream().anyMatch(c -> c.getCode().equals(code)))
                .findFirst().orElseThrow();
    }

    private static String fullUrlOf(Bundle bundle, Object resource) {
        return bundle.getEntry().stream().filter(e -> e.getResource() == resource).findFirst().orElseThrow().getFullUrl();
    }

    private static String encode(Bundle bundle) {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
    }

    static Level levelOf(Bundle bundle) {
        return resources(bundle, Flag.class).stream().findFirst()
                .map(flag -> Level.valueOf(flag.getCode().getCodingFirstRep().getCode())).orElse(Level.SELF_CARE);
    }
}
