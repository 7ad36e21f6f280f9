package org.example.intake.ehr.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.example.intake.ehr.smart.SmartScope.Context;
import org.example.intake.ehr.smart.SmartScope.Permission;

class SmartScopeUnitTests {

    @Test
    void aV2ScopeNamesItsContextTypeAndPermissions() {
        assertThat(SmartScope.parse("patient/QuestionnaireResponse.cu")).contains(new SmartScope(Context.PATIENT,
                "QuestionnaireResponse", EnumSet.of(Permission.CREATE, Permission.UPDATE)));
        assertThat(SmartScope.parse("system/*.cruds")).contains(new SmartScope(Context.SYSTEM, "*",
                EnumSet.allOf(Permission.class)));
    }

    @Test
    void v1ReadAndWriteMeanTheirV2Letters() {
        assertThat(SmartScope.parse("user/*.read").orElseThrow().permissions())
                .containsExactlyInAnyOrder(Permission.READ, Permission.SEARCH);
        assertThat(SmartScope.parse("user/*.write").orElseThrow().writes()).isTrue();
        assertThat(SmartScope.parse("patient/*.rs").orElseThrow().writes()).isFalse();
    }

    @Test
    void otherScopesAndLettersOutOfOrderAreNoResourceScopes() {
        assertThat(SmartScope.parse("openid")).isEmpty();
        assertThat(SmartScope.parse("launch/patient")).isEmpty();
        assertThat(SmartScope.parse("patient/*.sr")).isEmpty();
        assertThat(SmartScope.parse("patient/*.")).isEmpty();
        assertThat(SmartScope.parse("doctor/*.rs")).isEmpty();
    }

    @Test
    void patientScopesWithoutALaunchPatientGrantNothing() {
        List<SmartScope> scopes = List.of(SmartScope.parse("patient/*.rs").orElseThrow());

        assertThat(SmartAuthorization.rulesFor(scopes, Optional.empty())).hasSize(1);
        assertThat(SmartAuthorization.rulesFor(scopes, Optional.of("alex"))).hasSizeGreaterThan(1);
    }
}
