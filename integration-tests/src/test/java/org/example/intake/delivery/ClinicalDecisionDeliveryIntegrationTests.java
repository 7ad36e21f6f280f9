package org.example.intake.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.example.intake.core.triage.Level;
import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditEventBundleBuilder;
import org.example.intake.fhir.audit.AuditRecord;
import org.example.intake.fhir.extract.ClinicalDecision;
import org.example.intake.fhir.extract.Submission;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.example.intake.fhir.ehr.DeliveryResult;
import org.example.intake.fhir.ehr.EhrClient;
import org.example.intake.fhir.ehr.EhrSettings;
import org.example.intake.testsupport.TestStack;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A submission re-delivered with clinicians' decisions to the real HAPI FHIR JPA sandbox: the EHR's Flag and
 * ServiceRequest follow the decision, nothing is duplicated, and delivering the same state again writes nothing.
 * The clinicians' audit trail goes the same way: one AuditEvent per record, however often it is delivered.
 */
class ClinicalDecisionDeliveryIntegrationTests {

    private static final Instant OVERRIDDEN_AT = Deliveries.TRIAGED_AT.plus(Duration.ofMinutes(50));
    private static final Instant REVIEWED_AT = Deliveries.TRIAGED_AT.plus(Duration.ofMinutes(40));

    private static EhrClient client;
    private static IGenericClient fhir;

    @BeforeAll
    static void connect() {
        client = new EhrClient(EhrSettings.open(URI.create(TestStack.ehrSandbox().baseUrl())));
        fhir = client.fhir();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aReviewOfAnEmergency_closesTheFlagInPlace_andTheSameStateDeliveredAgainWritesNothing() {
        Submission triaged = emergency("it-decision-review");
        DeliveryResult.Delivered first = delivered(Deliveries.bundle(triaged));
        Submission reviewed = triaged.withDecision(ClinicalDecision.reviewed(
                new ClinicalDecision.Review(REVIEWED_AT, "dr.ng", Optional.of("Seen in clinic."))));

        DeliveryResult.Delivered second = delivered(Deliveries.bundle(reviewed));

        Flag flag = only(Flag.class, "Flag", "it-decision-review/flag");
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(flag.getPeriod().getEnd().toInstant()).isEqualTo(REVIEWED_AT);
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("EMERGENCY");
        ServiceRequest request = only(ServiceRequest.class, "ServiceRequest", "it-decision-review/referral");
        assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        assertThat(request.getNote()).extracting(n -> n.getText()).anySatisfy(text -> assertThat(text)
                .startsWith("Reviewed by dr.ng").endsWith("Seen in clinic."));
        assertThat(locationOf(second, "Flag")).isEqualTo(locationOf(first, "Flag")).isEqualTo("Flag/" + id(flag));
        assertThat(locationOf(second, "ServiceRequest")).isEqualTo(locationOf(first, "ServiceRequest"));
        Provenance review = fhir.read().resource(Provenance.class)
                .withId(SubmissionBundleBuilder.reviewProvenanceId("it-decision-review")).execute();
        assertThat(review.getTarget()).extracting(t -> t.getReference()).containsExactly(
                "Flag/" + id(flag), "ServiceRequest/" + id(request));
        assertThat(review.getAgentFirstRep().getWho().getDisplay()).isEqualTo("dr.ng");

        Map<String, String> versions = versions(second);
        DeliveryResult.Delivered third = delivered(Deliveries.bundle(reviewed));

        assertThat(versions(third)).as("the same state delivered again").isEqualTo(versions);
        assertThat(third.response().getEntry()).extracting(e -> e.getResponse().getStatus())
                .allSatisfy(status -> assertThat(status).startsWith("200"));
        assertThat(count("Flag?identifier=" + SubmissionBundleBuilder.RESOURCE_SYSTEM + "|it-decision-review/flag"))
                .isEqualTo(1);
    }

    @Test
    void anOverrideToUrgent_lowersTheReferralsPriorityAndWindow_andTheFlagsCode() {
        Submission triaged = emergency("it-decision-override");
        DeliveryResult.Delivered first = delivered(Deliveries.bundle(triaged));
        Submission overridden = triaged.withDecision(ClinicalDecision.overridden(new ClinicalDecision.Override(
                Level.URGENT, "No saddle numbness on examination.", OVERRIDDEN_AT, "dr.ng")));

        DeliveryResult.Delivered second = delivered(Deliveries.bundle(overridden));

        ServiceRequest request = only(ServiceRequest.class, "ServiceRequest", "it-decision-override/referral");
        assertThat(request.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
        assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        // A downgrade never buys time: the URGENT window still runs from the triage.
        assertThat(request.getOccurrencePeriod().getStart().toInstant()).isEqualTo(Deliveries.TRIAGED_AT);
        assertThat(request.getOccurrencePeriod().getEnd().toInstant())
                .isEqualTo(Deliveries.TRIAGED_AT.plus(Duration.ofHours(24)));
        assertThat(request.getReasonCode()).extracting(c -> c.getCodingFirstRep().getCode()).contains("CES-SADDLE");
        assertThat(request.getReasonReference()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.getReference()).startsWith("Observation/"));
        Flag flag = only(Flag.class, "Flag", "it-decision-override/flag");
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("URGENT");
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(flag.getMeta().getVersionId()).isEqualTo("2");
        assertThat(locationOf(second, "Flag")).isEqualTo(locationOf(first, "Flag"));
        assertThat(fhir.search().byUrl("ServiceRequest?priority=stat&identifier=" + SubmissionBundleBuilder.RESOURCE_SYSTEM
                + "|it-decision-override/referral").returnBundle(Bundle.class).execute().getEntry()).isEmpty();
    }

    @Test
    void aDecisionDeliveredToAnEhrThatNeverGotTheTriage_createsEverythingOnce() {
        Submission decided = emergency("it-decision-first").withDecision(ClinicalDecision
                .reviewed(new ClinicalDecision.Review(REVIEWED_AT, "dr.ng"))
                .withOverride(new ClinicalDecision.Override(Level.URGENT, "Reassessed by phone.", OVERRIDDEN_AT,
                        "dr.ng")));
        Bundle bundle = Deliveries.bundle(decided);

        DeliveryResult.Delivered first = delivered(bundle);
        DeliveryResult.Delivered again = delivered(bundle);

        assertThat(first.response().getEntry()).filteredOn(e -> !e.getResponse().getLocation().startsWith("Provenance"))
                .extracting(e -> e.getResponse().getStatus())
                .allSatisfy(status -> assertThat(status).startsWith("201"));
        assertThat(again.locations()).containsExactlyElementsOf(first.locations());
        for (BundleEntryComponent entry : bundle.getEntry()) {
            assertThat(count(searchOf(entry))).as(searchOf(entry)).isEqualTo(1);
        }
        Flag flag = only(Flag.class, "Flag", "it-decision-first/flag");
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.INACTIVE);
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("URGENT");
        assertThat(flag.getMeta().getVersionId()).isEqualTo("1");
    }

