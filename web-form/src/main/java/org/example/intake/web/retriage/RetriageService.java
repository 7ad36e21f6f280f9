package org.example.intake.web.retriage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.core.triage.TriageOutcome;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditActor;
import org.example.intake.web.audit.AuditTrail;
import org.example.intake.web.delivery.DeliveryQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-triages every unreviewed submission that an older red-flag rule set triaged: its stored
 * QuestionnaireResponse is read again (fhir-adapter's reader) and triaged by the current rules
 * (intake-core's engine, which reads older answers into the current questionnaire's terms), and
 * the new verdict is stored beside the original one, which (with the advice the patient was
 * shown) is never rewritten. Each re-triage is in the audit trail (actor {@code system:retriage}).
 *
 * <p>A more urgent verdict raises the level that counts: the queue sorts and shows it, and a new
 * revision of the submission goes to the EHR through its one delivery job, carried like a
 * clinician's override but authored by the rule set. A less urgent one changes nothing but what
 * clinicians see beside the original level, which keeps counting until a clinician decides. A
 * clinician's override is a decision: a newer verdict is shown beside it and never replaces it.
 *
 * <p>Batches are re-triaged each in one transaction that holds their rows' locks: a clinician's
 * review of one of them waits for it, and another node re-triaging at the same time skips them
 * (see {@link RetriageStore#lockNext}). A submission once re-triaged counts as triaged by the
 * current rule set, so a second run finds nothing. Thread-safe; one run at a time per service.
 */
public class RetriageService {

    /** The audit trail's actor for re-triage: the service itself, not a user. */
    public static final AuditActor ACTOR = AuditActor.system("retriage", "Re-triage (the intake service)");

    private static final Logger log = LoggerFactory.getLogger(RetriageService.class);

    private final RetriageStore store;
    private final IntakeReader reader;
    private final TriageEngine engine;
    private final DeliveryQueue deliveries;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String currentRuleSet;
    private final int batchSize;
    private final RetriageProgress progress = new RetriageProgress();

    RetriageService(RetriageStore store, IntakeReader reader, TriageEngine engine, DeliveryQueue deliveries,
            AuditTrail audit, TransactionTemplate transaction, Clock clock, String currentRuleSet, int batchSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.currentRuleSet = Objects.requireNonNull(currentRuleSet, "currentRuleSet");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.batchSize = batchSize;
    }

    /** Where the re-triage stands (for readiness details and a meter); never null. */
    public RetriageProgress progress() {
        return progress;
    }

    /**
     * Re-triages every unreviewed submission that an older rule set triaged, batch by batch,
     * until none is left.
     *
     * @return what this run did
     */
    public synchronized RetriageProgress.Summary run() {
        long started = System.nanoTime();
        List<String> older = store.ruleSetsOfWaiting().stream().filter(v -> RuleSetVersions.isOlder(v, currentRuleSet))
                .sorted().toList();
        long waiting = store.countWaiting(older);
        progress.started(waiting);
        try {
            String after = "";
            while (!older.isEmpty()) {
                String from = after;
                BatchResult batch = transaction.execute(status -> retriageBatch(older, from));
                if (batch == null || batch.lastId() == null) {
                    break;
                }
                after = batch.lastId();
            }
            RetriageProgress.Summary summary = progress.finished((System.nanoTime() - started) / 1_000_000);
            if (summary.retriaged() > 0 || summary.failed() > 0) {
                log.info("re-triage by rule set {}: {} submissions re-triaged ({} raised, {} less urgent, {} unreadable)"
                        + " in {} ms", currentRuleSet, summary.retriaged(), summary.raised(), summary.lowered(),
                        summary.failed(), summary.millis());
            }
            return summary;
        } catch (RuntimeException e) {
            progress.failed();
            throw e;
        }
    }

    /** One batch, in the caller's transaction: its rows stay locked until it commits. */
    private BatchResult retriageBatch(List<String> older, String after) {
        List<RetriageStore.Candidate> candidates = store.lockNext(older, after, batchSize);
        if (candidates.isEmpty()) {
            return new BatchResult(null);
        }
        Instant now = clock.instant();
        List<RetriageStore.Verdict> verdicts = new ArrayList<>(candidates.size());
        List<RetriageStore.Candidate> retriaged = new ArrayList<>(candidates.size());
        int failed = 0;
        for (RetriageStore.Candidate candidate : candidates) {
            IntakeReading reading = reader.read(candidate.responseJson());
            if (!(reading instanceof IntakeReading.Accepted accepted)) {
                // Left as it was (the next start tries again); the id only: the response is the patient's.
                log.warn("re-triage of intake {}: its stored response no longer reads as valid, left as it was",
                        candidate.id());
                failed++;
                continue;
            }
            TriageOutcome outcome = engine.triage(accepted.answers());
            Instant at = now.isBefore(candidate.receivedAt()) ? candidate.receivedAt() : now;
            Retriage retriage = new Retriage(outcome.level(), outcome.ruleIds(), outcome.ruleSetVersion(), at);
            verdicts.add(verdictFor(candidate, retriage));
            retriaged.add(candidate);
        }
        int[] written = verdicts.isEmpty() ? new int[0] : store.write(verdicts);
        int raised = 0;
        int lowered = 0;
        int done = 0;
        List<AuditTrail.Entry> records = new ArrayList<>(verdicts.size());
        for (int i = 0; i < verdicts.size(); i++) {
            if (written[i] == 0) {
                continue; // reviewed meanwhile: a clinician decided
            }
            RetriageStore.Verdict verdict = verdicts.get(i);
            RetriageStore.Candidate candidate = retriaged.get(i);
            if (verdict.newRevision()) {
                deliveries.enqueue(verdict.id());
            }
            if (verdict.retriage().raises(candidate.level())) {
                raised++;
            } else if (verdict.retriage().lowers(candidate.level())) {
                lowered++;
            }
            done++;
            records.add(new AuditTrail.Entry(verdict.id(), candidate.patientId(), detail(candidate, verdict)));
        }
        audit.recordAll(ACTOR, AuditAction.RETRIAGED, records);
        progress.batch(done, raised, lowered, failed, candidates.size());
        return new BatchResult(candidates.get(candidates.size() - 1).id());
    }

    /**
     * The verdict to write: the EHR must follow when, with no clinician's level, the level a
     * newer rule set raises the original to differs from what an earlier re-triage raised it to.
     */
    private static RetriageStore.Verdict verdictFor(RetriageStore.Candidate candidate, Retriage retriage) {
        Level original = candidate.level();
        Optional<Level> raisedBefore = candidate.earlier().filter(r -> r.raises(original)).map(Retriage::level);
        Optional<Level> raisedNow = Optional.of(retriage.level()).filter(level -> level.isMoreUrgentThan(original));
        boolean newRevision = candidate.override().isEmpty() && !raisedBefore.equals(raisedNow);
        return new RetriageStore.Verdict(candidate.id(), retriage, newRevision, raisedNow.orElse(original));
    }

    /** The audit record's detail: levels, rule ids and rule sets, never an answer. */
    private static String detail(RetriageStore.Candidate candidate, RetriageStore.Verdict verdict) {
        Retriage retriage = verdict.retriage();
        String effect;
        if (candidate.override().isPresent()) {
            effect = "a clinician's level (" + candidate.override().get() + ") still counts";
        } else if (retriage.raises(candidate.level())) {
            effect = "raised: the queue and the EHR now show " + retriage.level();
        } else if (retriage.lowers(candidate.level())) {
            effect = "less urgent: " + candidate.level() + " still counts until a clinician decides";
        } else {
            effect = "same level";
        }
        return "re-triaged by rule set " + retriage.ruleSet() + ": " + retriage.level() + " (" + rules(retriage.ruleIds())
                + "); triaged " + candidate.level() + " by rule set " + candidate.ruleSet() + " ("
                + rules(candidate.rules()) + "), kept as the patient was told; " + effect;
    }

    private static String rules(List<String> ids) {
        return ids.isEmpty() ? "no rule fired" : String.join(", ", ids);
    }

    private record BatchResult(String lastId) {
    }
}
