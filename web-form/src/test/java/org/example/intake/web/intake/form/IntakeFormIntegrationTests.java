package org.example.intake.web.intake.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.answers.CodedAnswer;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.triage.TriageEngine;
import org.example.intake.fhir.ExampleIntakes;
import org.example.intake.web.WebFormTestSupport;
import org.example.intake.web.security.IntakeUser;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The patient's pages through the plugin's real browser security chain, logged in with
 * Spring Security's {@code oidcLogin()} (the real Keycloak login is driven in the browser
 * tests): the patient pages' contract, CSRF, refusals that keep every answer.
 */
class IntakeFormIntegrationTests extends WebFormTestSupport {

    @Autowired
    MockMvc mvc;

    private static RequestPostProcessor patient(String id) {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-" + id, "preferred_username", id));
        return oidcLogin().oidcUser(new IntakeUser(List.of(new SimpleGrantedAuthority("ROLE_patient")), idToken, null, id));
    }

    private static RequestPostProcessor clinician() {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-sam", "preferred_username", "dr-sam"));
        return oidcLogin().oidcUser(new IntakeUser(List.of(new SimpleGrantedAuthority("ROLE_clinician")), idToken, null,
                null));
    }

    /** The complete benign intake of {@link ExampleIntakes}, as the form posts it. */
    private static Map<String, String> benignAnswers() {
        Map<String, String> answers = new LinkedHashMap<>();
        ExampleIntakes.benignAnswers(QuestionnaireVersion.CURRENT).forEach((question, value) -> answers.put(
                question.linkId(), value instanceof CodedAnswer option ? option.code() : String.valueOf(value)));
        return answers;
    }

    private static MockHttpServletRequestBuilder postForm(Map<String, String> answers) {
        MockHttpServletRequestBuilder request = post("/intake");
        answers.forEach(request::param);
        return request;
    }

    private Document page(MvcResult result) throws Exception {
        return Jsoup.parse(result.getResponse().getContentAsString());
    }

    @Test
    void aBrowserThatIsNotLoggedInIsSentToKeycloakWithPkce() throws Exception {
        MvcResult first = mvc.perform(get("/intake")).andReturn();
        assertThat(first.getResponse().getStatus()).isEqualTo(302);
        assertThat(first.getResponse().getRedirectedUrl()).endsWith("/intake/oauth2/authorization/intake");

        MvcResult second = mvc.perform(get("/intake/oauth2/authorization/intake")).andReturn();

        assertThat(second.getResponse().getRedirectedUrl())
                .startsWith("http://keycloak.localhost/realms/intake/protocol/openid-connect/auth?")
                .contains("client_id=intake-web", "code_challenge=", "code_challenge_method=S256",
                        "redirect_uri=http://localhost/intake/login/oauth2/code/intake");
    }

    @Test
    void theFormHasOneControlGroupPerQuestionNamedByItsLinkId() throws Exception {
        Document form = page(mvc.perform(get("/intake").with(patient("alex"))).andReturn());

        Element intakeForm = form.getElementById("intake-form");
        assertThat(intakeForm).isNotNull();
        assertThat(intakeForm.attr("method")).isEqualTo("post");
        for (Question question : Question.values()) {
            String name = question.linkId();
            if (!question.isAskedIn(QuestionnaireVersion.CURRENT)) {
                assertThat(intakeForm.select("[name=" + name + "]")).as("retired " + name).isEmpty();
                continue;
            }
            switch (question.type()) {
                case BOOLEAN -> assertThat(intakeForm.select("input[type=radio][name=" + name + "]"))
                        .extracting(e -> e.attr("value")).as(name).containsExactly("true", "false");
                case CHOICE -> assertThat(intakeForm.select("input[type=radio][name=" + name + "]"))
                        .extracting(e -> e.attr("value")).as(name)
                        .containsExactlyElementsOf(question.options().stream().map(o -> o.code()).toList());
                case INTEGER -> assertThat(intakeForm.select("input[type=number][name=" + name + "]")).as(name).hasSize(1);
                case TEXT -> assertThat(intakeForm.select("textarea[name=" + name + "]")).as(name).hasSize(1);
            }
        }
        assertThat(intakeForm.select("button[type=submit], input[type=submit]")).hasSize(1);
        assertThat(intakeForm.select("input[name=_csrf]")).hasSize(1);
    }

