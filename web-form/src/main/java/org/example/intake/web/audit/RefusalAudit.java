package org.example.intake.web.audit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.example.intake.fhir.audit.AuditAction;
import org.example.intake.fhir.audit.AuditActor;
import org.example.intake.web.security.Caller;
import org.example.intake.web.security.RefusedRequests;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Records refused attempts on patient data in the audit trail: {@link AuditAction#ACCESS_DENIED} for 401 and 403,
 * {@link AuditAction#NOT_FOUND} for a signed-in user's 404 on a route that names a submission. Only the routes
 * that read or change patient data count (the API's, the patients' result and history pages, the clinicians'
 * pages); the form, the assets, the login and the host's paths never do, nor does a login redirect. The detail
 * holds the method, the route's template and the status, never the path as sent: the path's id only when it is a
 * submission id (then also the record's submission), an anonymous caller's address only when it is an IP address.
 * Bounded by a {@link RefusalBudget}. Thread-safe.
 */
final class RefusalAudit implements RefusedRequests {

    /** Who an anonymous caller is in the trail. */
    static final AuditActor ANONYMOUS = new AuditActor("anonymous", "anonymous caller");

    /** The patient-data routes, most specific first; the last two catch the rest of the clinicians' and the API's. */
    private static final List<PathPattern> ROUTES = routes("/api/intakes/{id}/review", "/api/intakes/{id}/override",
            "/api/intakes/{id}/redeliver", "/api/intakes/{id}", "/api/intakes", "/api/queue", "/api/audit",
            "/intake/result/{id}", "/intake/history", "/clinician", "/clinician/queue-rows", "/clinician/events",
            "/clinician/intakes/{id}/review", "/clinician/intakes/{id}/override", "/clinician/intakes/{id}/redeliver",
            "/clinician/intakes/{id}", "/api/intakes/**", "/clinician/**");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{1,45}");
    /** A submission id as the store makes them (the intake feature's rule; the audit cannot depend on it). */
    private static final Pattern SUBMISSION_ID = Pattern.compile("\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}");

    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final RefusalBudget budget;

    RefusalAudit(AuditTrail audit, TransactionTemplate transaction, RefusalBudget budget) {
        this.audit = audit;
        this.transaction = transaction;
        this.budget = budget;
    }

    @Override
    public void refused(HttpServletRequest request, int status, Authentication caller) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        PathContainer container = PathContainer.parsePath(path);
        Optional<PathPattern> route = ROUTES.stream().filter(pattern -> pattern.matches(container)).findFirst();
        if (route.isEmpty()) {
            return; // not patient data
        }
        String id = route.get().getPatternString().contains("{id}")
                ? route.get().matchAndExtract(container).getUriVariables().get("id") : null;
        if (status == 404 && (caller == null || id == null)) {
            return; // a 404 counts as an attempt on patient data only from someone signed in, about a submission
        }
        String source = Optional.ofNullable(request.getRemoteAddr()).filter(a -> ADDRESS.matcher(a).matches())
                .orElse("unknown");
        AuditActor actor = caller == null ? ANONYMOUS : Caller.of(caller).actor();
        RefusalBudget.Decision decision = budget.take(caller == null ? source : actor.id(), caller != null);
        if (!decision.record()) {
            return;
        }
        String method = request.getMethod() == null ? "" : request.getMethod().toUpperCase(Locale.ROOT);
        String submission = id != null && SUBMISSION_ID.matcher(id).matches() ? id.toLowerCase(Locale.ROOT) : null;
        String detail = (METHODS.contains(method) ? method : "other method") + " " + route.get().getPatternString()
                + ": " + status
                + (id == null ? "" : submission != null ? ", id " + submission : ", an id that is no submission id")
                + (caller == null ? ", anonymous, from " + source : "")
                + (decision.notRecordedBefore() > 0 ? "; " + decision.notRecordedBefore()
                        + " more refusal(s) of this caller before this one counted, not recorded one by one" : "");
        AuditAction action = status == 404 ? AuditAction.NOT_FOUND : AuditAction.ACCESS_DENIED;
        transaction.executeWithoutResult(tx -> audit.record(actor, action, submission, null, detail));
    }

    private static List<PathPattern> routes(String... templates) {
        PathPatternParser parser = new PathPatternParser();
        return java.util.Arrays.stream(templates).map(parser::parse).toList();
    }
}
