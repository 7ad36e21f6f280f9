package org.example.intake.web.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.triage.Level;
import org.example.intake.fhir.IntakeQuestionnaire;
import org.example.intake.fhir.IntakeQuestionnaires;
import org.example.intake.fhir.IntakeReader;
import org.example.intake.fhir.IntakeReading;
import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditActor;
import org.example.intake.web.audit.AuditTrail;
import org.example.intake.web.delivery.DeliveryStore;
import org.example.intake.web.intake.ClinicianReads;
import org.example.intake.web.intake.StoredSubmission;
import org.example.intake.web.intake.SubmissionStore;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Type;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What clinicians read: the queue and each submission's detail. Every read is written to the
 * audit trail (who, what, when, which submissions and patients) in the same transaction as the
 * read, so nothing is shown that is not recorded: a queue page as one record per patient shown.
 * A page's own automatic refresh records only the patients newly shown in its view
 * ({@link ShownBefore}). Thread-safe.
 */
public class ClinicianQueue implements ClinicianReads {

    /** The most new intakes one page may ask after. */
    public static final int MAX_NEW_INTAKES = 20;

    private final QueueStore store;
    private final SubmissionStore submissions;
    private final DeliveryStore deliveries;
    private final AuditTrail audit;
    private final IntakeReader reader;
    private final IntakeQuestionnaires questionnaires;
    private final TransactionTemplate transaction;
    private final int pageSize;

    public ClinicianQueue(QueueStore store, SubmissionStore submissions, DeliveryStore deliveries, AuditTrail audit,
            IntakeReader reader, IntakeQuestionnaires questionnaires, TransactionTemplate transaction, int pageSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.submissions = Objects.requireNonNull(submissions, "submissions");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.questionnaires = Objects.requireNonNull(questionnaires, "questionnaires");
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        if (pageSize < 1) {
            throw new IllegalArgumentException("a page holds at least one submission");
        }
        this.pageSize = pageSize;
    }

    /** Submissions per page. */
    public int pageSize() {
        return pageSize;
    }

    /**
     * One page of the queue, as a clinician sees it.
     *
     * @param clinician the clinician, for the audit trail
     * @param page      the page number, from 1 (by offset when no key is given; else the page's label)
     */
    public QueuePage page(AuditActor clinician, QueueFilter filter, int page) {
        return page(clinician, filter, page, null, null);
    }

    /**
     * One page of the queue, as a clinician sees it: the rows just after {@code after}, or just
     * before {@code before}, or else the {@code page}-th page by offset. Keys make any page one
     * index range scan; an offset is fine for the first pages.
     *
     * @param clinician the clinician, for the audit trail
     * @param page      the page's number, from 1
     * @param after     the key of the previous page's last row, or null
     * @param before    the key of the next page's first row, or null
     */
    public QueuePage page(AuditActor clinician, QueueFilter filter, int page, QueueKey after, QueueKey before) {
        return page(clinician, filter, page, after, before, List.of(), ShownBefore.NOTHING);
    }

    /**
     * One page of the queue, as {@link #page(AuditActor, QueueFilter, int, QueueKey, QueueKey)}, which
     * also says which of the new intakes the page asks after (those its live updates announced) are
     * unreviewed EMERGENCYs that are not among its rows ({@link QueuePage#newEmergencies()}): with
     * more than a page of EMERGENCYs waiting, a new one lands beyond the page, and the page must still
     * lead the clinician to it. Those are written to the audit trail with the rows: one record per
     * patient shown (submission and patient, the page and filter in the detail), but none for those
     * {@code shownBefore} says this view already recorded; a first load that shows no row is one record
     * without ids.
     *
     * @param newIntakes  ids of new intakes the page asks after, at most {@value #MAX_NEW_INTAKES}
     * @param shownBefore what this view of the page already recorded ({@link ShownBefore#NOTHING} for a
     *                    first load); told of what this read recorded once it is committed
     */
    public QueuePage page(AuditActor clinician, QueueFilter filter, int page, QueueKey after, QueueKey before,
            Collection<String> newIntakes, ShownBefore shownBefore) {
        if (newIntakes.size() > MAX_NEW_INTAKES) {
            throw new IllegalArgumentException("a page asks after at most " + MAX_NEW_INTAKES + " new intakes");
        }
        if (page < 1) {
            throw new IllegalArgumentException("pages count from 1");
        }
        List<String> recorded = new ArrayList<>();
        QueuePage result = transaction.execute(status -> {
            List<QueueItem> items;
            boolean hasNext;
            boolean hasPrevious;
            if (before != null && after == null) {
                List<QueueItem> rows = store.queue(filter, null, before, 0, pageSize + 1);
                hasPrevious = rows.size() > pageSize;
                items = hasPrevious ? rows.subList(1, rows.size()) : rows;
                hasNext = true;
            } else {
                List<QueueItem> rows = after != null ? store.queue(filter, after, null, 0, pageSize + 1)
                        : store.queue(filter, (page - 1) * pageSize, pageSize + 1);
                hasNext = rows.size() > pageSize;
                items = hasNext ? rows.subList(0, pageSize) : rows;
                hasPrevious = after != null || page > 1;
            }
            Set<String> shown = items.stream().map(QueueItem::id).collect(Collectors.toSet());
            List<QueueItem> newEmergencies = store.queueItems(new LinkedHashSet<>(newIntakes)).stream()
                    .filter(item -> item.level() == Level.EMERGENCY && !item.reviewed() && !shown.contains(item.id()))
                    .sorted(Comparator.comparing(QueueItem::receivedAt).thenComparing(QueueItem::id))
                    .toList();
            recorded.addAll(recordShown(clinician, filter, page, items, newEmergencies, shownBefore));
            return new QueuePage(filter, page, items, hasNext, hasPrevious, store.waiting(), newEmergencies);
        });
        shownBefore.recorded(recorded);
        return result;
    }