    @Test
    void dependentQuestionsStartHiddenAndTheEmergencyWarningToo() throws Exception {
        Document form = page(mvc.perform(get("/intake").with(patient("alex"))).andReturn());

        for (String dependent : List.of("radiates-below-knee", "pain-both-legs", "numbness-both-legs",
                "numbness-worsening", "weakness-progressing", "weakness-both-legs")) {
            assertThat(form.select("[data-question=" + dependent + "]").first().hasAttr("hidden")).as(dependent).isTrue();
        }
        assertThat(form.select("[data-question=fever]").first().hasAttr("hidden")).isFalse();
        Element warning = form.getElementById("emergency-warning");
        assertThat(warning.attr("role")).isEqualTo("alert");
        assertThat(warning.hasAttr("hidden")).isTrue();
    }

    @Test
    void theStandingAnswersReadAsTheQuestionAsks() throws Exception {
        Document form = page(mvc.perform(get("/intake").with(patient("alex"))).andReturn());

        assertThat(form.select("[data-question=standing] input")).extracting(e -> e.attr("value"))
                .containsExactly("can-stand", "cannot-stand", "could-not-before");
        assertThat(form.select("[data-question=standing] label")).extracting(Element::text)
                .containsExactly("Yes, I can", "No, I can't", "I could not stand before this started");
    }

    @Test
    void aValidFormIsAcceptedAndTheResultPageCarriesTheLevel() throws Exception {
        Map<String, String> answers = benignAnswers();
        answers.put("fever", "true");

        MvcResult sent = mvc.perform(postForm(answers).with(patient("alex")).with(csrf())).andReturn();

        assertThat(sent.getResponse().getStatus()).isEqualTo(302);
        String resultUrl = sent.getResponse().getRedirectedUrl();
        assertThat(resultUrl).startsWith("/intake/result/");
        Document result = page(mvc.perform(get(resultUrl).with(patient("alex"))).andReturn());
        assertThat(result.getElementById("triage-result").attr("data-level")).isEqualTo("URGENT");
        assertThat(result.text()).contains("Speak to a doctor today", "not a diagnosis");
    }

    @Test
    void aRefusedFormIsShownAgainWithTheErrorSummaryAndEveryAnswerKept() throws Exception {
        Map<String, String> answers = benignAnswers();
        answers.remove("age");
        answers.put("pain-severity", "eleven");
        answers.put("notes", "Started after moving house.");

        Document form = page(mvc.perform(postForm(answers).with(patient("alex")).with(csrf())).andReturn());

        Element summary = form.getElementById("error-summary");
        assertThat(summary).isNotNull();
        assertThat(summary.select("a")).extracting(e -> e.attr("href")).containsExactly("#pain-severity", "#age");
        assertThat(form.select("input[name=onset][checked]").attr("value")).isEqualTo("days");
        assertThat(form.select("input[name=fever][checked]").attr("value")).isEqualTo("false");
        assertThat(form.select("input[name=standing][checked]").attr("value")).isEqualTo("can-stand");
        assertThat(form.select("input[name=pain-severity]").attr("value")).isEqualTo("eleven");
        assertThat(form.select("textarea[name=notes]").text()).isEqualTo("Started after moving house.");
        assertThat(form.getElementById("age")).isNotNull();
    }

    @Test
    void thePageOpensWithIntakeCoresSignsFor999AboveTheFirstQuestion() throws Exception {
        Document form = page(mvc.perform(get("/intake").with(patient("alex"))).andReturn());

        Element signs = form.getElementById("emergency-signs");
        assertThat(signs.text()).contains("Call 999 now if you have any of these:");
        assertThat(signs.select("ul.govuk-list--bullet > li")).extracting(Element::text)
                .containsExactlyElementsOf(call999Signs()).contains(Advice.SIGN_SADDLE_NUMBNESS.text());
        Element firstQuestion = form.selectFirst("[data-question]");
        assertThat(firstQuestion.attr("data-question")).isEqualTo("onset");
        List<Element> inOrder = form.getAllElements();
        assertThat(inOrder.indexOf(signs)).isLessThan(inOrder.indexOf(form.getElementById("intake-form")))
                .isLessThan(inOrder.indexOf(firstQuestion));
    }

