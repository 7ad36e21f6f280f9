package org.example.intake.web.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import ca.uhn.fhir.context.FhirContext;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.core.triage.TriageOutcome;
import org.example.intake.fhir.ExampleIntakes;
import org.example.intake.fhir.IntakeQuestionnaire;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Warms the plugin once the host's context has started, on a thread of its own so that start-up
 * does not wait: HAPI's R4 context, every Questionnaire version the reader checks against, and
 * one made-up response ({@link ExampleIntakes}) read, validated, triaged and encoded, which is
 * what makes a patient's first submission slow otherwise. Until it is done, {@link #state()} is
 * not {@link State#DONE} and the readiness indicator says DOWN.
 *
 * <p>The details it reports name versions and timings, never answers.
 */
final class IntakeWarmUp implements SmartLifecycle {

    /** Where the warm-up stands. */
    enum State {
        /** Not started yet (the context has not started). */
        PENDING,
        /** Running on its own thread. */
        RUNNING,
        /** Finished: the plugin is warm. */
        DONE,
        /** Failed: the plugin cannot read intakes as it should; see the log. */
        FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(IntakeWarmUp.class);

    private final Callable<Map<String, Object>> work;
    private volatile State state = State.PENDING;
    private volatile Map<String, Object> details = Map.of();
    private volatile Thread thread;

    /** @param work the warming itself, returning the details to report (no patient data) */
    IntakeWarmUp(Callable<Map<String, Object>> work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    /** The warm-up of this reader and engine. */
    static IntakeWarmUp of(FhirContext fhir, IntakeReader reader, TriageEngine engine) {
        return new IntakeWarmUp(() -> warm(fhir, reader, engine));
    }

    /** Where the warm-up stands; never null. */
    State state() {
        return state;
    }

    /** What the warm-up found (versions, timings) or why it failed; never null, empty until it ends. */
    Map<String, Object> details() {
        return details;
    }

    @Override
    public synchronized void start() {
        if (state != State.PENDING) {
            return;
        }
        state = State.RUNNING;
        Thread warming = new Thread(this::run, "intake-warm-up");
        warming.setDaemon(true);
        thread = warming;
        warming.start();
    }

    private void run() {
        long started = System.nanoTime();
        try {
            Map<String, Object> found = new LinkedHashMap<>(work.call());
            found.put("warmUpMillis", (System.nanoTime() - started) / 1_000_000);
            details = Map.copyOf(found);
            state = State.DONE;
            log.info("intake plugin warm in {} ms", found.get("warmUpMillis"));
        } catch (Exception e) {
            details = Map.of("error", e.getClass().getName());
            state = State.FAILED;
            log.error("intake plugin warm-up failed: readiness stays DOWN", e);
        } finally {
            thread = null;
        }
    }

    @Override
    public synchronized void stop() {
        Thread warming = thread;
        if (warming != null) {
            warming.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return state != State.PENDING;
    }

    private static Map<String, Object> warm(FhirContext fhir, IntakeReader reader, TriageEngine engine) {
        Map<String, Object> details = new LinkedHashMap<>();
        fhir.getResourceDefinition(QuestionnaireResponse.class);
        details.put("fhirVersion", fhir.getVersion().getVersion().getFhirVersionString());
        details.put("questionnaires",
                reader.questionnaires().all().stream().map(IntakeQuestionnaire::canonical).toList());
        String json = fhir.newJsonParser()
                .encodeResourceToString(ExampleIntakes.benign(reader.questionnaires().current()));
        fhir.newJsonParser().parseResource(QuestionnaireResponse.class, json);
        IntakeReading reading = reader.read(json);
        if (!(reading instanceof IntakeReading.Accepted accepted)) {
            throw new IllegalStateException("the made-up warm-up intake was refused: "
                    + reading.outcome().getIssueFirstRep().getDiagnostics());
        }
        TriageOutcome outcome = engine.triage(accepted.answers());
        details.put("ruleSet", outcome.ruleSetVersion());
        return details;
    }
}
