package org.example.intake.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link IntakeBenchmarks} with the defaults of its annotations (one fork, 3 warm-up and
 * 5 measurement iterations; longer ones for HAPI's validator), writes JSON results to
 * {@code benchmarks/target/jmh.json}, and prints the summary of {@link JmhSummary}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.example.intake.bench.BenchmarkReport [JMH options]
 * java -cp benchmarks/target/benchmarks.jar org.example.intake.bench.BenchmarkReport --summarize FILE
 * </pre>
 *
 * Any JMH command-line option may be given and wins over the defaults, e.g. a smoke run:
 * {@code -wi 1 -i 1 -w 1s -r 1s}, or one benchmark: {@code IntakeBenchmarks.engineOnly}.
 * Exits 1 when a benchmark produced no result (it failed), 2 on bad usage, else 0; a missed
 * target is reported, not an error.
 */
public final class BenchmarkReport {

    private BenchmarkReport() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--summarize")) {
            System.exit(summarize(Path.of(args[1])));
        }
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("bad JMH options: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (cli.shouldHelp()) {
            System.out.println("BenchmarkReport [JMH options] | --summarize FILE; JMH options:");
            cli.showHelp();
            return;
        }
        if (cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            // Same as JMH's own Main for these.
            org.openjdk.jmh.Main.main(args);
            return;
        }

        ChainedOptionsBuilder builder = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include(Pattern.quote(IntakeBenchmarks.class.getName() + "."));
        }
        if (!cli.getResultFormat().hasValue()) {
            builder.resultFormat(ResultFormatType.JSON);
        }
        if (!cli.getResult().hasValue()) {
            builder.result(defaultResultFile().toString());
        }
        Options options = builder.build();
        if (options.getResultFormat().get() != ResultFormatType.JSON) {
            new Runner(options).run();
            System.out.println("no summary: it needs JSON results (-rf json)");
            return;
        }
        Path result = Path.of(options.getResult().get());
        Files.deleteIfExists(result);
        new Runner(options).run();
        if (!Files.exists(result)) {
            System.err.println("JMH wrote no results to " + result);
            System.exit(1);
        }
        System.exit(summarize(result));
    }

    private static int summarize(Path file) {
        JmhSummary summary = JmhSummary.read(file);
        System.out.println();
        System.out.println("Summary of " + file.toAbsolutePath() + " (1 QR of " + SampleIntake.SIZE_BYTES + " bytes):");
        System.out.print(summary.render());
        boolean allThere = JmhSummary.ORDER.stream().allMatch(name -> summary.score(name).isPresent());
        return allThere ? 0 : 1;
    }

    /** {@code jmh.json} in the benchmarks module's target directory, wherever the command runs from. */
    static Path defaultResultFile() throws URISyntaxException {
        // target/benchmarks.jar or target/classes: either way its parent is target/.
        Path codeSource = Path.of(BenchmarkReport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return codeSource.toAbsolutePath().getParent().resolve("jmh.json");
    }
}
