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

    /**
     * The first call after a build makes the class-data archive (a training run on the examples, as files and as
     * NDJSON lines) and must then still run the command: once, a pipe cut short by {@code head} ended the whole script
     * under {@code pipefail}, printing nothing (status 141). In a state directory of its own, with a classpath of jars
     * stored as the build would store it (class-data sharing archives classes from jars only).
     */
    @Test
    void theFirstCallAfterABuildMakesTheArchiveAndStillRunsTheCommand(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.writeString(state.resolve("classpath"), jarsOnly() + "\n");
        Path example = ROOT.resolve("examples/urgent-fever.json");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("intake").toString(), "triage", example.toString())
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        builder.environment().put("INTAKE_STATE_DIR", state.toString());
        builder.environment().remove("INTAKE_CLASSPATH");

        Process process = builder.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);

        assertThat(finished).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("err"))).isZero();
        assertThat(Files.readAllLines(dir.resolve("out"), StandardCharsets.UTF_8)).singleElement().asString()
                .startsWith("{\"source\":\"" + example + "#1\",\"id\":\"example-urgent-fever\",\"level\":\"URGENT\"");
        assertThat(state.resolve("classes.jsa")).as("the class-data archive").isNotEmptyFile();
        assertThat(Files.readAllLines(state.resolve("training.ndjson"))).as("examples, a line cut short, a number as a string")
                .hasSizeGreaterThan(3).anySatisfy(line -> assertThat(line).contains("\"valueInteger\": \""));
    }

    /** This test's classpath as jars, the way the build stores it: this module's classes as its packaged jar. */
    private static String jarsOnly() throws IOException {
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path cliJar;
        try (var jars = Files.list(ROOT.resolve("cli/target"))) {
            cliJar = jars.filter(p -> p.getFileName().toString().matches("cli-.*\\.jar")
                    && !p.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar")).findFirst().orElseThrow();
        }
        List<String> entries = new java.util.ArrayList<>(List.of(cliJar.toString()));
        for (String entry : testClassPath.split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar") && !entry.contains("surefire") && !entry.contains("failsafe")) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
