package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.MixedIntakes;
import org.example.intake.fhir.Problem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;

/** Our writer of OperationOutcomes against HAPI's JSON encoder, the oracle: the same text, or none. */
class OutcomeJsonUnitTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void theOutcomesOfRefusedResponses_areWrittenAsHapiWritesThem() throws IOException {
        StringWriter ndjson = new StringWriter();
        MixedIntakes.writeNdjson(ndjson, 2000, 3);
        IntakeReader reader = new IntakeReader();
        List<OperationOutcome> outcomes = new ArrayList<>();
        for (String json : ndjson.toString().lines().toList()) {
            IntakeReading reading = reader.read(json);
            if (reading instanceof IntakeReading.Rejected) {
                outcomes.add(reading.outcome());
            }
        }
        outcomes.add(reader.read("{").outcome());
        outcomes.add(reader.read("{\"resourceType\":\"Patient\"}").outcome());
        outcomes.add(Outcomes.tooLarge(1024));
        outcomes.add(Outcomes.processingFailed(new IllegalStateException("x")));
        outcomes.add(Outcomes.error(IssueType.REQUIRED, "QuestionnaireResponse.subject", "A \"subject\"\n\tplease"));
        assertThat(outcomes).hasSizeGreaterThan(40);
        for (OperationOutcome outcome : outcomes) {
            assertThat(OutcomeJson.encode(outcome)).isEqualTo(hapi(outcome));
        }
    }

    @Test
    void everyCharacterIsWrittenAsHapiWritesIt() {
        for (int from = 0; from < 0x10000; from += 512) {
            StringBuilder text = new StringBuilder();
            for (int c = from; c < from + 512; c++) {
                text.append((char) c);
            }
            text.append("\uD83D\uDE00 end");
            OperationOutcome outcome = Outcomes.problem(Problem.UNKNOWN_CODE, "QuestionnaireResponse.item[" + from + "]",
                    text.toString());
            assertThat(OutcomeJson.encode(outcome)).as("from U+%04X", from).isEqualTo(hapi(outcome));
        }
    }

    @Test
    void anElementItDoesNotWrite_isLeftToHapi() {
        OperationOutcome withDisplay = Outcomes.problem(Problem.TOO_LONG, null, "too long");
        withDisplay.getIssueFirstRep().getDetails().getCodingFirstRep().setDisplay("Too long");
        OperationOutcome withId = Outcomes.tooLarge(10);
        withId.setId("o-1");
        OperationOutcome withLocation = Outcomes.tooLarge(10);
        withLocation.getIssueFirstRep().addLocation("line 1");
        OperationOutcome empty = new OperationOutcome();
        OperationOutcome emptyText = new OperationOutcome();
        emptyText.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.INVALID).setDiagnostics("");

        for (OperationOutcome outcome : List.of(withDisplay, withId, withLocation, empty)) {
            assertThat(OutcomeJson.encode(outcome)).isNull();
        }
        assertThat(OutcomeJson.encode(emptyText)).isIn(null, hapi(emptyText));
    }

    private static String hapi(OperationOutcome outcome) {
        return FHIR.newJsonParser().encodeResourceToString(outcome);
    }
}
