package org.example.intake.web.queue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

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
     * @param retriage    a newer rule set's verdict, beside the triage's, when it re-triaged the submission; absent
     *                    otherwise
     */
    record Item(String id, String level, List<String> rules, Instant receivedAt, String delivery, boolean reviewed,
            String triageLevel, String patient, Instant dueBy, Retriage retriage) {

        static Item of(QueueItem item) {
            return new Item(item.id(), item.level().name(), item.ruleIds(), item.receivedAt(), item.delivery().name(),
                    item.reviewed(), item.triageLevel().name(), "Patient/" + item.patientId(),
                    item.dueBy().orElse(null), item.retriage().map(r -> Retriage.of(r, item)).orElse(null));
        }
    }

    /**
     * A newer rule set's verdict on a queued submission.
     *
     * @param level   its level
     * @param ruleSet its version
     * @param rules   the rules that fired under it
     * @param raised  whether it raised the level (then {@code level} of the item is this one unless a clinician set one)
     * @param summary in words: "Raised to URGENT by rule set 1.2.0", "Rule set 1.2.0 would say SOON"
     * @param at      when it was re-triaged
     */
    record Retriage(String level, String ruleSet, List<String> rules, boolean raised, String summary, Instant at) {

        static Retriage of(org.example.intake.web.retriage.Retriage retriage, QueueItem item) {
            return new Retriage(retriage.level().name(), retriage.ruleSet(), retriage.ruleIds(),
                    retriage.raises(item.triageLevel()), retriage.summary(item.triageLevel()), retriage.at());
        }
    }

    static QueueView of(QueuePage page, String nextUrl, String previousUrl) {
        java.util.Map<String, Long> waiting = new java.util.LinkedHashMap<>();
        page.waiting().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(entry -> waiting.put(entry.getKey().name(), entry.getValue()));
        return new QueueView(page.items().stream().map(Item::of).toList(), page.page(), nextUrl, previousUrl, waiting);
    }
}