    @Test
    void aSelfCareSubmissionOverriddenToUrgent_getsItsFlagAndReferralCreated() {
        Submission triaged = Deliveries.submission("it-decision-raise",
                Deliveries.read(Path.of("..", "examples", "self-care.json")));
        assertThat(triaged.outcome().level()).isEqualTo(Level.SELF_CARE);
        delivered(Deliveries.bundle(triaged));
        assertThat(count("Flag?identifier=" + SubmissionBundleBuilder.RESOURCE_SYSTEM + "|it-decision-raise/flag"))
                .isZero();

        delivered(Deliveries.bundle(triaged.withDecision(ClinicalDecision.overridden(new ClinicalDecision.Override(
                Level.URGENT, "Calf swelling seen on video call.", OVERRIDDEN_AT, "dr.ng")))));

        assertThat(only(Flag.class, "Flag", "it-decision-raise/flag").getCode().getCodingFirstRep().getCode())
                .isEqualTo("URGENT");
        assertThat(only(ServiceRequest.class, "ServiceRequest", "it-decision-raise/referral").getPriority())
                .isEqualTo(ServiceRequest.ServiceRequestPriority.URGENT);
    }

    @Test
    void anAuditEventBundleDeliveredTwice_leavesExactlyOneAuditEventPerRecord() {
        Instant at = Deliveries.TRIAGED_AT.plus(Duration.ofHours(1));
        List<AuditRecord> records = List.of(
                new AuditRecord("it-audit-1", at, "dr.ng", AuditAction.QUEUE_VIEWED, Optional.empty(), Optional.empty(),
                        "Opened the review queue"),
                new AuditRecord("it-audit-2", at.plusSeconds(5), "dr.ng", AuditAction.INTAKE_VIEWED,
                        Optional.of("it-decision-review"), Optional.of("alex"), "Opened the intake"),
                new AuditRecord("it-audit-3", at.plusSeconds(60), "dr.ng", AuditAction.OVERRIDDEN,
                        Optional.of("it-decision-review"), Optional.of("alex"), "Level set from EMERGENCY to URGENT"),
                new AuditRecord("it-audit-4", at.plusSeconds(90), "dr.ng", AuditAction.REDELIVERY_REQUESTED,
                        Optional.of("it-never-delivered"), Optional.of("alex"), "Asked for delivery again"));
        Bundle bundle = new AuditEventBundleBuilder().build(records);

        DeliveryResult.Delivered first = delivered(bundle);
        DeliveryResult.Delivered again = delivered(bundle);

        assertThat(again.locations()).containsExactlyElementsOf(first.locations()).hasSize(records.size());
        for (AuditRecord record : records) {
            String id = AuditEventBundleBuilder.auditEventId(record.id());
            assertThat(count("AuditEvent?_id=" + id)).as(record.id()).isEqualTo(1);
            AuditEvent stored = fhir.read().resource(AuditEvent.class).withId(id).execute();
            assertThat(stored.getMeta().getVersionId()).as(record.id() + ": delivered twice, written once").isEqualTo("1");
            assertThat(stored.getSubtypeFirstRep().getCode()).isEqualTo(record.action().code());
            assertThat(stored.getAgentFirstRep().getWho().getDisplay()).isEqualTo("dr.ng");
            assertThat(stored.getRecorded().toInstant()).isEqualTo(record.at());
        }
        assertThat(count("AuditEvent?entity=Patient/alex&_id=" + String.join(",", records.stream()
                .map(r -> AuditEventBundleBuilder.auditEventId(r.id())).toList()))).isEqualTo(3);
    }

