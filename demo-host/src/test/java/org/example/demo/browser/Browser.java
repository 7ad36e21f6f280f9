package org.example.demo.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium through Debian's chromedriver (so Selenium Manager downloads nothing), and
 * what the tests do with it: log in on Keycloak's page, tick answers, take screenshots.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** A desktop-sized browser. */
    static Browser desktop() {
        return new Browser(new ChromeDriver(service(), options(null)));
    }

    /** A desktop-sized browser with JavaScript switched off. */
    static Browser withoutJavaScript() {
        ChromeOptions options = options(null);
        options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        return new Browser(new ChromeDriver(service(), options));
    }

    /** A phone-sized browser: 320 CSS pixels wide. */
    static Browser phone() {
        return phone(320, 720);
    }

    /** A phone-sized browser of this viewport, in CSS pixels. */
    static Browser phone(int width, int height) {
        return new Browser(new ChromeDriver(service(), options(Map.of("deviceMetrics",
                Map.of("width", width, "height", height, "pixelRatio", 1.0)))));
    }

    private static ChromeDriverService service() {
        return new ChromeDriverService.Builder().usingDriverExecutable(new File(executable("chromedriver")))
                .usingAnyFreePort().build();
    }

    private static ChromeOptions options(Map<String, Object> mobileEmulation) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-gpu", "--window-size=1280,1000", "--lang=en-GB");
        if (mobileEmulation != null) {
            options.setExperimentalOption("mobileEmulation", mobileEmulation);
        }
        // The console, to catch any Content-Security-Policy violation (assertNoCspViolations).
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        return options;
    }

    private static String executable(String name) {
        Path path = Path.of("/usr/bin", name);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("/usr/bin/" + name + " is missing: apt-get install -y chromium chromium-driver");
        }
        return path.toString();
    }

    void open(String url) {
        driver.get(url);
    }

    /** Logs in on Keycloak's own login page, which the app sent the browser to. */
    void logInOnKeycloak(String user, String password) {
        WebElement username = waitFor(By.id("username"));
        username.sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        // Wait until Keycloak's page is gone: its own <h1> must never be taken for the app's.
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(username));
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    boolean becomesVisible(By by, Duration within) {
        try {
            new WebDriverWait(driver, within).until(ExpectedConditions.visibilityOfElementLocated(by));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    /** Whether the element comes to read exactly this text within the time (re-found each try, so never stale). */
    boolean becomesText(By by, String text, Duration within) {
        try {
            new WebDriverWait(driver, within).until(ExpectedConditions.textToBe(by, text));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    /** Ticks the radio of this question with this value (clicking its label, as a person would). */
    void tick(String linkId, String value) {
        WebElement radio = driver.findElement(By.cssSelector("input[name='" + linkId + "'][value='" + value + "']"));
        driver.findElement(By.cssSelector("label[for='" + radio.getAttribute("id") + "']")).click();
    }

    void type(String linkId, String text) {
        WebElement field = driver.findElement(By.name(linkId));
        field.clear();
        field.sendKeys(text);
    }

    /** Runs a script in the page and returns what it returns. */
    Object script(String script, Object... arguments) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Clicks the form's submit button as a person would: once it is in view and nothing (such as the
     * sticky emergency warning while the page still scrolls) lies over it.
     */
    void submit() {
        WebElement button = driver.findElement(By.cssSelector("#intake-form button[type=submit]"));
        script("arguments[0].scrollIntoView({block: 'center'});", button);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(script(
                "const r = arguments[0].getBoundingClientRect();"
                        + " const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                        + " return top === arguments[0] || arguments[0].contains(top);", button)));
        button.click();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails when the browser's console reported a Content-Security-Policy violation since the last call: the app's
     * pages run under their real policy, and anything it blocks (an inline script or style, a foreign source) is a
     * bug, even when the page still seems to work.
     */
    void assertNoCspViolations() {
        List<String> violations = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Content-Security-Policy"))
                .toList();
        if (!violations.isEmpty()) {
            throw new AssertionError("Content-Security-Policy violations in the console: " + violations);
        }
    }

    /** Quits the browser, after checking its console for CSP violations. */
    @Override
    public void close() {
        try {
            assertNoCspViolations();
        } finally {
            driver.quit();
        }
    }
}
