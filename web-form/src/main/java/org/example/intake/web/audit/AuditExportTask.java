package org.example.intake.web.audit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.example.intake.fhir.audit.AuditEventBundleBuilder;
import org.example.intake.fhir.audit.AuditRecord;
import org.example.intake.fhir.ehr.DeliveryResult;
import org.example.intake.fhir.ehr.EhrClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit trail to the EHR as FHIR AuditEvents: a recurring db-scheduler task (one run
 * at a time across nodes) that sends the records not yet noted as exported, in chain order, in batches,
 * each batch one transaction of PUTs to ids derived from the records' ids, so a batch sent again
 * after a crash changes nothing. A batch the EHR took is noted (insert-only); a failed one is not, and
 * is sent again by the next run.
 */
public final class AuditExportTask {

    /** The db-scheduler task's name. */
    static final String NAME = "intake-audit-export";

    private static final Logger log = LoggerFactory.getLogger(AuditExportTask.class);

    private final AuditTrail audit;
    private final AuditEventBundleBuilder bundles;
    private final EhrClient ehr;
    private final int batchSize;

    public AuditExportTask(AuditTrail audit, AuditEventBundleBuilder bundles, EhrClient ehr, int batchSize) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.ehr = Objects.requireNonNull(ehr, "ehr");
        this.batchSize = batchSize;
    }

    /** The task, run every {@code interval} after the previous run ended. */
    public RecurringTask<Void> task(Duration interval) {
        return Tasks.recurring(NAME, FixedDelay.of(interval)).execute((instance, context) -> exportAll());
    }

    /**
     * Sends batches until every record is exported or the EHR fails.
     *
     * @return how many records the EHR took
     */
    int exportAll() {
        int exported = 0;
        while (true) {
            List<AuditRecord> batch = audit.unexported(batchSize);
            if (batch.isEmpty()) {
                return exported;
            }
            DeliveryResult result = ehr.deliver(bundles.build(batch));
            if (result instanceof DeliveryResult.Failed failed) {
                log.warn("{} audit record(s) not yet in the EHR ({}{}); next run tries again", batch.size(),
                        failed.status() > 0 ? "HTTP " + failed.status() + ": " : "", failed.reason());
                return exported;
            }
            audit.markExported(batch);
            exported += batch.size();
            log.debug("{} audit record(s) written to the EHR", batch.size());
            if (batch.size() < batchSize) {
                return exported;
            }
        }
    }
}