    private static Submission emergency(String sid) {
        Submission submission = Deliveries.submission(sid,
                Deliveries.read(Path.of("..", "examples", "emergency-cauda-equina.json")));
        assertThat(submission.outcome().level()).isEqualTo(Level.EMERGENCY);
        return submission;
    }

    private static DeliveryResult.Delivered delivered(Bundle bundle) {
        DeliveryResult result = client.deliver(bundle);
        assertThat(result).as(String.valueOf(result)).isInstanceOf(DeliveryResult.Delivered.class);
        return (DeliveryResult.Delivered) result;
    }

    /** The search that finds what an entry wrote: its conditional create's or update's, or its id. */
    private static String searchOf(BundleEntryComponent entry) {
        Bundle.BundleEntryRequestComponent request = entry.getRequest();
        if (request.hasIfNoneExist()) {
            return request.getUrl() + "?" + request.getIfNoneExist();
        }
        if (request.getUrl().contains("?")) {
            return request.getUrl();
        }
        return entry.getResource().fhirType() + "?_id=" + entry.getResource().getIdElement().getIdPart();
    }

    private static int count(String search) {
        return fhir.search().byUrl(search + "&_summary=count").returnBundle(Bundle.class).execute().getTotal();
    }

    private static <T extends Resource> T only(Class<T> type, String resourceType, String identifier) {
        Bundle found = fhir.search().byUrl(resourceType + "?identifier=" + SubmissionBundleBuilder.RESOURCE_SYSTEM
                + "|" + identifier).returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).as(resourceType + " " + identifier).hasSize(1);
        return type.cast(found.getEntryFirstRep().getResource());
    }

    private static String id(Resource resource) {
        return resource.getIdElement().getIdPart();
    }

    private static String locationOf(DeliveryResult.Delivered delivered, String type) {
        List<String> matching = delivered.locations().stream().filter(l -> l.startsWith(type + "/")).toList();
        assertThat(matching).as(type).hasSize(1);
        return matching.get(0);
    }

    /** Each written resource's current version, read back from the EHR, by Type/id. */
    private static Map<String, String> versions(DeliveryResult.Delivered delivered) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String location : delivered.locations()) {
            String[] parts = location.split("/");
            Resource resource = (Resource) fhir.read().resource(parts[0]).withId(parts[1]).execute();
            versions.put(location, resource.getMeta().getVersionId());
        }
        return versions;
    }
}
