package org.example.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.example.demo.browser.Accessibility.assertNoSeriousAccessibilityViolation;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.Responses;
import org.example.intake.keycloak.DemoRealm;
import org.example.intake.testsupport.PatientTokens;
import org.example.intake.web.queue.QueueUpdates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A clinician's journey in a real browser (headless Chromium) against the real demo stack:
 * dr-sam logs in on Keycloak's own page, watches the queue take in a new EMERGENCY intake
 * without a reload, reviews one and overrides another, and the EHR sandbox follows; a patient's
 * text is shown as text and never runs; a patient gets the 403 page; the queue keeps working
 * while its event stream is down. axe-core on the queue and the detail page; screenshots under
 * target/screenshots ({@code clinician-*}).
 *
 * <p>Other test classes share the stack, so the queue may hold their submissions: each test
 * submits its own intakes through the API (with alex's real token) and looks only at those,
 * or at queue order relative to them. The clinician's browser is logged in once for the class;
 * it watches the page's EventSource (a script Chromium runs before each page's own) so a test
 * knows when the stream is up, and it never changes what the page does.
 */
class ClinicianJourneyBrowserTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE_SYSTEM = "http://example.org/fhir/sid/intake-resource";
    /** How long the EHR sandbox may take to show a decision (it is slow, and delivery retries back off). */
    private static final Duration EHR_WAIT = Duration.ofSeconds(60);

    /**
     * Runs before each page's scripts: counts the {@code ready} events of every EventSource the
     * page opens, and keeps the sources in {@code window.__eventSources}, for the tests to look at.
     */
    private static final String WATCH_EVENT_SOURCES = """
            (function () {
              var Native = window.EventSource;
              if (!Native || Native.__watched) { return; }
              window.__eventSources = [];
              window.__streamReady = 0;
              function Watched(url, init) {
                var source = new Native(url, init);
                window.__eventSources.push(source);
                source.addEventListener('ready', function () { window.__streamReady++; });
                return source;
              }
              Watched.prototype = Native.prototype;
              Watched.CONNECTING = 0; Watched.OPEN = 1; Watched.CLOSED = 2;
              Watched.__watched = true;
              window.EventSource = Watched;
            }());""";

    /** Records the id of every row that is ever marked new (the mark lasts until the rows are next fetched). */
    private static final String WATCH_HIGHLIGHTS = """
            window.__highlighted = [];
            new MutationObserver(function () {
              document.querySelectorAll('.queue-row--new').forEach(function (row) {
                var id = row.getAttribute('data-submission-id');
                if (window.__highlighted.indexOf(id) < 0) { window.__highlighted.push(id); }
              });
            }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });""";

    private static final String STREAM_INTERRUPTED =
            "Live updates are interrupted: the queue is checked every 10 seconds until they are back.";

    /** Records every text {@code #queue-stream-state} shows while it is visible. */
    private static final String WATCH_STREAM_STATE = """
            window.__streamStates = [];
            var state = document.getElementById('queue-stream-state');
            new MutationObserver(function () {
              if (!state.hidden) { window.__streamStates.push(state.textContent); }
            }).observe(state, { attributes: true, childList: true, characterData: true, subtree: true });""";

    private static DemoStack stack;
    private static Browser clinician;
    private Browser other;
    private final List<String> toTidy = new ArrayList<>();

    @BeforeAll
    static void startTheStackOnce() {
        stack = DemoStack.shared();
    }

    @AfterAll
    static void closeTheClinician() {
        if (clinician != null) {
            clinician.close();
        }
    }

    @AfterEach
    void closeOtherBrowsersAndReviewOwnEmergencies() throws Exception {
        if (other != null) {
            Browser closing = other;
            other = null;
            closing.close(); // fails the test on a CSP violation in its console
        }
        if (clinician != null) {
            clinician.assertNoCspViolations();
        }
        // An unreviewed EMERGENCY of this class would stand above later tests' own at the top of the queue.
        for (String id : toTidy) {
            review(id);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 1. Login and accessibility

    @Test
    void drSamLogsInOnKeycloakAtClinician_andSeesTheQueue_queueAndDetailPassAxe() throws Exception {
        String id = submit(Responses.benign().set(Question.FEVER, true)); // URGENT, a fired rule to show
        other = Browser.desktop();

        other.open(stack.webBaseUrl + "/clinician");

        other.waitFor(By.id("kc-login"));
        assertThat(other.driver.getCurrentUrl()).startsWith(stack.keycloak.issuerUri());
        other.logInOnKeycloak("dr-sam", "dr-sam");
        other.waitFor(By.id("queue-content"));
        assertThat(other.driver.getCurrentUrl()).startsWith(stack.webBaseUrl + "/clinician");
        assertThat(other.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Triage queue");
        assertThat(other.driver.findElement(By.className("intake-header__user")).getText())
                .isEqualTo("Signed in as dr-sam");
        other.waitFor(row(id));
        assertThat(levelOf(other, id)).isEqualTo("URGENT");
        assertThat(textOf(other, id)).contains("Urgent", "Patient/alex");
        other.screenshot("clinician-01-queue");
        assertNoSeriousAccessibilityViolation(other, "queue");

        onRow(other, id, row -> {
            row.findElement(By.cssSelector("a.queue-open")).click();
            return null;
        });

        WebElement detail = other.waitFor(By.id("intake-detail"));
        assertThat(detail.getAttribute("data-intake-id")).isEqualTo(id);
        assertThat(other.driver.findElement(By.id("fired-rules")).getText()).contains("Urgent");
        assertThat(other.driver.findElement(By.cssSelector("#answers [data-link-id='fever'] .answer-text")).getText())
                .isEqualTo("Yes");
        assertThat(other.driver.findElements(By.cssSelector("#advice li"))).isNotEmpty();
        other.screenshot("clinician-02-detail");
        assertNoSeriousAccessibilityViolation(other, "detail");
    }

    // ---------------------------------------------------------------------------------------------
    // 2. A new EMERGENCY appears at the top without a reload, and is announced

    @Test
    void aNewEmergencyAppearsAtTheTopOfTheOpenQueueWithoutAReload_andIsAnnounced() throws Exception {
        Browser browser = clinician();
        openQueueWithLiveUpdates(browser);
        js(browser, "window.__marker = 1;");
        js(browser, WATCH_HIGHLIGHTS);

        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true));
        toTidy.add(id);

        browser.waitFor(row(id));
        assertThat(js(browser, "return window.__marker")).as("the page was not reloaded").isEqualTo(1L);
        // Queue order: unreviewed first, EMERGENCY first, oldest first. Only another test class's older
        // unreviewed EMERGENCY may stand above this one; alone on the stack, it is the first row.
        List<Map<String, Object>> rows = rows(browser);
        int position = rows.stream().map(r -> r.get("id")).toList().indexOf(id);
        assertThat(position).as("row of " + id).isNotNegative();
        assertThat(rows.get(position).get("level")).isEqualTo("EMERGENCY");
        assertThat(rows.subList(0, position)).allSatisfy(earlier -> {
            assertThat(earlier.get("level")).isEqualTo("EMERGENCY");
            assertThat(earlier.get("reviewed")).isEqualTo(false);
        });
        String expected = position == 0 ? "New emergency intake, now at the top of the queue."
                : "New emergency intake, now in the queue.";
        until(browser, driver -> driver.findElement(By.id("queue-alert")).getText().equals(expected),
                Duration.ofSeconds(10), "#queue-alert says: " + expected);
        assertThat(browser.driver.findElement(By.id("queue-alert")).getAttribute("aria-live")).isEqualTo("assertive");
        assertThat(js(browser, "return window.__highlighted")).as("rows marked new").asList().contains(id);
        assertThat(browser.driver.findElement(By.id("queue-stream-state")).isDisplayed()).isFalse();
        browser.screenshot("clinician-03-new-emergency");
    }

    // ---------------------------------------------------------------------------------------------
    // 3. Review: the banner, then the EHR's Flag becomes inactive

    @Test
    void theClinicianMarksAnIntakeReviewed_andTheEhrFlagBecomesInactive() throws Exception {
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true));
        Browser browser = clinician();
        browser.open(stack.webBaseUrl + "/clinician/intakes/" + id);
        assertThat(browser.waitFor(By.id("review-state")).getText()).isEqualTo("Not reviewed yet");

        browser.driver.findElement(By.id("review-note")).sendKeys("Called the patient: on the way to A&E.");
        browser.driver.findElement(By.id("mark-reviewed")).click();

        assertThat(browser.waitFor(By.id("action-done")).getText())
                .isEqualTo("Marked reviewed. The health record's flag will be made inactive.");
        assertThat(browser.driver.findElement(By.id("review-state")).getText())
                .contains("Reviewed by dr-sam", "Note: Called the patient: on the way to A&E.");
        assertThat(browser.driver.findElements(By.id("review-form"))).as("no second review").isEmpty();
        browser.screenshot("clinician-04-reviewed");
        awaitInEhr("Flag", id, "flag", "status", "inactive");
    }

    // ---------------------------------------------------------------------------------------------
    // 4. Override: both verdicts shown, the EHR's ServiceRequest follows

    @Test
    void theClinicianChangesAnEmergencyToUrgent_bothVerdictsShow_andTheEhrReferralBecomesUrgent() throws Exception {
        String id = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true));
        String reason = "Saddle numbness resolved on the phone; seen in the urgent clinic today.";
        Browser browser = clinician();
        browser.open(stack.webBaseUrl + "/clinician/intakes/" + id);
        browser.waitFor(By.id("override"));

        browser.driver.findElement(By.cssSelector("label[for='override-level-URGENT']")).click();
        browser.driver.findElement(By.id("override-reason")).sendKeys(reason);
        browser.driver.findElement(By.id("change-level")).click();

        assertThat(browser.waitFor(By.id("action-done")).getText())
                .isEqualTo("Level changed to Urgent. The health record's referral and flag will follow.");
        assertThat(browser.driver.findElement(By.id("intake-detail")).getAttribute("data-level")).isEqualTo("URGENT");
        assertThat(browser.driver.findElement(By.id("triage-verdict")).getText()).startsWith("Emergency");
        String override = browser.driver.findElement(By.id("override-verdict")).getText();
        assertThat(override).startsWith("Urgent, by dr-sam on").contains("Reason: " + reason);
        browser.screenshot("clinician-05-overridden");
        awaitInEhr("ServiceRequest", id, "referral", "priority", "urgent");

        browser.open(stack.webBaseUrl + "/clinician");
        browser.waitFor(row(id));
        assertThat(levelOf(browser, id)).isEqualTo("URGENT");
        assertThat(textOf(browser, id)).contains("Set by a clinician; triage said Emergency");
    }

    @Test
    void anOverrideWithoutAReasonIsRefused_keepsTheChosenLevel_andChangesNothing() throws Exception {
        String id = submit(Responses.benign().set(Question.FEVER, true));
        Browser browser = clinician();
        browser.open(stack.webBaseUrl + "/clinician/intakes/" + id);
        browser.waitFor(By.id("override"));

        browser.driver.findElement(By.cssSelector("label[for='override-level-SOON']")).click();
        browser.driver.findElement(By.id("change-level")).click();

        WebElement summary = browser.waitFor(By.id("error-summary"));
        assertThat(summary.getText()).contains("There is a problem", "Give the reason for changing the level.");
        assertThat(summary.findElement(By.tagName("a")).getAttribute("href")).endsWith("#override-reason");
        assertThat(browser.driver.findElement(By.id("override-level-SOON")).isSelected()).isTrue();
        assertThat(browser.driver.findElements(By.id("action-done"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("intake-detail")).getAttribute("data-level")).isEqualTo("URGENT");
        assertThat(browser.driver.findElements(By.id("override-verdict"))).isEmpty();
        browser.screenshot("clinician-06-override-refused");
        assertNoSeriousAccessibilityViolation(browser, "detail with an error summary");
    }

    // ---------------------------------------------------------------------------------------------
    // 5. A patient's text is shown as text, never run

    @Test
    void aPatientsNotesAreShownAsText_andNeverRun_onTheDetailPageAndTheQueue() throws Exception {
        String payload = "<script>window.__pwned=1</script> \"><img src=x onerror=\"window.__pwned=2\">";
        String id = submit(Responses.benign().set(Question.NOTES, payload));
        Browser browser = clinician();

        browser.open(stack.webBaseUrl + "/clinician/intakes/" + id);

        WebElement notes = browser.waitFor(By.cssSelector("#answers [data-link-id='notes'] .answer-text"));
        assertThat(notes.getAttribute("textContent")).isEqualTo(payload);
        assertThat(browser.driver.findElements(By.cssSelector("#answers script, #answers img"))).isEmpty();
        assertNothingRan(browser);
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", notes);
        browser.screenshot("clinician-07-notes-as-text");

        openQueueWithLiveUpdates(browser);
        browser.waitFor(row(id));
        assertNothingRan(browser);
        js(browser, "window.__marker = 1;");
        String next = submit(Responses.benign());
        browser.waitFor(row(next)); // the queue fetched and swapped in its rows again, the payload's among them
        assertThat(js(browser, "return window.__marker")).as("the page was not reloaded").isEqualTo(1L);
        assertThat(browser.driver.findElements(By.cssSelector("#queue-content script, #queue-content img"))).isEmpty();
        assertNothingRan(browser);
    }

    // ---------------------------------------------------------------------------------------------
    // 6. A patient never gets the clinicians' pages

    @Test
    void aPatientLoggingInAtClinicianGetsThe403Page_neverTheQueue() throws Exception {
        String id = submit(Responses.benign());
        other = Browser.desktop();

        other.open(stack.webBaseUrl + "/clinician");
        other.logInOnKeycloak("alex", "alex");

        assertThat(other.becomesText(By.tagName("h1"), "This page is not for your account", Duration.ofSeconds(20)))
                .as("the 403 page's heading").isTrue();
        assertThat(other.driver.findElements(By.cssSelector("#queue-content, [data-submission-id]"))).isEmpty();
        assertThat(other.driver.getPageSource()).doesNotContain(id);
        other.screenshot("clinician-08-forbidden-for-a-patient");
        // The same session asking as a script would: every clinician's URL is 403, none leaks a row.
        for (String path : List.of("/clinician", "/clinician/queue-rows", "/clinician/events",
                "/clinician/intakes/" + id)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = (Map<String, Object>) ((JavascriptExecutor) other.driver).executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'})"
                            + ".then(function (r) { return r.text().then(function (t) { done({status: r.status, body: t}); }); })"
                            + ".catch(function (e) { done({status: -1, body: String(e)}); });", path);
            assertThat(((Number) answer.get("status")).intValue()).as(path).isEqualTo(403);
            assertThat((String) answer.get("body")).as(path).doesNotContain(id).doesNotContain("data-submission-id");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 7. The event stream drops: the page says so, keeps itself up to date, and recovers

    @Test
    void whenTheEventStreamDropsTheQueueSaysSo_reconnects_andFetchesWhatCameMeanwhile() throws Exception {
        Browser browser = clinician();
        openQueueWithLiveUpdates(browser);
        js(browser, "window.__marker = 1;");
        js(browser, WATCH_STREAM_STATE);
        String token = PatientTokens.accessToken(stack.keycloak.tokenUri(), DemoRealm.ALEX);

        // The server ends the open stream, as on a restart or a proxy's timeout; an intake comes in before
        // the browser reconnects (it waits the 2 s the stream asked for), so no event tells the page of it.
        dropEveryEventStream();
        String meanwhile = submit(Responses.benign().set(Question.FEVER, true), token);

        until(browser, driver -> Long.valueOf(2).equals(js(browser, "return window.__streamReady")),
                Duration.ofSeconds(20), "the queue's event stream is up again");
        browser.waitFor(row(meanwhile));
        assertThat(levelOf(browser, meanwhile)).isEqualTo("URGENT");
        assertThat(js(browser, "return window.__streamStates")).asList().contains(STREAM_INTERRUPTED);
        until(browser, driver -> !driver.findElement(By.id("queue-stream-state")).isDisplayed(),
                Duration.ofSeconds(5), "#queue-stream-state hidden again");

        // Live again: a new intake arrives through the stream, announced.
        String afterwards = submit(Responses.benign().set(Question.FEVER, true));
        browser.waitFor(row(afterwards));
        until(browser, driver -> driver.findElement(By.id("queue-live")).getText()
                        .matches("New urgent intake, now (at the top of the|in the) queue\\."),
                Duration.ofSeconds(10), "#queue-live announces the new urgent intake");
        assertThat(js(browser, "return window.__marker")).as("the page was not reloaded").isEqualTo(1L);
    }

    @Test
    void whileTheEventStreamCannotComeBackTheQueueSaysSo_andStillTakesInNewIntakesEvery10Seconds() throws Exception {
        Browser browser = clinician();
        openQueueWithLiveUpdates(browser);
        js(browser, "window.__marker = 1;");
        ChromeDriver chrome = (ChromeDriver) browser.driver;
        chrome.executeCdpCommand("Network.enable", Map.of());
        try {
            // The server ends the open stream and the browser's reconnection fails (the stream's URL
            // blocked in Chromium, which then gives the EventSource up for good).
            chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/clinician/events*")));
            dropEveryEventStream();
            until(browser, driver -> driver.findElement(By.id("queue-stream-state")).isDisplayed(),
                    Duration.ofSeconds(10), "#queue-stream-state shows");
            assertThat(browser.driver.findElement(By.id("queue-stream-state")).getText()).isEqualTo(STREAM_INTERRUPTED);
            browser.screenshot("clinician-09-stream-interrupted");

            String whileDown = submit(Responses.benign().set(Question.SADDLE_NUMBNESS, true));
            toTidy.add(whileDown);
            new WebDriverWait(browser.driver, Duration.ofSeconds(25))
                    .withMessage("the intake submitted while the stream was down appears")
                    .until(driver -> !driver.findElements(row(whileDown)).isEmpty());
            assertThat(levelOf(browser, whileDown)).isEqualTo("EMERGENCY");
            assertThat(js(browser, "return window.__streamReady")).as("no stream came back meanwhile").isEqualTo(1L);
            assertThat(browser.driver.findElement(By.id("queue-stream-state")).isDisplayed()).isTrue();
            assertThat(js(browser, "return window.__marker")).as("the page was not reloaded").isEqualTo(1L);
        } finally {
            chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
    }

    /** Ends every open queue event stream from the server's side, as a restart or a proxy would. */
    private static void dropEveryEventStream() {
        assertThat(stack.bean(QueueUpdates.class).disconnectAll()).as("open event streams").isPositive();
    }

    // ---------------------------------------------------------------------------------------------

    /** dr-sam's browser, logged in once for the class, watching each page's EventSource. */
    // ---------------------------------------------------------------------------------------------
    // 8. Signing out in one tab: the queue open in another reloads into Keycloak's login at its next refresh

    @Test
    void signingOutInOneTab_theOpenQueueInAnotherGoesToKeycloaksLoginAtItsNextRefresh() throws Exception {
        other = Browser.desktop();
        ((ChromeDriver) other.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", WATCH_EVENT_SOURCES));
        other.open(stack.webBaseUrl + "/clinician");
        other.logInOnKeycloak("dr-sam", "dr-sam");
        openQueueWithLiveUpdates(other);
        String queueTab = other.driver.getWindowHandle();
        String keycloakLogin = stack.keycloak.issuerUri().replaceAll("/$", "") + "/protocol/openid-connect/auth";

        other.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        other.open(stack.webBaseUrl + "/clinician");
        WebElement signOut = other.waitFor(By.cssSelector("#sign-out button[type=submit]"));
        assertThat(signOut.getText()).isEqualTo("Sign out");
        signOut.click();
        other.waitFor(By.id("username"));
        assertThat(other.driver.getCurrentUrl()).startsWith(keycloakLogin);

        other.driver.switchTo().window(queueTab);
        assertThat(other.driver.findElements(By.id("queue-content"))).as("still the old page").isNotEmpty();
        submit(Responses.benign()); // an event: the page fetches its rows, gets 401 and reloads
        new WebDriverWait(other.driver, Duration.ofSeconds(90))
                .until(driver -> !driver.findElements(By.id("username")).isEmpty());
        assertThat(other.driver.getCurrentUrl()).as("Keycloak's login, asking for the username").startsWith(keycloakLogin);
        assertThat(other.driver.findElements(By.id("queue-content"))).isEmpty();
    }

    private static synchronized Browser clinician() {
        if (clinician == null) {
            Browser browser = Browser.desktop();
            ((ChromeDriver) browser.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", WATCH_EVENT_SOURCES));
            browser.open(stack.webBaseUrl + "/clinician");
            browser.logInOnKeycloak("dr-sam", "dr-sam");
            browser.waitFor(By.id("queue-content"));
            clinician = browser;
        }
        return clinician;
    }

    /** Opens the queue and waits until its event stream has said it is up. */
    private static void openQueueWithLiveUpdates(Browser browser) {
        browser.open(stack.webBaseUrl + "/clinician");
        browser.waitFor(By.id("queue-content"));
        until(browser, driver -> Long.valueOf(1).equals(js(browser, "return window.__streamReady")),
                Duration.ofSeconds(15), "the queue's event stream is up");
    }

    private static By row(String id) {
        return By.cssSelector("[data-submission-id='" + id + "']");
    }

    /** Reads this submission's row, again if the page swapped its rows in meanwhile. */
    private static <T> T onRow(Browser browser, String id, Function<WebElement, T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.apply(browser.driver.findElement(row(id)));
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static String levelOf(Browser browser, String id) {
        return onRow(browser, id, row -> row.getAttribute("data-level"));
    }

    private static String textOf(Browser browser, String id) {
        return onRow(browser, id, WebElement::getText);
    }

    /** The queue's rows in page order, read in one go (the page swaps its rows in whenever the queue changes). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Browser browser) {
        return (List<Map<String, Object>>) js(browser, """
                return Array.from(document.querySelectorAll('[data-submission-id]')).map(function (row) {
                  return { id: row.getAttribute('data-submission-id'), level: row.getAttribute('data-level'),
                    reviewed: Array.from(row.querySelectorAll('.queue-note'))
                      .some(function (note) { return note.textContent.trim() === 'Reviewed'; }) };
                });""");
    }

    private static Object js(Browser browser, String script) {
        return ((JavascriptExecutor) browser.driver).executeScript(script);
    }

    private static void until(Browser browser, Function<WebDriver, Boolean> condition, Duration within, String what) {
        new WebDriverWait(browser.driver, within).withMessage(what).until(condition);
    }

    private static void assertNothingRan(Browser browser) {
        assertThat(js(browser, "return typeof window.__pwned")).isEqualTo("undefined");
        try {
            String text = browser.driver.switchTo().alert().getText();
            throw new AssertionError("an alert is open: " + text);
        } catch (NoAlertPresentException expected) {
            // as it should be
        }
    }

    /** Submits alex's intake through the API with alex's real token; the submission's id. */
    private static String submit(Responses intake) throws Exception {
        return submit(intake, PatientTokens.accessToken(stack.keycloak.tokenUri(), DemoRealm.ALEX));
    }

    private static String submit(Responses intake, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.webBaseUrl + "/api/intakes"))
                .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(intake.json())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** Marks a submission reviewed through the API with dr-sam's real token (200, or 409 when it already is). */
    private static void review(String id) throws Exception {
        String token = PatientTokens.accessToken(stack.keycloak.tokenUri(), DemoRealm.DR_SAM);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.webBaseUrl + "/api/intakes/" + id + "/review"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
    }

    /**
     * Waits until the EHR sandbox's resource of this type for this submission (identifier
     * {@code intake-resource|<id>/<suffix>}) has this value in this field.
     */
    private static void awaitInEhr(String type, String id, String suffix, String field, String expected) {
        URI search = URI.create(stack.ehrBaseUrl + "/" + type + "?identifier=" + RESOURCE_SYSTEM + "%7C" + id + "/"
                + suffix);
        await(type + " " + id + "/" + suffix + " in the EHR, its " + field).atMost(EHR_WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> fieldInEhr(search, field), equalTo(expected));
    }

    /** The field of the one resource the search finds, or what was found instead; fails at once on two. */
    private static String fieldInEhr(URI search, String field) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(search)
                .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        JsonNode entries = JSON.readTree(response.body()).path("entry");
        assertThat(entries.size()).as("resources found by %s", search).isLessThanOrEqualTo(1);
        return entries.isEmpty() ? "nothing yet" : entries.get(0).path("resource").path(field).asText();
    }
}
