package org.example.intake.web.retriage;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.Level;
import org.example.intake.fhir.Responses;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Submissions stored as the service stored them under rule set 1.1.0 (before this one): real
 * QuestionnaireResponse JSON, the 1.1.0 verdict and advice, delivered to the EHR long ago. The
 * JSON is what the service stored: a 1.0.0 or 1.1.0 response with subject and authored.
 */
public final class StoredUnderOlderRules {

    /** A complete benign response to questionnaire 1.0.0 (1.1.0 said SELF_CARE: no rule fired). */
    public static String selfCare100(String patient) {
        return json(Responses.benign1_0_0(), patient);
    }

    /**
     * A complete 1.1.0 response: a past cancer, nothing else, improving after a strain with a clear
     * cause (1.1.0: MAL-HISTORY, URGENT; 1.2.0: MAL-HISTORY-ROUTINE, SOON).
     */
    public static String lonePastCancerAfterAStrain(String patient) {
        return json(benign110().set(Question.CANCER_HISTORY, true).set(Question.STRENUOUS_ACTIVITY, true), patient);
    }

    /** A complete benign 1.1.0 response (SELF_CARE under either rule set). */
    public static String benign110(String patient) {
        return json(benign110(), patient);
    }

    private static Responses benign110() {
        return Responses.benign1_1_0();
    }

    private static String json(Responses responses, String patient) {
        return responses.json().replace("Patient/alex", "Patient/" + patient);
    }

    /**
     * Inserts a submission triaged by rule set 1.1.0, delivered, unreviewed (or reviewed).
     *
     * @return its id
     */
    public static String insert(JdbcClient jdbc, String patient, String responseJson, Level level, List<String> rules,
            List<String> advice, boolean reviewed) {
        String id = UUID.randomUUID().toString();
        Instant received = Instant.now().minusSeconds(3600);
        jdbc.sql("insert into intake_submission (id, patient_id, received_at, response_json, level, rules, rule_set,"
                        + " advice, delivery, attempts, delivered_at, priority, reviewed, reviewed_at, reviewed_by,"
                        + " revision, delivered_revision)"
                        + " values (?, ?, ?, ?, ?, ?, '1.1.0', ?, 'DELIVERED', 1, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, patient, Timestamp.from(received), responseJson, level.name(), String.join(",", rules),
                        String.join(",", advice), Timestamp.from(received.plusSeconds(2)), level.ordinal(), reviewed,
                        reviewed ? Timestamp.from(received.plusSeconds(600)) : null, reviewed ? "dr-earlier" : null,
                        reviewed ? 1 : 0, reviewed ? 1 : 0)
                .update();
        return id;
    }

    private StoredUnderOlderRules() {
    }
}
