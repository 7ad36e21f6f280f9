package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.example.intake.core.answers.QuestionnaireVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The version rule (the README's "Questionnaire versions"): which Questionnaire a response's canonical names. */
class IntakeQuestionnairesUnitTests {

    private static final String URL = "http://example.org/fhir/Questionnaire/buttock-cramp-intake";

    private final IntakeQuestionnaires questionnaires = IntakeQuestionnaires.standard();

    @Test
    void holdsAllThreeVersionsOldestFirst_withTheCurrentOneLast() {
        assertThat(questionnaires.all()).extracting(IntakeQuestionnaire::version)
                .containsExactly("1.0.0", "1.1.0", "1.2.0");
        assertThat(questionnaires.current().questionnaireVersion()).isEqualTo(QuestionnaireVersion.V1_2_0);
    }

    @Test
    void aCanonicalNaming1_0_0_resolvesTo1_0_0() {
        assertThat(questionnaires.resolve(URL + "|1.0.0")).get()
                .extracting(IntakeQuestionnaire::version).isEqualTo("1.0.0");
    }

    @Test
    void aCanonicalNaming1_1_0_resolvesTo1_1_0() {
        assertThat(questionnaires.resolve(URL + "|1.1.0")).get()
                .extracting(IntakeQuestionnaire::version).isEqualTo("1.1.0");
    }

    @Test
    void aCanonicalNaming1_2_0_resolvesTo1_2_0() {
        assertThat(questionnaires.resolve(URL + "|1.2.0")).get()
                .extracting(IntakeQuestionnaire::version).isEqualTo("1.2.0");
    }

    @Test
    void aCanonicalWithoutVersion_resolvesToTheCurrentVersion_1_2_0() {
        assertThat(questionnaires.resolve(URL)).get().extracting(IntakeQuestionnaire::version).isEqualTo("1.2.0");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { URL + "|1.0.1", URL + "|1.2.1", URL + "|1.3.0", URL + "|2.0.0", URL + "|", URL + "|1.1", URL + "x",
            "http://example.org/fhir/Questionnaire/other|1.1.0", "buttock-cramp-intake" })
    void anyOtherCanonical_resolvesToNothing(String canonical) {
        assertThat(questionnaires.resolve(canonical)).isEmpty();
    }

    @Test
    void aSetOfOneQuestionnaire_mustBeOfTheCurrentVersion() {
        IntakeQuestionnaire old = questionnaires.get(QuestionnaireVersion.V1_1_0).orElseThrow();

        assertThatIllegalArgumentException().isThrownBy(() -> IntakeQuestionnaires.of(old))
                .withMessageContaining("current version 1.2.0");
    }
}
