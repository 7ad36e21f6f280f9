package org.example.intake.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The production realm's second factor in headless Chromium: a clinician (and an administrator) who logs in with
 * the right password lands on Keycloak's one-time-code set-up page; a patient goes straight on to the app's
 * callback. The users are the test's own (the realm has none) and are deleted afterwards. The app's origin is the
 * file's placeholder, which the browser is told does not resolve: only the address it is sent to matters.
 */
@ExtendWith(KeycloakExtension.class)
class StaffOtpBrowserTests {

    private static final String CALLBACK = ProductionRealm.PLACEHOLDER_ORIGIN + DemoRealm.REDIRECT_PATH;

    @Test
    void aClinicianIsSentToSetUpAOneTimeCodeAfterTheirPassword(KeycloakServer keycloak) {
        assertThat(logInAs(keycloak, DemoRealm.ROLE_CLINICIAN)).isEqualTo("otp set-up");
    }

    @Test
    void anAdministratorIsSentToSetUpAOneTimeCodeToo(KeycloakServer keycloak) {
        assertThat(logInAs(keycloak, DemoRealm.ROLE_ADMIN)).isEqualTo("otp set-up");
    }

    @Test
    void aPatientGoesStraightBackToTheAppWithACode(KeycloakServer keycloak) {
        assertThat(logInAs(keycloak, DemoRealm.ROLE_PATIENT)).isEqualTo("callback with a code");
    }

    /** Logs a new user of this role in through intake-web and says where the browser ended up. */
    private static String logInAs(KeycloakServer keycloak, String role) {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak);
        String realm = ProductionRealmImports.overHttp(keycloak);
        try (KeycloakAdmin.TemporaryUser user = admin.temporaryUser(realm, role, role)) {
            return logIn(keycloak, realm, user.username(), user.password());
        }
    }

    private static String logIn(KeycloakServer keycloak, String realm, String username, String password) {
        WebDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build(), options());
        try {
            driver.get(authorizationUri(keycloak, realm));
            WebElement usernameField = waitFor(driver, ExpectedConditions.presenceOfElementLocated(By.id("username")));
            usernameField.sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.id("kc-login")).click();
            waitFor(driver, ExpectedConditions.stalenessOf(usernameField));
            waitFor(driver, d -> d.getCurrentUrl().startsWith(CALLBACK + "?")
                    || !d.findElements(By.id("kc-totp-settings-form")).isEmpty());

            String url = driver.getCurrentUrl();
            if (url.startsWith(CALLBACK + "?")) {
                assertThat(Oidc.query(url)).containsKey("code").containsEntry("state", "otp-test")
                        .doesNotContainKey("error");
                return "callback with a code";
            }
            assertThat(url).contains("required-action").contains("CONFIGURE_TOTP");
            assertThat(driver.findElements(By.id("kc-totp-secret-qr-code"))).isNotEmpty();
            assertThat(driver.findElement(By.id("totp")).isDisplayed()).isTrue();
            return "otp set-up";
        } finally {
            driver.quit();
        }
    }

    private static String authorizationUri(KeycloakServer keycloak, String realm) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", DemoRealm.WEB_CLIENT);
        params.put("response_type", "code");
        params.put("scope", "openid");
        params.put("redirect_uri", CALLBACK);
        params.put("state", "otp-test");
        params.put("code_challenge", Oidc.Pkce.generate().challenge());
        params.put("code_challenge_method", "S256");
        return keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?" + Oidc.formBody(params);
    }

    private static <T> T waitFor(WebDriver driver, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition::apply);
    }

    private static ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium"));
        String placeholderHost = java.net.URI.create(ProductionRealm.PLACEHOLDER_ORIGIN).getHost();
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-gpu", "--window-size=1280,1000", "--lang=en-GB",
                "--host-resolver-rules=MAP " + placeholderHost + " ~NOTFOUND");
        return options;
    }

    private static String executable(String name) {
        Path path = Path.of("/usr/bin", name);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("/usr/bin/" + name + " is missing: apt-get install -y chromium chromium-driver");
        }
        return path.toString();
    }
}
