package org.example.intake.cli;

import java.util.function.Function;

import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.Frequency;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Pattern;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.Side;
import org.example.intake.fhir.IntakeReading;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;

/**
 * A test double for {@link org.example.intake.fhir.IntakeReader}, so the command line's own
 * behaviour (splitting, order, format, exit codes) is tested apart from the validation rules:
 * parses with HAPI, refuses unparseable JSON and any response that is not {@code completed},
 * and maps the answers it finds by linkId, without the Questionnaire's checks.
 */
final class ParsingReader implements Function<String, IntakeReading> {

    private final FhirContext fhir = FhirContext.forR4Cached();

    static IntakeCommand command(int workers) {
        ParsingReader reader = new ParsingReader();
        return new IntakeCommand(() -> new IntakeCommand.Services(reader, reader.fhir), workers);
    }

    @Override
    public IntakeReading apply(String json) {
        QuestionnaireResponse response;
        try {
            response = fhir.newJsonParser().parseResource(QuestionnaireResponse.class, json);
        } catch (DataFormatException e) {
            return refused(IssueType.STRUCTURE, "not a QuestionnaireResponse in JSON");
        }
        if (response.getStatus() != QuestionnaireResponseStatus.COMPLETED) {
            return refused(IssueType.INVALID, "status must be completed");
        }
        IntakeAnswers.Builder answers = IntakeAnswers.builder();
        for (QuestionnaireResponseItemComponent group : response.getItem()) {
            for (QuestionnaireResponseItemComponent item : group.getItem()) {
                Question question = Question.byLinkId(item.getLinkId()).orElseThrow();
                for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
                    if (answer.hasValueBooleanType()) {
                        answers.answer(question, answer.getValueBooleanType().booleanValue());
                    } else if (answer.hasValueIntegerType()) {
                        answers.answer(question, answer.getValueIntegerType().getValue().intValue());
                    } else if (answer.hasValueCoding()) {
                        answers.answer(question, option(question, answer.getValueCoding().getCode()));
                    } else if (answer.hasValueStringType()) {
                        answers.answer(question, answer.getValueStringType().getValue());
                    }
                }
            }
        }
        OperationOutcome information = new OperationOutcome();
        information.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                .setDiagnostics("ok");
        return new IntakeReading.Accepted(response, answers.build(), information);
    }

    private static CodedAnswer option(Question question, String code) {
        return switch (question) {
            case ONSET -> CodedAnswer.fromCode(Onset.class, code).orElseThrow();
            case SIDE -> CodedAnswer.fromCode(Side.class, code).orElseThrow();
            case PATTERN -> CodedAnswer.fromCode(Pattern.class, code).orElseThrow();
            case FREQUENCY -> CodedAnswer.fromCode(Frequency.class, code).orElseThrow();
            default -> throw new IllegalArgumentException(question.linkId() + " is not a choice question");
        };
    }

    private static IntakeReading refused(IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return new IntakeReading.Rejected(outcome);
    }
}
