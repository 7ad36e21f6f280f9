package org.example.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo host starts with its own configuration, and the plugin's API is there and secured. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:demo-host;DB_CLOSE_DELAY=-1")
class DemoHostApplicationIntegrationTests {

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHostServesItsOwnPageAndThePluginsApiAsksForAToken() throws Exception {
        assertThat(get("/").body()).contains("Telehealth demo host");
        assertThat(get("/api/intakes/anything").statusCode()).isEqualTo(401);
    }
}
