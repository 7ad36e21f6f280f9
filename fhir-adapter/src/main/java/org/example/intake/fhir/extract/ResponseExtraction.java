package org.example.intake.fhir.extract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.Problem;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The extraction of one QuestionnaireResponse, as {@code ./intake extract} prints it and the web API's SDC
 * {@code $extract} answers it: the response read and accepted, triaged, and turned by {@link SubmissionBundleBuilder}
 * into the transaction Bundle the EHR would get. Both callers go through here, so the two give the same Bundle for
 * the same response.
 *
 * <p>Deterministic: the submission id is the response's own id when it can name one, else derived from its content;
 * the triage time is the response's {@code authored}. Thread-safe.
 */
public final class ResponseExtraction {

    private static final Pattern SUBMISSION_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final FhirContext fhir;
    private final SubmissionBundleBuilder bundles = new SubmissionBundleBuilder();
    private final TriageEngine triage = new TriageEngine();

    /** @param fhir an R4 context, used only to encode the response when its content names the submission */
    public ResponseExtraction(FhirContext fhir) {
        this.fhir = Objects.requireNonNull(fhir, "fhir");
    }

    /** What extracting gave: the transaction Bundle, or why there is none. */
    public sealed interface Result {
    }

    /** The transaction Bundle, never null. */
    public record Extracted(Bundle bundle) implements Result {
    }

    /** The response was refused (invalid, or without subject or authored): one error issue per problem. */
    public record Refused(OperationOutcome outcome) implements Result {
    }

    /** The Bundle for this reading, or its OperationOutcome when the response was refused or cannot go to the EHR. */
    public Result extract(IntakeReading reading) {
        Objects.requireNonNull(reading, "reading");
        if (!(reading instanceof IntakeReading.Accepted accepted)) {
            return new Refused(reading.outcome());
        }
        if (!accepted.response().hasSubject() || !accepted.response().getSubject().hasReference()) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.REQUIRED)
                    .setDiagnostics("A response goes to the EHR only with its subject: the patient's Patient reference.")
                    .addExpression("QuestionnaireResponse.subject");
            return new Refused(outcome);
        }
        if (!accepted.response().hasAuthored()) {
            OperationOutcome outcome = new OperationOutcome();
            Problem.MISSING_AUTHORED.addTo(outcome, IssueSeverity.ERROR, "QuestionnaireResponse.authored",
                    "A response goes to the EHR only with 'authored', the time it was given: the records' times come"
                            + " from it, so the same submission always gives the same Bundle.");
            return new Refused(outcome);
        }
        Submission submission = new Submission(submissionId(accepted), accepted.response(), accepted.answers(),
                triage.triage(accepted.answers()), accepted.response().getAuthored().toInstant());
        return new Extracted(bundles.build(submission));
    }

    /**
     * The response's own id when it can name a submission; otherwise one derived from its content, so extracting the
     * same response twice gives the same Bundle.
     */
    String submissionId(IntakeReading.Accepted accepted) {
        String id = accepted.id();
        if (id != null && SUBMISSION_ID.matcher(id).matches()) {
            return id;
        }
        String content = fhir.newJsonParser().encodeResourceToString(accepted.response());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "qr-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
