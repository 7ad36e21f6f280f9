package org.example.intake.web.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.fhir.Responses;
import org.example.intake.fhir.audit.AuditChain;
import org.example.intake.fhir.audit.ChainVerification;
import org.example.intake.testsupport.db.PostgresSchema;
import org.example.intake.web.IntakeDatabaseProperties;
import org.example.intake.web.IntakeSchema;
import org.example.intake.web.PostgresNodes;
import org.example.intake.web.TestTokens;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The audit trail on PostgreSQL with two roles ({@code intake.database.owner.*}): the migrations run as the owner,
 * the app connects as its own role and works (a submission, a review, its delivery and the audit export) while it
 * may not change, delete or truncate the audit trail or its export tracking, nor drop or disable their guard; the
 * hash chain finds a record changed or deleted by the owner, naming the first broken link, and a head moved by the
 * app.
 */
class AuditIntegrityIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PostgresSchema schema;
    private static ConfigurableApplicationContext node;

    @BeforeAll
    static void theAppOnItsOwnRole() {
        schema = PostgresSchema.createWithRoles("audit_integrity");
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(get(urlEqualTo(WebFormTestSupport.JWKS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(TestTokens.jwkSet())));
        WebFormTestSupport.EHR_AND_ISSUER.stubFor(post(urlEqualTo("/integrity-fhir")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/fhir+json")
                .withBody(WebFormTestSupport.TRANSACTION_RESPONSE)));
        node = PostgresNodes.start(schema, "integrity", "/integrity-fhir", Map.of(
                "spring.datasource.username", schema.appRole(),
                "intake.database.owner.username", schema.ownerRole(),
                "intake.audit.export-interval", "200ms",
                // The test host's own migration (its own db-scheduler table) is the host's affair, not the plugin's:
                // the app role may not create tables.
                "spring.flyway.enabled", "false"));
    }

    @AfterAll
    static void stopAndDrop() {
        if (node != null) {
            node.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void theOwnerOwnsTheTables_andTheAppWorksOnItsOwnRole_submissionReviewDeliveryAndExport() throws Exception {
        HttpResponse<String> submitted = call("POST", "/api/intakes", Responses.benign().id("integrity-1").json(),
                TestTokens.patient("alex"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = JSON.readTree(submitted.body()).get("id").asText();
        HttpResponse<String> reviewed = call("POST", "/api/intakes/" + id + "/review", "{}", TestTokens.clinician());
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> schema.count(
                "select count(*) from intake_submission where id = ? and delivery = 'DELIVERED'"
                        + " and delivered_revision = revision", id) == 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> schema.count(
                "select count(*) from intake_audit a where submission_id = ? and not exists"
                        + " (select 1 from intake_audit_exported e where e.audit_id = a.id)", id) == 0);

        assertThat(schema.count("select count(*) from intake_audit where submission_id = ?", id)).isEqualTo(1);
        assertThat(schema.strings("select distinct tableowner from pg_tables where schemaname = ?"
                + " and tablename like 'intake%'", schema.name())).containsExactly(schema.ownerRole());
        JsonNode verification = verification();
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "intake_audit", "intake_audit_exported" })
    void theAppRoleMayNotUpdateDeleteOrTruncate(String table) {
        String column = table.equals("intake_audit") ? "detail" : "audit_id";

        assertThat(refusalAsApp("update " + table + " set " + column + " = " + column)).contains("permission denied");
        assertThat(refusalAsApp("delete from " + table)).contains("permission denied");
        assertThat(refusalAsApp("truncate " + table + " cascade")).contains("permission denied");
    }

    @Test
    void theAppRoleMayNotDropOrDisableTheGuard_norReadTheMigrationHistory() {
        assertThat(refusalAsApp("drop trigger intake_audit_append_only on intake_audit")).contains("must be owner");
        assertThat(refusalAsApp("alter table intake_audit disable trigger intake_audit_append_only"))
                .contains("must be owner");
        assertThat(refusalAsApp("drop table intake_audit_exported")).contains("must be owner");
        assertThat(refusalAsApp("select count(*) from intake_schema_history")).contains("permission denied");
    }

    @Test
    void everyStartGrantsTheAppRoleExactlyItsRights_takingBackWhatWasGrantedByHand() throws Exception {
        asOwner("grant update, delete on intake_audit to " + schema.appRole());
        assertThatCode(() -> asApp("update intake_audit set detail = detail where seq = 0")).doesNotThrowAnyException();

        new IntakeSchema(new DriverManagerDataSource(schema.jdbcUrl(), schema.appRole(), ""), twoRoles())
                .afterPropertiesSet();

        assertThat(refusalAsApp("update intake_audit set detail = detail where seq = 0")).contains("permission denied");
    }

    @Test
    void aHostConnectingAsTheOwnerIsRefused() {
        DriverManagerDataSource asOwner = new DriverManagerDataSource(schema.jdbcUrl(), schema.ownerRole(), "");

        assertThatIllegalStateException().isThrownBy(() -> new IntakeSchema(asOwner, twoRoles()).afterPropertiesSet())
                .withMessageContaining("connects as the owner");
    }

    private static IntakeDatabaseProperties twoRoles() {
        return new IntakeDatabaseProperties(new IntakeDatabaseProperties.Owner(schema.ownerRole(), null), null);
    }

    @Test
    void theOwnerCannotTruncateTheTrailByAccident() {
        assertThatThrownBy(() -> asOwner("truncate intake_audit cascade")).hasMessageContaining("append-only");
    }

    @Test
    void aRecordChangedByTheOwnerIsFound_namingTheFirstBrokenLink() throws Exception {
        long seq = middleRecord();
        String recordId = schema.strings("select id from intake_audit where seq = ?", seq).get(0);
        String detail = schema.strings("select detail from intake_audit where seq = ?", seq).get(0);
        asOwner("alter table intake_audit disable trigger intake_audit_append_only",
                "update intake_audit set detail = 'nothing happened' where seq = " + seq,
                "alter table intake_audit enable trigger intake_audit_append_only");
        try {
            JsonNode broken = verification();

            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("seq").asLong()).isEqualTo(seq);
            assertThat(broken.get("recordId").asText()).isEqualTo(recordId);
            assertThat(broken.get("problem").asText()).isEqualTo("CONTENT_CHANGED");
            assertThat(broken.get("summary").asText()).startsWith("BROKEN at sequence " + seq + " (record " + recordId
                    + "): content changed");
        } finally {
            asOwner("alter table intake_audit disable trigger intake_audit_append_only",
                    "update intake_audit set detail = '" + detail.replace("'", "''") + "' where seq = " + seq,
                    "alter table intake_audit enable trigger intake_audit_append_only");
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aRecordDeletedInTheMiddleIsFound() throws Exception {
        long seq = middleRecord();
        String columns = "id, at, actor, actor_name, action, submission_id, patient_id, detail, seq, previous_hash, hash";
        // The export task marks records exported meanwhile: it waits for this transaction.
        asOwner("lock table intake_audit_exported in exclusive mode",
                "create table deleted_record as select " + columns + " from intake_audit where seq = " + seq,
                "create table deleted_export as select e.* from intake_audit_exported e"
                        + " join intake_audit a on a.id = e.audit_id where a.seq = " + seq,
                "alter table intake_audit disable trigger intake_audit_append_only",
                "delete from intake_audit_exported where audit_id in (select audit_id from deleted_export)",
                "delete from intake_audit where seq = " + seq,
                "alter table intake_audit enable trigger intake_audit_append_only");
        try {
            JsonNode broken = verification();

            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("seq").asLong()).isEqualTo(seq);
            assertThat(broken.has("recordId")).isFalse();
            assertThat(broken.get("problem").asText()).isEqualTo("RECORD_MISSING");
        } finally {
            asOwner("insert into intake_audit (" + columns + ") select " + columns + " from deleted_record",
                    "insert into intake_audit_exported select * from deleted_export",
                    "drop table deleted_record", "drop table deleted_export");
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aHeadMovedByTheAppRoleIsFound() throws Exception {
        middleRecord();
        AuditVerification verification = node.getBean(AuditVerification.class);
        String hash = schema.strings("select hash from intake_audit_head").get(0);
        asApp("update intake_audit_head set hash = '" + AuditChain.GENESIS + "'");
        try {
            ChainVerification result = verification.verify();

            assertThat(result).isInstanceOf(ChainVerification.Broken.class);
            assertThat(((ChainVerification.Broken) result).problem())
                    .isEqualTo(ChainVerification.Problem.HEAD_MISMATCH);
        } finally {
            asApp("update intake_audit_head set hash = '" + hash + "'");
        }
        assertThat(verification.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void onlyAnAdministratorMayVerify() throws Exception {
        assertThat(call("GET", "/api/audit/verification", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/audit/verification", null, TestTokens.patient("alex")).statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/audit/verification", null, TestTokens.clinician()).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/audit/verification", null, TestTokens.admin()).statusCode()).isEqualTo(200);
    }

    /** A record with records before and after it (the audit API's reads are recorded: three make three). */
    private static long middleRecord() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call("GET", "/api/audit?limit=1", null, TestTokens.admin()).statusCode()).isEqualTo(200);
        }
        return schema.count("select max(seq) from intake_audit") - 1;
    }

    private static JsonNode verification() throws Exception {
        HttpResponse<String> response = call("GET", "/api/audit/verification", null, TestTokens.admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String refusalAsApp(String sql) {
        try {
            asApp(sql);
        } catch (SQLException e) {
            return e.getMessage();
        }
        throw new AssertionError("the app role was allowed: " + sql);
    }

    private static void asApp(String... statements) throws SQLException {
        as(schema.appRole(), statements);
    }

    private static void asOwner(String... statements) throws SQLException {
        as(schema.ownerRole(), statements);
    }

    private static void as(String role, String... statements) throws SQLException {
        try (Connection connection = schema.connectAs(role)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        }
    }

    private static HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", path.endsWith("/review") ? "application/json" : "application/fhir+json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
