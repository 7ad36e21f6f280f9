package org.example.intake.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AuditRecordUnitTests {

    @Test
    void aRecordWithEverything_keepsIt() {
        AuditRecord record = AuditRecords.of("r-1", AuditAction.REVIEWED, Optional.of("sub-1"), Optional.of("alex"),
                "Recorded a review");

        assertThat(record.submissionId()).contains("sub-1");
        assertThat(record.patientId()).contains("alex");
        assertThat(record.at()).isEqualTo(AuditRecords.AT);
        assertThat(record.actor()).isEqualTo(AuditRecords.SUB);
        assertThat(record.actorName()).contains("dr.ng");
        assertThat(record.actorDisplay()).isEqualTo("dr.ng");
    }

    @Test
    void anOldRecord_hasNoNameBesideTheActor_andShowsTheActorItself() {
        AuditRecord record = AuditRecords.old("r-2", AuditAction.REVIEWED, Optional.of("sub-1"), Optional.of("alex"),
                "Recorded a review");

        assertThat(record.actor()).isEqualTo("dr.ng");
        assertThat(record.actorName()).isEmpty();
        assertThat(record.actorDisplay()).isEqualTo("dr.ng");
    }

    @Test
    void anActor_needsAnIdOfAtMost100CharactersAndAName_andALongNameIsCut() {
        assertThat(new AuditActor("x".repeat(100), "n").id()).hasSize(100);
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditActor("x".repeat(101), "n"))
                .withMessageContaining("at most 100");
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditActor(" ", "n")).withMessageContaining("id");
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditActor("i", "")).withMessageContaining("name");
        assertThat(new AuditActor("i", "n".repeat(255)).name()).hasSize(255).doesNotContain("…");
        assertThat(new AuditActor("i", "n".repeat(256)).name()).hasSize(255).endsWith("…");
        assertThat(AuditActor.system("retriage", "Re-triage").id()).isEqualTo("system:retriage");
        assertThat(AuditActor.system("retriage", "Re-triage").isSystem()).isTrue();
        assertThat(new AuditActor("system-user", "n").isSystem()).isFalse();
    }

    @Test
    void blankIdActorOrDetail_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditRecords.of(" ", AuditAction.AUDIT_READ,
                Optional.empty(), Optional.empty(), "d")).withMessageContaining("id");
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditRecord("r", AuditRecords.AT, "",
                AuditAction.AUDIT_READ, Optional.empty(), Optional.empty(), "d")).withMessageContaining("actor");
        assertThatIllegalArgumentException().isThrownBy(() -> AuditRecords.of("r", AuditAction.AUDIT_READ,
                Optional.empty(), Optional.empty(), "\n")).withMessageContaining("detail");
    }

    @Test
    void nullsInsteadOfValuesOrEmptyOptionals_areRefused() {
        assertThatNullPointerException().isThrownBy(() -> new AuditRecord("r", null, "dr.ng",
                AuditAction.AUDIT_READ, Optional.empty(), Optional.empty(), "d")).withMessageContaining("at");
        assertThatNullPointerException().isThrownBy(() -> AuditRecords.of("r", null,
                Optional.empty(), Optional.empty(), "d")).withMessageContaining("action");
        assertThatNullPointerException().isThrownBy(() -> AuditRecords.of("r", AuditAction.AUDIT_READ,
                null, Optional.empty(), "d")).withMessageContaining("submissionId");
        assertThatNullPointerException().isThrownBy(() -> AuditRecords.of("r", AuditAction.AUDIT_READ,
                Optional.empty(), null, "d")).withMessageContaining("patientId");
    }

    @Test
    void aSubmissionOrPatientIdThatCannotBeAnId_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditRecords.of("r", AuditAction.INTAKE_VIEWED,
                Optional.of("a/b"), Optional.empty(), "d")).withMessageContaining("submission id");
        assertThatIllegalArgumentException().isThrownBy(() -> AuditRecords.of("r", AuditAction.INTAKE_VIEWED,
                Optional.empty(), Optional.of("Patient/alex"), "d")).withMessageContaining("patient id");
        assertThatIllegalArgumentException().isThrownBy(() -> AuditRecords.of("r", AuditAction.INTAKE_VIEWED,
                Optional.empty(), Optional.of("x".repeat(65)), "d")).withMessageContaining("patient id");
        assertThat(AuditRecords.of("r", AuditAction.INTAKE_VIEWED, Optional.empty(), Optional.of("x".repeat(64)),
                "d").patientId()).isPresent();
    }

    @Test
    void actions_haveDistinctLowerCaseCodesAndText_andSayWhetherTheyReadOrUpdate() {
        assertThat(Arrays.stream(AuditAction.values()).map(AuditAction::code)).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[a-z]+(-[a-z]+)*"));
        assertThat(AuditAction.values()).allSatisfy(action -> assertThat(action.text()).isNotBlank());
        assertThat(AuditAction.values()).filteredOn(AuditAction::reads).containsExactly(AuditAction.QUEUE_VIEWED,
                AuditAction.INTAKE_VIEWED, AuditAction.RECORD_READ, AuditAction.AUDIT_READ);
        assertThat(AuditAction.values()).filteredOn(AuditAction::updates).containsExactly(AuditAction.REVIEWED,
                AuditAction.OVERRIDDEN, AuditAction.RETRIAGED);
        assertThat(AuditAction.REDELIVERY_REQUESTED.operation()).isEqualTo(AuditAction.Operation.EXECUTE);
        assertThat(AuditAction.values()).filteredOn(AuditAction::refused).containsExactly(AuditAction.ACCESS_DENIED,
                AuditAction.NOT_FOUND);
        assertThat(AuditAction.OVERRIDDEN.code()).isEqualTo("overridden");
    }
}
