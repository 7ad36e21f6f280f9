package org.example.intake.web.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.example.intake.core.triage.Level;
import org.example.intake.web.advice.AdviceWords;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.intake.StoredSubmission;
import org.example.intake.web.intake.SubmissionIds;
import org.example.intake.web.security.Caller;
import org.example.intake.web.security.IntakeBrowserSecurity;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpSession;

/**
 * The clinicians' pages: the queue, its live updates, one submission's
 * detail, and the decisions about it. What the queue holds and what a decision does are decided
 * in {@link ClinicianQueue} and {@link DecisionService}; this class maps the pages to them.
 */
@Controller
@RequestMapping("/clinician")
class QueuePageController {


    private final ClinicianQueue queue;
    private final DecisionService decisions;
    private final QueueUpdates updates;
    private final Clock clock;
    private final AdviceWords words;

    QueuePageController(ClinicianQueue queue, DecisionService decisions, QueueUpdates updates, Clock intakeClock,
            AdviceWords words) {
        this.queue = queue;
        this.decisions = decisions;
        this.updates = updates;
        this.clock = intakeClock;
        this.words = words;
    }

    /** The signed-in clinician's name, for the page header. */
    @org.springframework.web.bind.annotation.ModelAttribute("clinicianName")
    String clinicianName(Authentication authentication) {
        return authentication == null ? "" : Caller.of(authentication).name();
    }

    @GetMapping
    String queue(QueueQuery query, @RequestParam Optional<List<String>> newEmergency, @RequestParam Optional<String> view,
            @RequestHeader(name = IntakeBrowserSecurity.AUTO_REFRESH, required = false) String autoRefresh,
            HttpSession session, Authentication authentication, Model model) {
        rows(query, newEmergency, QueueViews.in(session).view(view.orElse(null), autoRefresh != null), authentication,
                model);
        return "clinician/queue";
    }

    /**
     * The queue's rows alone, for the page to fetch when an event says the queue changed. The page
     * names the new EMERGENCY intakes it learned of ({@code newEmergency}, repeated): those that are
     * still unreviewed EMERGENCYs but not among the rows get a notice with a link to each. The page sends its
     * view's id back ({@code view}) with its automatic refreshes: those record only the patients newly shown in
     * that view ({@link QueueViews}).
     */
    @GetMapping("/queue-rows")
    String queueRows(QueueQuery query, @RequestParam Optional<List<String>> newEmergency,
            @RequestParam Optional<String> view,
            @RequestHeader(name = IntakeBrowserSecurity.AUTO_REFRESH, required = false) String autoRefresh,
            HttpSession session, Authentication authentication, Model model) {
        rows(query, newEmergency, QueueViews.in(session).view(view.orElse(null), autoRefresh != null), authentication,
                model);
        return "clinician/queue :: rows";
    }

    @GetMapping(path = "/events", produces = "text/event-stream")
    @ResponseBody
    SseEmitter events(HttpSession session) {
        return updates.open(session.getId());
    }

    @GetMapping("/intakes/{id}")
    String detail(@PathVariable("id") String path, Authentication authentication, Model model) {
        String id = SubmissionIds.checked(path);
        IntakeDetail detail = queue.detail(Caller.of(authentication).actor(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no intake " + id));
        model.addAttribute("detail", detail);
        model.addAttribute("s", detail.submission());
        model.addAttribute("advice", words.parts(detail.submission().outcome().advice()));
        model.addAttribute("now", clock.instant());
        model.addAttribute("levels", Level.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "clinician/detail";
    }

    @PostMapping("/intakes/{id}/review")
    String review(@PathVariable("id") String path, @RequestParam Optional<String> note, Authentication authentication,
            RedirectAttributes redirect) {
        String id = SubmissionIds.checked(path);
        return decide(id, redirect, "Marked reviewed. The health record's flag will be made inactive.", () ->
                decisions.review(id, Caller.of(authentication).actor(), note));
    }

    @PostMapping("/intakes/{id}/override")
    String override(@PathVariable("id") String path, @RequestParam Optional<String> level, @RequestParam Optional<String> reason,
            Authentication authentication, RedirectAttributes redirect) {
        String id = SubmissionIds.checked(path);
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Level> chosen = level.flatMap(DecisionRequests.KnownLevel.Check::parse);
        if (chosen.isEmpty()) {
            errors.put("level", "Choose the level you judge right.");
        }
        if (reason.map(String::isBlank).orElse(true)) {
            errors.put("reason", "Give the reason for changing the level.");
        }
        if (!errors.isEmpty()) {
            return refused(id, redirect, errors, level.orElse(null), reason.orElse(""));
        }
        try {
            return decide(id, redirect, "Level changed to " + QueueRow.label(chosen.get())
                    + ". The health record's referral and flag will follow.",
                    () -> decisions.override(id, Caller.of(authentication).actor(), chosen.get(), reason.get()));
        } catch (IllegalArgumentException e) {
            return refused(id, redirect, Map.of("reason", e.getMessage()), level.orElse(null), reason.orElse(""));
        }
    }

    @PostMapping("/intakes/{id}/redeliver")
    String redeliver(@PathVariable("id") String path, Authentication authentication, RedirectAttributes redirect) {
        String id = SubmissionIds.checked(path);
        return decide(id, redirect, "Queued for delivery to the health record again.",
                () -> decisions.redeliver(id, Caller.of(authentication).actor()));
    }

    private void rows(QueueQuery query, Optional<List<String>> newEmergency, QueueViews.View view,
            Authentication authentication, Model model) {
        // Ids as the API makes them; anything else names no intake. A page asks after a few at most.
        List<String> asked = newEmergency.orElse(List.of()).stream().filter(SubmissionIds::isWellFormed)
                .distinct().limit(ClinicianQueue.MAX_NEW_INTAKES).toList();
        QueuePage result = queue.page(Caller.of(authentication).actor(), query.filter(), query.page(), query.after(),
                query.before(), asked, view);
        Instant now = clock.instant();
        model.addAttribute("queue", result);
        model.addAttribute("view", view.id());
        model.addAttribute("notice", EmergencyNotice.of(result, now));
        model.addAttribute("rows", result.items().stream().map(item -> QueueRow.of(item, now)).toList());
        model.addAttribute("levels", Level.values());
        model.addAttribute("deliveryStates", DeliveryState.values());
        model.addAttribute("level", query.level().map(Level::name).orElse(""));
        model.addAttribute("delivery", query.delivery().map(DeliveryState::name).orElse(""));
        model.addAttribute("after", query.after() == null ? null : query.after().cursor());
        model.addAttribute("before", query.before() == null ? null : query.before().cursor());
    }

    private static String decide(String id, RedirectAttributes redirect, String done,
            java.util.function.Supplier<Optional<StoredSubmission>> decision) {
        try {
            decision.get().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no intake " + id));
            redirect.addFlashAttribute("done", done);
        } catch (IntakeConflict e) {
            redirect.addFlashAttribute("notDone", "Nothing changed: " + e.getMessage() + ".");
        }
        return "redirect:/clinician/intakes/" + id;
    }

    private static String refused(String id, RedirectAttributes redirect, Map<String, String> errors, String level,
            String reason) {
        redirect.addFlashAttribute("errors", errors);
        redirect.addFlashAttribute("overrideLevel", level);
        redirect.addFlashAttribute("overrideReason", reason);
        return "redirect:/clinician/intakes/" + id + "#override";
    }
}
