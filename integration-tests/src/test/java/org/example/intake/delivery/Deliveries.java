package org.example.intake.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeQuestionnaire;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.extract.Submission;
import org.example.intake.fhir.extract.SubmissionBundleBuilder;
import org.hl7.fhir.r4.model.Bundle;

/** Submissions and their Bundles, built the way delivery builds them, from JSON responses. */
public final class Deliveries {

    static final Instant TRIAGED_AT = Instant.parse("2026-11-25T10:16:00Z");

    private static final IntakeReader READER = new IntakeReader();
    private static final TriageEngine ENGINE = new TriageEngine();
    private static final SubmissionBundleBuilder BUILDER = new SubmissionBundleBuilder();

    private Deliveries() {
    }

    /** The accepted submission for this response JSON, under this submission id. */
    public static Submission submission(String submissionId, String json) {
        IntakeReading reading = READER.read(json);
        assertThat(reading).isInstanceOf(IntakeReading.Accepted.class);
        IntakeReading.Accepted accepted = (IntakeReading.Accepted) reading;
        return new Submission(submissionId, accepted.response(), accepted.answers(), ENGINE.triage(accepted.answers()),
                TRIAGED_AT);
    }

    public static Bundle bundle(Submission submission) {
        return BUILDER.build(submission);
    }

    /** The repository's examples that are valid intakes, as JSON, in file-name order. */
    public static List<Path> validExamples() {
        try (var files = Files.list(Path.of("..", "examples"))) {
            return files.filter(path -> path.getFileName().toString().endsWith(".json"))
                    .filter(path -> !path.getFileName().toString().startsWith("invalid"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
