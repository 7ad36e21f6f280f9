package org.example.intake.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.example.intake.web.security.BackChannelFixtures.logoutToken;
import static org.example.intake.web.security.BackChannelFixtures.newId;
import static org.example.intake.web.security.BackChannelFixtures.signedIn;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.example.intake.testsupport.db.PostgresSchema;
import org.example.intake.web.PostgresNodes;
import org.example.intake.web.WebFormTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Back-channel logout with two nodes on one PostgreSQL schema (127.0.0.1:5432, a throwaway schema): the logout token
 * reaches node A only; the page session that lives on node B ends at its next request, because both nodes read the
 * ended sessions from the same table. Old rows are deleted as new ones come.
 */
class BackChannelLogoutPostgresIntegrationTests {

    private static PostgresSchema schema;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodesOnOneSchema() throws Exception {
        schema = PostgresSchema.create("backchannel_it");
        WebFormTestSupport.theIssuerPublishesItsKeys();
        nodeA = PostgresNodes.start(schema, "node-a", "/pg-backchannel-fhir", Map.of());
        nodeB = PostgresNodes.start(schema, "node-b", "/pg-backchannel-fhir", Map.of());
    }

    @AfterAll
    static void stopTheNodesAndDropTheSchema() throws Exception {
        PostgresNodes.stop(schema, nodeA, nodeB);
    }

    private static MockMvc pagesOf(ConfigurableApplicationContext node) {
        return MockMvcBuilders.webAppContextSetup((WebApplicationContext) node).apply(springSecurity()).build();
    }

    private static HttpResponse<String> postLogoutToken(ConfigurableApplicationContext node, String token)
            throws Exception {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + BackChannelLogout.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static MockHttpServletResponse page(MockMvc node, MockHttpSession session, String path) throws Exception {
        return node.perform(MockMvcRequestBuilders.get(path).session(session)).andReturn().getResponse();
    }

    @Test
    void aLogoutTokenReceivedByNodeA_endsTheSessionThatLivesOnNodeB() throws Exception {
        MockMvc b = pagesOf(nodeB);
        String sub = newId();
        String sid = newId();
        MockHttpSession onB = signedIn(sub, sid, "ROLE_clinician");
        MockHttpSession otherOnB = signedIn(newId(), newId(), "ROLE_clinician");
        assertThat(page(b, onB, "/clinician").getStatus()).isEqualTo(200);

        assertThat(postLogoutToken(nodeA, logoutToken(sid, sub).sign()).statusCode()).isEqualTo(200);

        assertThat(page(b, onB, "/clinician").getRedirectedUrl()).endsWith(IntakeBrowserSecurity.LOGIN);
        assertThat(onB.isInvalid()).isTrue();
        assertThat(page(b, otherOnB, "/clinician").getStatus()).isEqualTo(200);
    }

    @Test
    void aRefusedLogoutTokenEndsNothingOnAnyNode() throws Exception {
        MockMvc b = pagesOf(nodeB);
        String sub = newId();
        String sid = newId();
        MockHttpSession onB = signedIn(sub, sid, "ROLE_patient");

        assertThat(postLogoutToken(nodeA, logoutToken(sid, sub).signedByAStranger().sign()).statusCode())
                .isEqualTo(400);

        assertThat(page(b, onB, "/intake").getStatus()).isEqualTo(200);
    }

    @Test
    void rowsOlderThanTheLongestSessionAreDeletedAsNewOnesCome() throws Exception {
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(schema.jdbcUrl(), PostgresSchema.USER, ""));
        String old = newId();
        Instant nineHoursAgo = Instant.now().minus(Duration.ofHours(9));
        jdbc.sql("insert into intake_ended_session (id, sid, sub, ended_at, recorded_at) values (?, ?, ?, ?, ?)")
                .params(newId(), old, newId(), Timestamp.from(nineHoursAgo), Timestamp.from(nineHoursAgo)).update();
        String recent = newId();

        assertThat(postLogoutToken(nodeA, logoutToken(recent, newId()).sign()).statusCode()).isEqualTo(200);

        assertThat(jdbc.sql("select sid from intake_ended_session where sid in (?, ?)").params(old, recent)
                .query(String.class).list()).as("the clinicians' 8 hours are the longest").containsExactly(recent);
    }
}