    /** Writes a record per patient shown that this view has not recorded yet; returns their submissions' ids. */
    private List<String> recordShown(AuditActor clinician, QueueFilter filter, int page, List<QueueItem> items,
            List<QueueItem> newEmergencies, ShownBefore shownBefore) {
        String where = "queue page " + page + filter.level().map(level -> ", level " + level).orElse("")
                + filter.delivery().map(delivery -> ", delivery " + delivery).orElse("");
        List<AuditTrail.Entry> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            QueueItem item = items.get(i);
            if (!shownBefore.contains(item.id())) {
                entries.add(new AuditTrail.Entry(item.id(), item.patientId(),
                        where + ": row " + (i + 1) + " of " + items.size()));
            }
        }
        for (QueueItem item : newEmergencies) {
            if (!shownBefore.contains(item.id())) {
                entries.add(new AuditTrail.Entry(item.id(), item.patientId(), where + ": new emergency beyond the page"));
            }
        }
        if (entries.isEmpty()) {
            if (items.isEmpty() && newEmergencies.isEmpty() && shownBefore.firstLoad()) {
                audit.record(clinician, AuditAction.QUEUE_VIEWED, null, null, where + ": none shown");
            }
            return List.of();
        }
        audit.recordAll(clinician, AuditAction.QUEUE_VIEWED, entries); // a page (at most 500) and 20 beyond it
        return entries.stream().map(AuditTrail.Entry::submissionId).toList();
    }

    /**
     * One submission in full, as a clinician sees it; empty when there is none with this id.
     *
     * @param clinician the clinician, for the audit trail
     */
    public Optional<IntakeDetail> detail(AuditActor clinician, String id) {
        return transaction.execute(status -> {
            Optional<StoredSubmission> found = submissions.find(id);
            if (found.isEmpty()) {
                return Optional.<IntakeDetail>empty();
            }
            StoredSubmission submission = found.get();
            audit.record(clinician, AuditAction.INTAKE_VIEWED, id, submission.patientId(), "intake opened");
            return Optional.of(detailOf(submission));
        });
    }

    /**
     * The submission as the API shows a clinician, recorded in the audit trail; empty when there
     * is none with this id.
     */
    @Override
    public Optional<StoredSubmission> read(AuditActor clinician, String id) {
        return transaction.execute(status -> {
            Optional<StoredSubmission> found = submissions.find(id);
            found.ifPresent(submission -> audit.record(clinician, AuditAction.INTAKE_VIEWED, id,
                    submission.patientId(), "intake read through the API"));
            return found;
        });
    }

    private IntakeDetail detailOf(StoredSubmission submission) {
        IntakeReading reading = reader.read(submission.responseJson());
        if (!(reading instanceof IntakeReading.Accepted accepted)) {
            throw new IllegalStateException("stored intake " + submission.id() + " no longer reads as valid");
        }
        IntakeAnswers answers = accepted.answers();
        IntakeQuestionnaire questionnaire = questionnaires.get(answers.version())
                .orElseThrow(() -> new IllegalStateException("no Questionnaire " + answers.version().code()));
        Map<String, QuestionnaireResponseItemComponent> given = new HashMap<>();
        index(accepted.response().getItem(), given);
        List<AnswerLine> lines = new ArrayList<>();
        for (IntakeQuestionnaire.GroupSpec group : questionnaire.groups()) {
            for (IntakeQuestionnaire.ItemSpec item : group.items()) {
                if (!answers.isEnabled(item.question())) {
                    continue; // not shown to the patient: nothing to read
                }
                QuestionnaireResponseItemComponent answer = given.get(item.linkId());
                lines.add(new AnswerLine(group.element().getText(), item.linkId(), item.element().getText(),
                        answer == null || !answer.hasAnswer() ? null : words(item, answer.getAnswer())));
            }
        }
        return new IntakeDetail(submission, questionnaire.canonical(), lines, deliveries.deliveryHistory(submission.id()));
    }

    private static void index(List<QuestionnaireResponseItemComponent> items,
            Map<String, QuestionnaireResponseItemComponent> byLinkId) {
        for (QuestionnaireResponseItemComponent item : items) {
            byLinkId.putIfAbsent(item.getLinkId(), item);
            index(item.getItem(), byLinkId);
        }
    }

    /** The answers as the patient saw them: a choice in the questionnaire's own words, whatever display was sent. */
    private static String words(IntakeQuestionnaire.ItemSpec item, List<QuestionnaireResponseItemAnswerComponent> answers) {
        List<String> values = new ArrayList<>();
        for (QuestionnaireResponseItemAnswerComponent answer : answers) {
            Type value = answer.getValue();
            if (value instanceof org.hl7.fhir.r4.model.BooleanType bool) {
                values.add(bool.booleanValue() ? "Yes" : "No");
            } else if (value instanceof Coding coding) {
                values.add(item.element().getAnswerOption().stream()
                        .filter(option -> option.hasValueCoding() && coding.getCode() != null
                                && coding.getCode().equals(option.getValueCoding().getCode()))
                        .map(option -> option.getValueCoding().getDisplay()).filter(display -> display != null)
                        .findFirst().orElse(coding.hasDisplay() ? coding.getDisplay() : coding.getCode()));
            } else if (value != null && value.isPrimitive()) {
                values.add(value.primitiveValue());
            }
        }
        return String.join("; ", values);
    }
}
