package org.example.intake.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** An application started as a process: ready when it answers, its output in its log, stopped or killed. */
class AppProcessIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void itIsReadyOnceItAnswers_withItsPropertiesAndEnvironment_andItsOutputInItsLogUnderTarget() throws Exception {
        try (AppProcess app = AppProcess.mainClass("tiny", TinyHttpApp.class.getName())
                .jvmOptions("-Xmx64m")
                .property("greeting", "hi")
                .environment("TINY_NAME", "there")
                .start(PATIENCE)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(app.baseUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("hi there");
            assertThat(app.baseUrl()).isEqualTo("http://127.0.0.1:" + app.port());
            assertThat(app.log()).isEqualTo(Path.of("target", "test-stack", "tiny.log"));
            assertThat(Files.readString(app.log()))
                    .contains("tiny app starting with [greeting, server.address, server.port]");
        }
    }

    @Test
    void closeStopsIt_andKillEndsItWithSigkill() {
        AppProcess closed = AppProcess.mainClass("tiny-closed", TinyHttpApp.class.getName()).start(PATIENCE);
        closed.close();
        assertThat(closed.isAlive()).isFalse();
        assertThat(closed.exitValue()).isEqualTo(143); // SIGTERM

        AppProcess killed = AppProcess.mainClass("tiny-killed", TinyHttpApp.class.getName()).start(PATIENCE);
        killed.kill();
        assertThat(killed.isAlive()).isFalse();
        assertThat(killed.exitValue()).isEqualTo(137); // SIGKILL
    }

    @Test
    void aProcessThatExitsBeforeItAnswersFailsTheStartAtOnce_withTheTailOfItsLog() {
        long began = System.currentTimeMillis();

        assertThatThrownBy(() -> AppProcess.mainClass("tiny-exits", TinyHttpApp.class.getName())
                .property("exit-with", 3).start(PATIENCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tiny-exits").hasMessageContaining("exited with 3")
                .hasMessageContaining("tiny app starting with [exit-with, server.address, server.port]");
        assertThat(System.currentTimeMillis() - began).isLessThan(PATIENCE.toMillis());
    }

    @Test
    void aProcessNotReadyInTimeFailsTheStart_andIsStopped() {
        AppProcess.Launch launch = AppProcess.mainClass("tiny-never-ready", TinyHttpApp.class.getName())
                .readyWhen("/", 204);

        assertThatThrownBy(() -> launch.start(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not ready within PT5S").hasMessageContaining("HTTP 204");
    }
}
