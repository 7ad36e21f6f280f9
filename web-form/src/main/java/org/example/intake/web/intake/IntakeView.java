package org.example.intake.web.intake;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.example.intake.web.advice.AdviceWords;

/**
 * The API's body for one submission (the API contract), keys in this order. A patient sees
 * the verdict they were given; a clinician sees the level that counts now, and beside it the
 * triage's own verdict and what clinicians decided (keys a patient's view leaves out).
 *
 * @param id          the submission id, as in {@code /api/intakes/{id}}
 * @param level       EMERGENCY, URGENT, SOON or SELF_CARE
 * @param rules       the fired rule ids, most urgent first
 * @param ruleSet     the rule-set version
 * @param advice      what the patient is told, most important first: one string a piece, each sign of a list its
 *                    own, worded by {@link AdviceWords}
 * @param delivery    PENDING, DELIVERED, RETRYING or FAILED
 * @param triageLevel clinicians only: the triage's own level, which {@code level} replaces after an override
 * @param reviewed    clinicians only: whether a clinician marked it reviewed
 * @param review      clinicians only: who reviewed it, when, and their note
 * @param override    clinicians only: who changed the level, when, to what and why
 * @param receivedAt  clinicians only: when it was accepted
 * @param retriage    clinicians only: a newer rule set's verdict, beside the triage's, when it re-triaged the
 *                    submission (a patient keeps seeing what they were told)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "IntakeView", description = "One submission: its triage outcome and its delivery to the EHR; the keys "
        + "after delivery are a clinician's only", requiredProperties = { "id", "level", "rules", "ruleSet", "advice",
        "delivery" })
public record IntakeView(String id, String level, List<String> rules, String ruleSet, List<String> advice, String delivery,
        String triageLevel, Boolean reviewed, Review review, Override override, Instant receivedAt,
        Retriage retriage) {

    /** A newer rule set's verdict as the API shows it. */
    record Retriage(String level, String ruleSet, List<String> rules, boolean raised, String summary, Instant at) {
    }

    /** A review as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Review(String by, Instant at, String note) {
    }

    /** An override as the API shows it. */
    record Override(String level, String reason, String by, Instant at) {
    }

    /** The patient's view: the verdict they were given. */
    static IntakeView of(StoredSubmission submission, AdviceWords words) {
        return new IntakeView(submission.id(), submission.level().name(), submission.ruleIds(),
                submission.outcome().ruleSetVersion(), words.texts(submission.outcome().advice()), submission.delivery().name(), null,
                null, null, null, null, null);
    }

    /** A clinician's view: the level that counts, with the triage's and the decisions beside it. */
    public static IntakeView forClinician(StoredSubmission submission, AdviceWords words) {
        return new IntakeView(submission.id(), submission.currentLevel().name(), submission.ruleIds(),
                submission.outcome().ruleSetVersion(), words.texts(submission.outcome().advice()), submission.delivery().name(),
                submission.level().name(), submission.reviewed(),
                submission.decision().review().map(r -> new Review(r.by(), r.at(), r.note().orElse(null))).orElse(null),
                submission.decision().override().map(o -> new Override(o.level().name(), o.reason(), o.by(), o.at()))
                        .orElse(null),
                submission.receivedAt(),
                submission.retriage().map(r -> new Retriage(r.level().name(), r.ruleSet(), r.ruleIds(),
                        r.raises(submission.level()), r.summary(submission.level()), r.at())).orElse(null));
    }
}
