package org.example.intake.fhir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;

/**
 * The load run's baselines: reading every line of an NDJSON file on all cores, into a Jackson
 * tree ({@code jackson}) or through HAPI's JSON parser ({@code hapi}), nothing else. One thread
 * reads lines and hands batches of them to one worker per core; a line that is not valid JSON (or
 * not a resource) counts as refused, as {@code ./intake triage} refuses it. Prints the counts.
 *
 * <p>Usage: {@code ParseBaselines jackson|hapi FILE}.
 */
public final class ParseBaselines {

    private static final int BATCH = 256;

    private ParseBaselines() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("jackson", "hapi").contains(args[0])) {
            System.err.println("usage: ParseBaselines jackson|hapi FILE");
            System.exit(2);
        }
        Parse parse = args[0].equals("jackson") ? jackson() : hapi();
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        List<Future<int[]>> batches = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            List<String> batch = new ArrayList<>(BATCH);
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                batch.add(line);
                if (batch.size() == BATCH) {
                    batches.add(submit(pool, parse, batch));
                    batch = new ArrayList<>(BATCH);
                }
            }
            batches.add(submit(pool, parse, batch));
        }
        int read = 0;
        int refused = 0;
        for (Future<int[]> done : batches) {
            int[] counts = done.get();
            read += counts[0];
            refused += counts[1];
        }
        pool.shutdown();
        System.out.println(args[0] + ": " + read + " read, " + refused + " refused");
    }

    private static Future<int[]> submit(ExecutorService pool, Parse parse, List<String> lines) {
        return pool.submit(() -> {
            int read = 0;
            int refused = 0;
            for (String line : lines) {
                if (parse.accepts(line)) {
                    read++;
                } else {
                    refused++;
                }
            }
            return new int[] {read, refused};
        });
    }

    /** Reads one line; false when it is refused. */
    private interface Parse {
        boolean accepts(String line);
    }

    private static Parse jackson() {
        ObjectMapper mapper = new ObjectMapper();
        return line -> {
            try {
                JsonNode tree = mapper.readTree(line);
                return tree != null && tree.isObject();
            } catch (IOException e) {
                return false;
            }
        };
    }

    private static Parse hapi() {
        FhirContext context = FhirContext.forR4Cached();
        return line -> {
            try {
                IBaseResource resource = context.newJsonParser().parseResource(line);
                return resource != null;
            } catch (DataFormatException | IllegalArgumentException e) {
                return false;
            } catch (UncheckedIOException e) {
                return false;
            }
        };
    }
}
