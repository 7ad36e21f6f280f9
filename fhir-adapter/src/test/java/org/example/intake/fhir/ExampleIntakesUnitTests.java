package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.answers.Side;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.core.triage.TriageOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExampleIntakesUnitTests {

    private final IntakeReader reader = new IntakeReader();

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
            "V1_0_0, URGENT,    FORM-INCOMPLETE",
            "V1_1_0, SELF_CARE, ''",
            "V1_2_0, SELF_CARE, ''",
    })
    void theBenignIntakeOfEveryVersionIsAcceptedAndTriagedAsItSays(QuestionnaireVersion version, Level level,
            String rules) {
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(
                ExampleIntakes.benign(IntakeQuestionnaires.standard().get(version).orElseThrow()));

        IntakeReading reading = reader.read(json);

        assertThat(reading).isInstanceOf(IntakeReading.Accepted.class);
        TriageOutcome outcome = new TriageEngine().triage(((IntakeReading.Accepted) reading).answers());
        assertThat(outcome.level()).isEqualTo(level);
        assertThat(String.join(" ", outcome.ruleIds())).isEqualTo(rules);
        assertThat(json).contains("|" + version.code() + "\"").doesNotContain("valueString", "subject", "authored",
                "\"id\"");
    }

    @Test
    void aResponseWritesEachAnswerAsGivenUnderItsGroup_andLeavesOutGroupsWithNone() {
        Map<Question, Object> answers = new EnumMap<>(Question.class);
        answers.put(Question.SIDE, Side.BOTH);
        answers.put(Question.AGE, new StringType("forty"));

        QuestionnaireResponse response = ExampleIntakes.response(QuestionnaireVersion.V1_1_0, answers);

        assertThat(response.getQuestionnaire()).isEqualTo(IntakeQuestionnaires.standard().url() + "|1.1.0");
        assertThat(response.getItem()).extracting(QuestionnaireResponse.QuestionnaireResponseItemComponent::getLinkId)
                .containsExactly("cramp", "history");
        Coding side = (Coding) response.getItem().get(0).getItemFirstRep().getAnswerFirstRep().getValue();
        assertThat(side.getSystem() + " " + side.getCode() + " " + side.getDisplay())
                .isEqualTo("http://example.org/fhir/CodeSystem/buttock-cramp-intake both Both");
        assertThat(response.getItem().get(1).getItemFirstRep().getAnswerFirstRep().getValue())
                .isInstanceOf(StringType.class).isNotSameAs(answers.get(Question.AGE));
    }
}
