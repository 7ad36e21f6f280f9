package org.example.intake.web.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.example.intake.web.queue.QueuePage;
import org.example.intake.web.submission.QueueItem;

/**
 * The API's body for one page of the clinicians' queue: the items in
 * queue order, then where the next page is.
 *
 * @param items    the submissions, unreviewed first, EMERGENCY first, oldest first
 * @param page     this page's number, from 1
 * @param next     the next page's URL, or null on the last page (it carries the key the page starts after, so
 *                 any page is as fast as the first)
 * @param previous the previous page's URL, or null on the first page
 * @param waiting  unreviewed submissions per level, over the whole queue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record QueueView(List<Item> items, int page, String next, String previous, java.util.Map<String, Long> waiting) {

    /**
     * One submission of the queue.
     *
     * @param id          the submission id
     * @param level       the level that counts (a clinician's override, else the triage's)
     * @param rules       the fired rule ids, most urgent first
     * @param receivedAt  when it was accepted
     * @param delivery    the state of its delivery to the EHR
     * @param reviewed    whether a clinician marked it reviewed
     * @param triageLevel the triage's own level
     * @param patient     the patient's FHIR reference
     * @param dueBy       by when a clinician should see the patient: the end of the referral window, to the second
     *                    the same as the EHR ServiceRequest's {@code occurrencePeriod.end}; absent for self-care
     */
    record Item(String id, String level, List<String> rules, Instant receivedAt, String delivery, boolean reviewed,
            String triageLevel, String patient, Instant dueBy) {

        static Item of(QueueItem item) {
            return new Item(item.id(), item.level().name(), item.ruleIds(), item.receivedAt(), item.delivery().name(),
                    item.reviewed(), item.triageLevel().name(), "Patient/" + item.patientId(),
                    item.dueBy().orElse(null));
        }
    }

    static QueueView of(QueuePage page, String nextUrl, String previousUrl) {
        java.util.Map<String, Long> waiting = new java.util.LinkedHashMap<>();
        page.waiting().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(entry -> waiting.put(entry.getKey().name(), entry.getValue()));
        return new QueueView(page.items().stream().map(Item::of).toList(), page.page(), nextUrl, previousUrl, waiting);
    }
}
