package org.example.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * No fallback secret, no insecure default: the plugin's settings refuse to bind (and so the host to start) without
 * the issuer, the browser client's secret or the EHR, with a plain-http address outside loopback, or with a remote
 * EHR it would write to without a token; each refusal names the setting. And each rule the other way: what a
 * deployment or the demo really sets starts.
 */
class IntakeSettingsTests {

    private static final String ISSUER = "intake.security.issuer-uri=https://login.example.org/realms/intake";
    private static final String SECRET = "intake.security.browser-client-secret=from-the-vault";
    private static final String EHR = "intake.ehr.base-url=https://ehr.example.org/fhir";
    private static final String TOKEN_URI = "intake.ehr.token-uri=https://login.example.org/realms/intake/token";
    private static final String CLIENT_ID = "intake.ehr.client-id=intake-ehr";
    private static final String CLIENT_SECRET = "intake.ehr.client-secret=also-from-the-vault";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IntakeProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    private final ApplicationContextRunner deployment = runner.withPropertyValues(ISSUER, SECRET, EHR, TOKEN_URI,
            CLIENT_ID, CLIENT_SECRET);

    @Test
    void aDeploymentNamingEverythingOverHttpsStarts() {
        deployment.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theDemoOnLoopbackOverPlainHttpStarts_withoutATokenForTheSandbox() {
        runner.withPropertyValues("intake.security.issuer-uri=http://localhost:8180/realms/intake", SECRET,
                "intake.ehr.base-url=http://127.0.0.1:8090/fhir").run(context -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest
    @CsvSource({
            "intake.security.issuer-uri, intake.security.issuer-uri",
            "intake.security.browser-client-secret, intake.security.browser-client-secret",
            "intake.ehr.base-url, intake.ehr.base-url" })
    void withoutARequiredSetting_itRefusesToStart_namingIt(String missing, String named) {
        runner.withPropertyValues(Stream.of(ISSUER, SECRET, EHR, TOKEN_URI, CLIENT_ID, CLIENT_SECRET)
                        .filter(setting -> !setting.startsWith(missing + "=")).toArray(String[]::new))
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(named)
                        .hasStackTraceContaining("is required"));
    }

    @Test
    void aBlankSecretIsMissingToo() {
        deployment.withPropertyValues("intake.security.browser-client-secret=  ").run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("intake.security.browser-client-secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "intake.security.issuer-uri=http://login.example.org/realms/intake",
            "intake.security.jwk-set-uri=http://login.example.org/certs",
            "intake.ehr.base-url=http://ehr.example.org/fhir",
            "intake.ehr.token-uri=http://login.example.org/token",
            "intake.ehr.base-url=http://10.0.0.7/fhir",
            "intake.ehr.base-url=http://localhost.example.org/fhir" })
    void aPlainHttpAddressOutsideLoopbackIsRefused_namingTheSetting(String plainHttp) {
        String setting = plainHttp.substring(0, plainHttp.indexOf('='));
        deployment.withPropertyValues(plainHttp).run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("must be https outside loopback").hasStackTraceContaining(setting));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:8090/fhir", "http://127.0.0.1:8090/fhir", "http://127.1.2.3/fhir",
            "http://[::1]:8090/fhir", "http://ehr.localhost/fhir" })
    void plainHttpToLoopbackIsAllowed(String address) {
        deployment.withPropertyValues("intake.ehr.base-url=" + address)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aRemoteEhrWithoutATokenEndpointIsRefused() {
        runner.withPropertyValues(ISSUER, SECRET, EHR).run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("intake.ehr.token-uri"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "intake.ehr.client-id=", "intake.ehr.client-secret=" })
    void aTokenEndpointWithoutItsClientIdOrSecretIsRefused(String blank) {
        deployment.withPropertyValues(blank).run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("intake.ehr.client-secret"));
    }

    @Test
    void theSessionLimitsDefaultToAWardsAndCanBeSet() {
        deployment.run(context -> assertThat(context.getBean(IntakeProperties.class).session())
                .isEqualTo(new IntakeProperties.Session(java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(2),
                        java.time.Duration.ofMinutes(15), java.time.Duration.ofHours(8))));
        deployment.withPropertyValues("intake.session.clinician-idle=5m", "intake.session.clinician-absolute=12h")
                .run(context -> assertThat(context.getBean(IntakeProperties.class).session().clinicianIdle())
                        .isEqualTo(java.time.Duration.ofMinutes(5)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "intake.session.patient-idle=0s", "intake.session.clinician-absolute=-1h",
            "intake.session.clinician-idle=9h" })
    void aSessionLimitThatIsNotPositiveOrAnIdleTimeLongerThanItsAbsoluteOneIsRefused(String setting) {
        deployment.withPropertyValues(setting).run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("intake.session.patient-idle"));
    }

    @Test
    void aHostWhoseSettingsAreRefusedStopsBeforeThePluginMakesAnyTable() throws Exception {
        String database = "jdbc:h2:mem:refused-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        HostContexts.host().withPropertyValues("spring.datasource.url=" + database,
                "intake.security.browser-client-secret=").run(context -> assertThat(context).hasFailed()
                        .getFailure().hasStackTraceContaining("intake.security.browser-client-secret"));

        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database, "sa", "");
                java.sql.ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] { "TABLE" })) {
            List<String> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(names).noneMatch(name -> name.startsWith("intake") || name.contains("flyway"));
        }
    }
}