    /** The signs intake-core lists under its 999 heading for a patient who has answered nothing. */
    private static List<String> call999Signs() {
        List<Advice> advice = new TriageEngine()
                .triage(IntakeAnswers.builder().version(QuestionnaireVersion.CURRENT).build()).advice();
        return Advice.sections(advice).stream().filter(section -> section.lead() == Advice.NET_CALL_999).findFirst()
                .orElseThrow().items().stream().map(Advice::text).toList();
    }

    @Test
    void theEmergencyWarningIsAnAlertInTheFormRightBeforeItsOneSubmitButton() throws Exception {
        Document form = page(mvc.perform(get("/intake").with(patient("alex"))).andReturn());

        Element warning = form.getElementById("emergency-warning");
        assertThat(warning.parent().id()).isEqualTo("intake-form");
        assertThat(warning.nextElementSibling().is("button[type=submit]")).isTrue();
        assertThat(warning.attr("role")).isEqualTo("alert");
        assertThat(warning.select("a[href=tel:999]")).hasSize(1);
    }

    @Test
    void withoutJavaScriptARefusedFormShowsTheEmergencyWarningWhenTheAnswersSoFarCallFor999() throws Exception {
        Map<String, String> answers = benignAnswers();
        answers.remove("age");
        answers.put("very-unwell", "true");

        Document form = page(mvc.perform(postForm(answers).with(patient("alex")).with(csrf())).andReturn());

        assertThat(form.getElementById("error-summary")).isNotNull();
        assertThat(form.getElementById("emergency-warning").hasAttr("hidden")).isFalse();
    }

    @Test
    void theResultPageShowsTheAdviceInIntakeCoresOrderEachSafetyNetAListOfOneSignALine() throws Exception {
        String resultUrl = mvc.perform(postForm(benignAnswers()).with(patient("alex")).with(csrf())).andReturn()
                .getResponse().getRedirectedUrl();
        List<Advice> advice = store.find(resultUrl.substring(resultUrl.lastIndexOf('/') + 1)).orElseThrow()
                .outcome().advice();

        Document result = page(mvc.perform(get(resultUrl).with(patient("alex"))).andReturn());

        Element triage = result.getElementById("triage-result");
        assertThat(triage.attr("data-level")).isEqualTo("SELF_CARE");
        List<Advice.Section> sections = Advice.sections(advice);
        assertThat(triage.select("[data-advice]")).extracting(e -> e.attr("data-advice"))
                .containsExactlyElementsOf(sections.stream().map(section -> section.lead().name()).toList());
        for (Advice.Section section : sections) {
            Element shown = triage.selectFirst("[data-advice=" + section.lead().name() + "]");
            assertThat(shown.text()).as(section.lead().name()).contains(section.lead().text());
            assertThat(shown.select("ul.govuk-list.govuk-list--bullet > li")).as(section.lead().name())
                    .extracting(Element::text)
                    .containsExactlyElementsOf(section.items().stream().map(Advice::text).toList());
        }
        assertThat(triage.select("[data-advice=NET_CALL_999] li")).hasSizeGreaterThan(5);
        assertThat(triage.select("[data-advice=NET_SAME_DAY] li")).isNotEmpty();
        assertThat(triage.select("[data-advice=NET_GP] li")).isNotEmpty();
        assertThat(triage.select("[data-advice=NET_CALL_999] .govuk-warning-text")).hasSize(1);
        assertThat(triage.select("[data-advice]").last().attr("data-advice")).isEqualTo("WHAT_HAPPENS_NEXT");
        assertThat(triage.select("[data-advice]").last().text()).isEqualTo(Advice.WHAT_HAPPENS_NEXT.text());
        assertThat(triage.text()).contains(Advice.ACT_SELF_CARE_NO_DOCTOR_NOW.text())
                .doesNotContainIgnoringCase("look after this at home").doesNotContainIgnoringCase("no sign");
    }

