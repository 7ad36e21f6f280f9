package org.example.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.example.demo.browser.Accessibility.assertNoSeriousAccessibilityViolation;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A patient's journey in a real browser (headless Chromium) against the real demo stack:
 * Keycloak's own login page, the form, the emergency warning before submit, a refusal that
 * keeps every answer, the result page, the record in the EHR, at 320 px too, the warning in view
 * where a patient on a 360 px phone is answering, and axe-core on every page. Screenshots under target/screenshots.
 */
class PatientJourneyBrowserTests {

    private static DemoStack stack;
    private Browser browser;

    @BeforeAll
    static void startTheStackOnce() {
        stack = DemoStack.shared();
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            Browser closing = browser;
            browser = null;
            closing.close(); // fails the test on a CSP violation in its console
        }
    }

    /** Every required question answered: the benign answers of a first strain after exercise. */
    private static final Map<String, String> BENIGN = Map.ofEntries(
            Map.entry("onset", "days"), Map.entry("side", "left"), Map.entry("pattern", "improving"),
            Map.entry("frequency", "first-time"), Map.entry("apparent-cause", "true"),
            Map.entry("major-trauma", "false"), Map.entry("daily-activities", "false"),
            Map.entry("standing", "can-stand"), Map.entry("radiates", "false"),
            Map.entry("numbness-tingling", "false"), Map.entry("leg-weakness", "false"),
            Map.entry("saddle-numbness", "false"), Map.entry("bladder-change", "false"),
            Map.entry("bowel-change", "false"), Map.entry("sexual-dysfunction", "false"), Map.entry("fever", "false"),
            Map.entry("weight-loss", "false"), Map.entry("night-pain", "false"), Map.entry("cold-pale-leg", "false"),
            Map.entry("walking-claudication", "false"), Map.entry("rest-pain", "false"),
            Map.entry("sudden-severe-onset", "false"), Map.entry("very-unwell", "false"),
            Map.entry("tense-swelling-dark-urine", "false"), Map.entry("calf-swelling", "false"),
            Map.entry("anal-lump", "false"), Map.entry("pregnant", "false"), Map.entry("cancer-history", "false"),
            Map.entry("immunosuppressed", "false"), Map.entry("iv-drug-use", "false"),
            Map.entry("osteoporosis-steroids", "false"), Map.entry("blood-thinners", "false"));

    private void loggedInAs(String user, Browser browser) {
        this.browser = browser;
        browser.open(stack.webBaseUrl + "/intake");
        browser.logInOnKeycloak(user, user);
        browser.waitFor(By.id("intake-form"));
    }

    private void answerBenignly(String pain, String age) {
        BENIGN.forEach(browser::tick);
        browser.type("pain-severity", pain);
        browser.type("age", age);
    }

    @Test
    void theServiceUnavailablePageKeepsItsOwnStyleUnderThePolicy_itsHashIsAllowed() {
        browser = Browser.phone();
        browser.open(stack.webBaseUrl + "/intake/unavailable.html");

        // Its one inline <style> block is allowed by its hash in the policy: the header is drawn dark, as it says.
        assertThat(browser.script("return getComputedStyle(document.querySelector('header')).backgroundColor"))
                .isEqualTo("rgb(11, 12, 12)");
        browser.assertNoCspViolations();
    }

    @Test
    void aPatientLogsInOnKeycloakFillsInTheFormAndSeesWhatToDo() {
        loggedInAs("alex", Browser.desktop());
        browser.screenshot("01-form");
        assertNoSeriousAccessibilityViolation(browser, "form");

        answerBenignly("4", "34");
        browser.submit();

        WebElement result = browser.waitFor(By.id("triage-result"));
        assertThat(result.getAttribute("data-level")).isEqualTo("SELF_CARE");
        assertThat(result.getText()).contains("do not show a need to see a doctor now")
                .doesNotContain("look after this at home");
        browser.screenshot("02-result-self-care");
        assertNoSeriousAccessibilityViolation(browser, "result");
    }

    @Test
    void aPatientSignsOut_andKeycloakAsksForTheUsernameAgain_evenAfterTheBackButton() {
        loggedInAs("alex", Browser.desktop());
        String keycloakLogin = stack.keycloak.issuerUri().replaceAll("/$", "") + "/protocol/openid-connect/auth";
        WebElement signOut = browser.driver.findElement(By.cssSelector("#sign-out button[type=submit]"));
        assertThat(signOut.getText()).isEqualTo("Sign out");

        // By keyboard: the button takes the focus and Enter sends the form (a POST with the CSRF token).
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].focus()", signOut);
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(signOut);
        signOut.sendKeys(Keys.ENTER);
        WebElement username = browser.waitFor(By.id("username"));
        assertThat(browser.driver.getCurrentUrl()).as("Keycloak's login page, its session gone").startsWith(keycloakLogin);
        browser.screenshot("09-signed-out");

        browser.driver.navigate().back();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(username));
        username = browser.waitFor(By.id("username"));
        assertThat(browser.driver.getCurrentUrl()).as("the back button").startsWith(keycloakLogin);
        assertThat(browser.driver.findElements(By.id("intake-form"))).isEmpty();

        browser.open(stack.webBaseUrl + "/intake");
        browser.waitFor(By.id("username"));
        assertThat(browser.driver.getCurrentUrl()).as("a fresh visit").startsWith(keycloakLogin);
        assertThat(browser.driver.findElements(By.id("intake-form"))).isEmpty();
    }

    @Test
    void theEmergencyWarningAppearsBeforeSubmitAndTheVerdictAgrees() {
        loggedInAs("alex", Browser.desktop());
        assertThat(browser.driver.findElement(By.id("emergency-warning")).isDisplayed()).isFalse();

        browser.tick("saddle-numbness", "true");

        assertThat(browser.becomesVisible(By.id("emergency-warning"), Duration.ofSeconds(10))).isTrue();
        assertThat(browser.driver.findElement(By.id("emergency-warning")).getAttribute("role")).isEqualTo("alert");
        browser.screenshot("03-emergency-warning");
        browser.tick("saddle-numbness", "false");
        assertThat(browser.becomesVisible(By.id("emergency-warning"), Duration.ofSeconds(1))).isTrue(); // settles below
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(
                driver -> !driver.findElement(By.id("emergency-warning")).isDisplayed());

        answerBenignly("9", "40");
        browser.tick("saddle-numbness", "true");
        browser.submit();
        assertThat(browser.waitFor(By.id("triage-result")).getAttribute("data-level")).isEqualTo("EMERGENCY");
        browser.screenshot("04-result-emergency");
    }

    @Test
    void emergencyWarningIsInThePhoneViewportRightAfterTheAnswer() {
        loggedInAs("alex", Browser.phone(360, 640));
        WebElement signs = browser.driver.findElement(By.id("emergency-signs"));
        WebElement firstQuestion = browser.driver.findElement(By.cssSelector("[data-question]"));
        assertThat(signs.getText()).contains("Call 999 now if you have any of these", "numbness around your genitals");
        assertThat(signs.findElements(By.cssSelector("ul.govuk-list--bullet > li"))).hasSizeGreaterThan(5);
        assertThat(signs.getRect().getY() + signs.getRect().getHeight()).isLessThanOrEqualTo(firstQuestion.getRect().getY());
        assertThat(firstQuestion.getAttribute("data-question")).isEqualTo("onset");

        answerBenignly("4", "34");
        browser.script("document.getElementById('intake-form').scrollIntoView({block: 'end'})");
        browser.tick("tense-swelling-dark-urine", "true");

        assertThat(browser.becomesVisible(By.id("emergency-warning"), Duration.ofSeconds(10))).isTrue();
        WebElement warning = browser.driver.findElement(By.id("emergency-warning"));
        assertThat(warning.isDisplayed()).isTrue();
        assertThat(warning.getAttribute("role")).isEqualTo("alert");
        @SuppressWarnings("unchecked")
        Map<String, Number> seen = (Map<String, Number>) browser.script("""
                var r = document.getElementById('emergency-warning').getBoundingClientRect();
                return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height,
                        innerHeight: window.innerHeight, innerWidth: window.innerWidth};""");
        assertThat(seen.get("top").doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(seen.get("bottom").doubleValue()).isLessThanOrEqualTo(seen.get("innerHeight").doubleValue());
        assertThat(seen.get("height").doubleValue()).isGreaterThan(20);
        assertThat(seen.get("left").doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(seen.get("right").doubleValue()).isLessThanOrEqualTo(seen.get("innerWidth").doubleValue());
        // the answer just given is in view too, not under the warning
        assertThat((Boolean) browser.script("""
                var label = document.querySelector("label[for='tense-swelling-dark-urine']");
                var r = label.getBoundingClientRect();
                var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return r.top >= 0 && r.bottom <= window.innerHeight && label.contains(hit);""")).isTrue();
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue())
                .isLessThanOrEqualTo(360);
        browser.screenshot("09-emergency-warning-360px");
        assertNoSeriousAccessibilityViolation(browser, "form with the emergency warning at 360 px");

        // reachable by keyboard, and Tab moves on from it: no trap
        WebElement call = warning.findElement(By.cssSelector("a[href='tel:999']"));
        browser.script("arguments[0].focus()", call);
        call.sendKeys(Keys.TAB);
        assertThat(browser.script("return document.activeElement.getAttribute('type')")).isEqualTo("submit");
        // at the end of the form it rests above the submit button, never over it
        browser.script("window.scrollTo(0, document.documentElement.scrollHeight)");
        assertThat((Boolean) browser.script("""
                var button = document.querySelector('#intake-form button[type=submit]').getBoundingClientRect();
                var warning = document.getElementById('emergency-warning').getBoundingClientRect();
                return warning.bottom <= button.top && button.bottom <= window.innerHeight;""")).isTrue();

        browser.tick("tense-swelling-dark-urine", "false");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(
                driver -> !driver.findElement(By.id("emergency-warning")).isDisplayed());
        browser.submit();

        WebElement result = browser.waitFor(By.id("triage-result"));
        assertThat(result.getAttribute("data-level")).isEqualTo("SELF_CARE");
        for (String net : List.of("NET_CALL_999", "NET_SAME_DAY", "NET_GP")) {
            List<WebElement> signsOnResult = result.findElements(
                    By.cssSelector("[data-advice='" + net + "'] ul.govuk-list.govuk-list--bullet > li"));
            assertThat(signsOnResult).as(net).hasSizeGreaterThan(2);
            assertThat(signsOnResult).as(net).allSatisfy(li -> {
                assertThat(li.isDisplayed()).isTrue();
                assertThat(li.getText()).doesNotContain(";");
            });
        }
        assertThat(result.findElements(By.cssSelector("[data-advice='NET_CALL_999'] li"))).extracting(WebElement::getText)
                .contains("numbness around your genitals or bottom", "pain spreading down both legs");
        browser.screenshot("10-result-lists-360px");
        assertNoSeriousAccessibilityViolation(browser, "result at 360 px");
    }

    @Test
    void caseysFormOpensWithHerBloodThinnerAndPastCancerChosen_andHerAgeFilledIn_fromHerRecord() {
        loggedInAs("casey", Browser.desktop());
        // The sandbox's DemoPatients: casey born 1968-09-03, a resolved breast cancer, active apixaban.
        int age = Period.between(LocalDate.of(1968, 9, 3), LocalDate.now(ZoneOffset.UTC)).getYears();

        assertThat(browser.driver.findElement(By.name("age")).getAttribute("value")).isEqualTo(String.valueOf(age));
        assertThat(browser.driver.findElement(By.cssSelector("input[name='cancer-history'][value='true']"))
                .isSelected()).isTrue();
        assertThat(browser.driver.findElement(By.cssSelector("input[name='blood-thinners'][value='true']"))
                .isSelected()).isTrue();
        assertThat(browser.driver.findElement(By.cssSelector("input[name='osteoporosis-steroids'][value='true']"))
                .isSelected()).isFalse();
        for (String linkId : List.of("age", "cancer-history", "blood-thinners")) {
            assertThat(browser.driver.findElement(By.id(linkId + "-prefilled")).getText()).as(linkId)
                    .contains("from your health record");
        }
        browser.screenshot("10-form-prefilled");
        assertNoSeriousAccessibilityViolation(browser, "prefilled form");
    }

    @Test
    void aDependentQuestionShowsOnlyAfterTheYesItDependsOn() {
        loggedInAs("casey", Browser.desktop());
        WebElement belowKnee = browser.driver.findElement(By.cssSelector("[data-question='radiates-below-knee']"));
        assertThat(belowKnee.isDisplayed()).isFalse();

        browser.tick("radiates", "true");

        assertThat(belowKnee.isDisplayed()).isTrue();
        browser.tick("radiates", "false");
        assertThat(belowKnee.isDisplayed()).isFalse();
    }

    @Test
    void aRefusedFormShowsTheErrorSummaryAndKeepsEveryAnswer() {
        loggedInAs("alex", Browser.desktop());
        answerBenignly("4", "");
        browser.type("notes", "Started after a long drive.");

        browser.submit();

        WebElement summary = browser.waitFor(By.id("error-summary"));
        assertThat(summary.getText()).contains("There is a problem", "How old are you");
        assertThat(browser.driver.findElement(By.cssSelector("input[name='onset'][value='days']")).isSelected()).isTrue();
        assertThat(browser.driver.findElement(By.cssSelector("input[name='standing'][value='can-stand']"))
                .isSelected()).isTrue();
        assertThat(browser.driver.findElement(By.name("pain-severity")).getAttribute("value")).isEqualTo("4");
        assertThat(browser.driver.findElement(By.name("notes")).getAttribute("value"))
                .isEqualTo("Started after a long drive.");
        browser.screenshot("05-refused-form");
        assertNoSeriousAccessibilityViolation(browser, "refused form");

        summary.findElement(By.tagName("a")).click();
        browser.type("age", "34");
        browser.submit();
        assertThat(browser.waitFor(By.id("triage-result")).getAttribute("data-level")).isEqualTo("SELF_CARE");
    }

    @Test
    void onAPhone320PixelsWideTheFormFitsAndWorks() {
        loggedInAs("casey", Browser.phone());
        Number scrollWidth = (Number) ((JavascriptExecutor) browser.driver)
                .executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(320);
        browser.screenshot("06-form-320px");

        answerBenignly("5", "29");
        browser.tick("fever", "true");
        browser.submit();

        assertThat(browser.waitFor(By.id("triage-result")).getAttribute("data-level")).isEqualTo("URGENT");
        browser.screenshot("07-result-urgent-320px");
        assertNoSeriousAccessibilityViolation(browser, "result at 320 px");
    }

    @Test
    void theSubmissionReachesTheEhrAndThePatientSeesItInTheirPastAnswers() throws Exception {
        loggedInAs("casey", Browser.desktop());
        answerBenignly("3", "45");
        browser.submit();
        browser.waitFor(By.id("triage-result"));
        String id = browser.driver.getCurrentUrl().replaceAll(".*/intake/result/", "");

        HttpClient http = HttpClient.newHttpClient();
        String search = stack.ehrBaseUrl + "/QuestionnaireResponse?identifier="
                + "http://example.org/fhir/sid/intake-submission%7C" + id + "&_summary=count";
        await("the submission's QuestionnaireResponse in the EHR").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(search)).build(),
                        HttpResponse.BodyHandlers.ofString()).body(), containsString("\"total\":1"));

        // The app records the delivery once the EHR has answered: the history says so from then on.
        await("the patient's history showing the submission as received").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    browser.open(stack.webBaseUrl + "/intake/history");
                    WebElement row = browser.waitFor(By.cssSelector("[data-submission-id='" + id + "']"));
                    assertThat(row.getText()).contains("Received");
                });
        browser.screenshot("08-history");
        assertNoSeriousAccessibilityViolation(browser, "history");
    }

    @Test
    void withoutJavaScriptTheFormStillWorks_aDependentQuestionAppearsAfterTheFirstSend() {
        loggedInAs("alex", Browser.withoutJavaScript());
        answerBenignly("4", "34");
        browser.tick("radiates", "true");

        browser.submit();

        WebElement summary = browser.waitFor(By.id("error-summary"));
        assertThat(summary.getText()).contains("below the knee", "both legs");
        assertThat(browser.driver.findElement(By.cssSelector("[data-question='radiates-below-knee']")).isDisplayed())
                .isTrue();
        browser.tick("radiates-below-knee", "false");
        browser.tick("pain-both-legs", "false");
        browser.submit();
        assertThat(browser.waitFor(By.id("triage-result")).getAttribute("data-level")).isEqualTo("SELF_CARE");
    }
}
