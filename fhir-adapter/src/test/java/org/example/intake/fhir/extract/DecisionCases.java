package org.example.intake.fhir.extract;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.example.intake.core.answers.Question;
import org.example.intake.core.triage.Level;
import org.example.intake.fhir.Responses;

/** Submissions with the clinical decisions the unit and oracle tests share, triaged at the usual time. */
final class DecisionCases {

    static final Instant OVERRIDDEN_AT = Instant.parse("2026-11-25T11:00:00Z");
    static final Instant REVIEWED_AT = Instant.parse("2026-11-25T11:30:00Z");
    static final String CLINICIAN = "dr.ng";

    private DecisionCases() {
    }

    /** EMERGENCY by CES-SADDLE. */
    static Submission emergency(String id) {
        return SubmissionBundleBuilderUnitTests.submission(id, Responses.benign().set(Question.SADDLE_NUMBNESS, true));
    }

    /** SOON by PERSIST-WORSENING. */
    static Submission soon(String id) {
        return SubmissionBundleBuilderUnitTests.submission(id, Responses.benign().set(Question.PATTERN, "worsening"));
    }

    /** SELF_CARE: no rule fires. */
    static Submission selfCare(String id) {
        return SubmissionBundleBuilderUnitTests.submission(id, Responses.benign());
    }

    static ClinicalDecision.Review review() {
        return new ClinicalDecision.Review(REVIEWED_AT, CLINICIAN, Optional.of("Phoned the patient: numbness resolved."));
    }

    static ClinicalDecision.Override override(Level level) {
        return new ClinicalDecision.Override(level, "Examined in clinic; " + level + " fits better.", OVERRIDDEN_AT,
                CLINICIAN);
    }

    /** Every case the brief names, by a name for test output. */
    static Map<String, Submission> all() {
        Map<String, Submission> cases = new LinkedHashMap<>();
        cases.put("review only", emergency("sub-review").withDecision(ClinicalDecision.reviewed(review())));
        cases.put("override up SOON to EMERGENCY",
                soon("sub-up").withDecision(ClinicalDecision.overridden(override(Level.EMERGENCY))));
        cases.put("override down EMERGENCY to URGENT",
                emergency("sub-down").withDecision(ClinicalDecision.overridden(override(Level.URGENT))));
        cases.put("override to SELF_CARE",
                emergency("sub-self-care").withDecision(ClinicalDecision.overridden(override(Level.SELF_CARE))));
        cases.put("self-care overridden to URGENT",
                selfCare("sub-raised").withDecision(ClinicalDecision.overridden(override(Level.URGENT))));
        cases.put("review and override", emergency("sub-both")
                .withDecision(ClinicalDecision.reviewed(review()).withOverride(override(Level.URGENT))));
        cases.put("self-care reviewed", selfCare("sub-seen").withDecision(ClinicalDecision.reviewed(review())));
        cases.put("self-care overridden to self-care",
                selfCare("sub-same").withDecision(ClinicalDecision.overridden(override(Level.SELF_CARE))));
        return cases;
    }
}
