package org.example.intake.web.intake.form;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.triage.Level;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.IntakeQuestionnaires;
import org.example.intake.web.advice.AdviceSection;
import org.example.intake.web.advice.AdviceWords;
import org.example.intake.web.intake.StoredSubmission;
import org.example.intake.web.intake.SubmissionIds;
import org.example.intake.web.intake.SubmissionService;
import org.example.intake.web.intake.SubmitResult;
import org.example.intake.web.sdc.RecordPrefill;
import org.example.intake.web.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The patient's pages (the page contract in the README's plugin section): the intake form, the result, past submissions.
 * The form's answers go to the same service as the API's; whether they are valid and what
 * they mean is decided there and in intake-core, never here.
 */
@Controller
@RequestMapping("/intake")
class IntakeFormController {

    /** The session attribute, followed by the form's submission key, that holds what the form was prefilled with. */
    static final String PREFILL = "intake.form.prefill.";

    private final SubmissionService intakes;
    private final TriageEngine engine;
    private final QuestionnaireForm form;
    private final AdviceWords words;
    private final AdviceSection emergencySigns;
    private final RecordPrefill prefill;

    IntakeFormController(SubmissionService intakes, TriageEngine engine, IntakeQuestionnaires questionnaires,
            AdviceWords words, RecordPrefill prefill) {
        this.intakes = intakes;
        this.prefill = prefill;
        this.engine = engine;
        this.form = new QuestionnaireForm(questionnaires.current());
        this.words = words;
        this.emergencySigns = emergencySigns(engine, words, form);
    }

    /**
     * The signs that call for 999, as intake-core lists them under {@link Advice#NET_CALL_999} for a
     * patient who has answered nothing yet: the page opens with them.
     */
    private static AdviceSection emergencySigns(TriageEngine engine, AdviceWords words, QuestionnaireForm form) {
        IntakeAnswers none = IntakeAnswers.builder().version(form.questionnaire().questionnaireVersion()).build();
        return words.section(engine.triage(none).advice(), Advice.NET_CALL_999).orElseThrow(
                () -> new IllegalStateException("intake-core lists no 999 signs for a patient yet to answer"));
    }

    /**
     * The form, prefilled from the signed-in patient's health record where it can be (see {@link RecordPrefill}); what
     * was prefilled is kept in the session under the form's submission key until it is sent.
     */
    @GetMapping
    String form(Authentication authentication, HttpSession session, Model model) {
        String submissionKey = UUID.randomUUID().toString();
        Caller caller = Caller.of(authentication);
        FormPrefill prefilled = caller.patientId()
                .flatMap(patientId -> prefill.forForm(caller.actor(), form.questionnaire(), patientId))
                .map(FormPrefill::of).orElse(FormPrefill.NONE);
        if (!prefilled.answers().isEmpty()) {
            session.setAttribute(PREFILL + submissionKey, prefilled);
        }
        FormAnswers answers = FormAnswers.of(prefilled.values(), form.questionnaire());
        return page(model, answers, prefilled, Map.of(), submissionKey);
    }

    @PostMapping
    String submit(@RequestParam Map<String, String> posted, Authentication authentication, HttpSession session,
            Model model) {
        String patientId = patientId(authentication);
        FormAnswers answers = FormAnswers.of(posted, form.questionnaire());
        Optional<String> key = Optional.ofNullable(posted.get("submissionKey")).filter(k -> k.matches("[0-9a-f-]{36}"));
        FormPrefill prefilled = key.map(k -> session.getAttribute(PREFILL + k)).filter(FormPrefill.class::isInstance)
                .map(FormPrefill.class::cast).orElse(FormPrefill.NONE);
        SubmitResult result = intakes.submit(prefilled.mark(answers.toResponse(form.questionnaire(), patientId),
                answers), patientId, key.map(k -> "form:" + k).orElse(null));
        if (result instanceof SubmitResult.Created || result instanceof SubmitResult.Repeated) {
            key.ifPresent(k -> session.removeAttribute(PREFILL + k));
        }
        if (result instanceof SubmitResult.Created created) {
            return "redirect:/intake/result/" + created.submission().id();
        }
        if (result instanceof SubmitResult.Repeated repeated) {
            return "redirect:/intake/result/" + repeated.submission().id();
        }
        Map<String, String> errors = result instanceof SubmitResult.Invalid invalid
                ? FieldErrors.of(invalid.outcome(), form)
                : Map.of(FieldErrors.GENERAL, "This form can only be sent about yourself.");
        return page(model, answers, prefilled, errors,
                posted.getOrDefault("submissionKey", UUID.randomUUID().toString()));
    }

    /** Whether the answers ticked so far already call for emergency care: the same rules as the verdict. */
    @PostMapping(path = "/check", produces = "application/json")
    @ResponseBody
    Map<String, Boolean> check(@RequestParam Map<String, String> posted) {
        Level level = engine.triage(FormAnswers.of(posted, form.questionnaire()).partial(form.questionnaire())).level();
        return Map.of("emergency", level == Level.EMERGENCY);
    }

    @GetMapping("/result/{id}")
    String result(@PathVariable String id, Authentication authentication, Model model) {
        model.addAttribute("result", ResultPage.of(ownSubmission(id, authentication), words));
        return "intake/result";
    }

    @GetMapping("/history")
    String history(Authentication authentication, Model model) {
        model.addAttribute("submissions", intakes.ofPatient(patientId(authentication)));
        return "intake/history";
    }

    private String page(Model model, FormAnswers answers, FormPrefill prefilled, Map<String, String> errors,
            String submissionKey) {
        model.addAttribute("prefilled", prefilled.kept(answers));
        model.addAttribute("emergencySigns", emergencySigns);
        model.addAttribute("sections", form.sections());
        model.addAttribute("answers", answers.values());
        model.addAttribute("hiddenQuestions", answers.hidden(form.questionnaire()));
        model.addAttribute("emergency",
                engine.triage(answers.partial(form.questionnaire())).level() == Level.EMERGENCY);
        model.addAttribute("errors", errors);
        model.addAttribute("submissionKey", submissionKey);
        return "intake/form";
    }

    private StoredSubmission ownSubmission(String path, Authentication authentication) {
        String patientId = patientId(authentication);
        return intakes.find(SubmissionIds.checked(path)).filter(submission -> submission.patientId().equals(patientId))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String patientId(Authentication authentication) {
        return Caller.of(authentication).patientId()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "not a patient"));
    }
}