    @Test
    void anEmergencyResultLeadsWithTheActionAsWarningTextAndNothingToDistractFromIt() throws Exception {
        Map<String, String> answers = benignAnswers();
        answers.put("saddle-numbness", "true");
        String resultUrl = mvc.perform(postForm(answers).with(patient("alex")).with(csrf())).andReturn()
                .getResponse().getRedirectedUrl();

        Document result = page(mvc.perform(get(resultUrl).with(patient("alex"))).andReturn());

        Element triage = result.getElementById("triage-result");
        assertThat(triage.attr("data-level")).isEqualTo("EMERGENCY");
        assertThat(triage.selectFirst("[role=alert] h1").text()).isEqualTo("Call 999 or go to A&E now");
        assertThat(triage.select("[data-advice]")).extracting(e -> e.attr("data-advice"))
                .containsExactly("ACT_EMERGENCY", "WHAT_HAPPENS_NEXT");
        assertThat(triage.select("[data-advice=ACT_EMERGENCY] .govuk-warning-text").text())
                .contains(Advice.ACT_EMERGENCY.text());
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() throws Exception {
        MvcResult result = mvc.perform(postForm(benignAnswers()).with(patient("alex"))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theEmergencyCheckUsesTheRulesOnTheAnswersSoFar() throws Exception {
        String none = mvc.perform(post("/intake/check").param("fever", "true").with(patient("alex")).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        String saddle = mvc.perform(post("/intake/check").param("saddle-numbness", "true").with(patient("alex"))
                .with(csrf())).andReturn().getResponse().getContentAsString();
        String bothLegs = mvc.perform(post("/intake/check").param("radiates", "true").param("pain-both-legs", "true")
                .with(patient("alex")).with(csrf())).andReturn().getResponse().getContentAsString();
        String hiddenBothLegs = mvc.perform(post("/intake/check").param("radiates", "false")
                .param("pain-both-legs", "true").with(patient("alex")).with(csrf())).andReturn().getResponse()
                .getContentAsString();

        assertThat(none).isEqualTo("{\"emergency\":false}");
        assertThat(saddle).isEqualTo("{\"emergency\":true}");
        assertThat(bothLegs).isEqualTo("{\"emergency\":true}");
        assertThat(hiddenBothLegs).isEqualTo("{\"emergency\":false}");
    }

    /**
     * The page script's enableWhen, run by GraalJS on the page as served (its data-enable-when attributes, the
     * script file itself) over every combination of answers to the questions that enable others (unanswered,
     * yes, no), shows exactly the questions intake-core's evaluator says are asked.
     */
    @Test
    void thePageScriptShowsExactlyTheQuestionsIntakeCoreEnables_forEveryCombinationOfAnswers() throws Exception {
        Document form = page(mvc.perform(get("/intake").with(patient("alex"))).andReturn());
        String script = mvc.perform(get("/intake/assets/intake.js")).andReturn().getResponse().getContentAsString();
        Map<String, String> enableWhen = new LinkedHashMap<>();
        form.select("[data-question]").forEach(group -> enableWhen.put(group.attr("data-question"),
                group.attr("data-enable-when")));
        List<Question> enablers = Arrays.stream(Question.values()).filter(q -> q.isAskedIn(QuestionnaireVersion.CURRENT))
                .flatMap(q -> q.enabledWhenAnyTrue().stream()).distinct().toList();
        assertThat(enablers).extracting(Question::linkId).containsExactly("radiates", "numbness-tingling", "leg-weakness");

        try (Context js = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            Value page = js.getBindings("js");
            page.putMember("groups", ProxyObject.fromMap(new LinkedHashMap<>(enableWhen)));
            js.eval("js", PAGE_STANDIN);
            js.eval(Source.newBuilder("js", script, "intake.js").build());
            int combinations = (int) Math.pow(3, enablers.size());
            for (int combination = 0; combination < combinations; combination++) {
                IntakeAnswers.Builder answers = IntakeAnswers.builder();
                Map<String, Object> ticked = new LinkedHashMap<>();
                for (int i = 0, rest = combination; i < enablers.size(); i++, rest /= 3) {
                    if (rest % 3 > 0) {
                        answers.answer(enablers.get(i), rest % 3 == 1);
                        ticked.put(enablers.get(i).linkId(), String.valueOf(rest % 3 == 1));
                    }
                }
                IntakeAnswers core = answers.build();
                page.getMember("tick").execute(ProxyObject.fromMap(ticked));

                for (Map.Entry<String, String> group : enableWhen.entrySet()) {
                    Question question = Question.byLinkId(group.getKey()).orElseThrow();
                    boolean shown = !page.getMember("isHidden").execute(group.getKey()).asBoolean();
                    assertThat(shown).as(group.getKey() + " shown after " + ticked).isEqualTo(core.isEnabled(question));
                }
            }
        }
    }

    /**
     * What intake.js uses of the page, standing in for a browser's DOM: the form's groups with their
     * data-enable-when (from {@code groups}), the radios ticked (set by {@code tick}, which then fires the
     * form's change listeners), the emergency warning; the check request is never sent.
     */
    private static final String PAGE_STANDIN = """
            var listeners = {}, checked = {}, hidden = {};
            var groupElements = Object.keys(groups).map(function (name) {
              return { name: name, getAttribute: function (a) { return a === 'data-enable-when' ? groups[name] : null; },
                       set hidden(value) { hidden[name] = value; }, get hidden() { return hidden[name] === true; } };
            });
            var form = {
              querySelectorAll: function (selector) {
                if (selector !== '[data-enable-when]') { throw new Error('unexpected selector ' + selector); }
                return groupElements;
              },
              querySelector: function (selector) {
                var match = /^input\\[name="([^"]+)"\\]:checked$/.exec(selector);
                if (!match) { throw new Error('unexpected selector ' + selector); }
                return checked[match[1]] === undefined ? null : { value: checked[match[1]] };
              },
              addEventListener: function (type, listener) { (listeners[type] = listeners[type] || []).push(listener); },
              contains: function () { return false; },
              getAttribute: function () { return '/intake/check'; }
            };
            var warning = { hidden: true, offsetHeight: 0, getBoundingClientRect: function () { return { top: 0 }; } };
            var document = {
              getElementById: function (id) { return id === 'intake-form' ? form : id === 'emergency-warning' ? warning : null; },
              documentElement: { style: {} },
              activeElement: null
            };
            function setTimeout() { return 0; }
            function clearTimeout() { }
            function tick(answers) {
              checked = {};
              Object.keys(answers).forEach(function (name) { checked[name] = answers[name]; });
              (listeners.change || []).forEach(function (listener) { listener({ target: {} }); });
            }
            function isHidden(name) { return hidden[name] === true; }
            """;

    @Test
    void anAnswerToAHiddenQuestionIsDroppedOnTheServerToo() throws Exception {
        Map<String, String> answers = benignAnswers();
        answers.put("radiates", "false");
        answers.put("pain-both-legs", "true"); // a radio ticked, then hidden when radiates became no

        MvcResult sent = mvc.perform(postForm(answers).with(patient("alex")).with(csrf())).andReturn();

        assertThat(sent.getResponse().getRedirectedUrl()).startsWith("/intake/result/");
    }

    @Test
    void aClinicianIsNotAPatientAndCannotUseTheForm() throws Exception {
        assertThat(mvc.perform(get("/intake").with(clinician())).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void anotherPatientsResultIsNotFound() throws Exception {
        String resultUrl = mvc.perform(postForm(benignAnswers()).with(patient("alex")).with(csrf())).andReturn()
                .getResponse().getRedirectedUrl();

        assertThat(mvc.perform(get(resultUrl).with(patient("casey"))).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get(resultUrl).with(patient("alex"))).andReturn().getResponse().getStatus())
                .isEqualTo(200);
    }

    @Test
    void thePastSubmissionsPageListsThePatientsOwnOnly() throws Exception {
        String resultUrl = mvc.perform(postForm(benignAnswers()).with(patient("alex")).with(csrf())).andReturn()
                .getResponse().getRedirectedUrl();
        String id = resultUrl.substring(resultUrl.lastIndexOf('/') + 1);

        Document alex = page(mvc.perform(get("/intake/history").with(patient("alex"))).andReturn());
        Document casey = page(mvc.perform(get("/intake/history").with(patient("casey"))).andReturn());

        assertThat(alex.select("[data-submission-id=" + id + "]")).hasSize(1);
        assertThat(casey.select("[data-submission-id=" + id + "]")).isEmpty();
    }

    @Test
    void thePagesAssetsNeedNoLogin() throws Exception {
        assertThat(mvc.perform(get("/intake/assets/govuk/govuk-frontend.min.css")).andReturn().getResponse()
                .getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/intake/assets/intake.js")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}
