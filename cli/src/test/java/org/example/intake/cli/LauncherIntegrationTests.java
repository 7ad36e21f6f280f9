package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./intake} script, run as a process. It is given this test's classpath
 * ({@code INTAKE_CLASSPATH}) so it does not start a Maven build inside the Maven build.
 */
class LauncherIntegrationTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theLauncherWorksFromAnotherDirectoryReportsUnreadableFilesAndPassesTheExitCodeThrough(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path example = ROOT.resolve("examples/urgent-fever.json");
        Path missing = dir.resolve("missing.json");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("intake").toString(), "triage", example.toString(),
                missing.toString())
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().put("INTAKE_CLASSPATH", System.getProperty("java.class.path"));

        Process process = builder.start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);

        assertThat(finished).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        List<String> out = Files.readAllLines(dir.resolve("out"), StandardCharsets.UTF_8);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).startsWith("{\"source\":\"" + example + "#1\",\"id\":\"example-urgent-fever\","
                + "\"level\":\"URGENT\",\"rules\":[\"INF-FEVER\"],\"ruleSet\":\"1.2.0\",\"advice\":[\"");
        assertThat(Files.readString(dir.resolve("err"))).isEqualTo("intake: cannot read " + missing + ": no such file\n");
    }
}
