package org.example.intake.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.example.intake.fhir.ehr.DeliveryResult;
import org.example.intake.fhir.ehr.EhrClient;
import org.example.intake.fhir.ehr.EhrSettings;
import org.example.intake.testsupport.TestStack;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The delivery benchmark (not part of {@code verify}; run {@code bench/delivery.sh}): posts N
 * new transaction Bundles to the sandbox through the module's {@link EhrClient} and N others of
 * the same shape straight through HAPI's generic client, alternating in rounds so both see the
 * same machine, and prints both rates (median of the rounds) and the module's overhead. It
 * asserts only that every Bundle was delivered: speed is read from its output, never asserted.
 */
@Tag("benchmark")
class DeliveryBenchmarkTests {

    private static final int BUNDLES = Integer.getInteger("bench.bundles", 200);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 20);

    @Test
    void moduleAndPlainHapiClient_postTheSameKindOfBundles() {
        String baseUrl = TestStack.ehrSandbox().baseUrl();
        List<String> examples = Deliveries.validExamples().stream().map(Deliveries::read).toList();
        long run = System.currentTimeMillis();
        try (EhrClient module = new EhrClient(EhrSettings.open(URI.create(baseUrl)))) {
            FhirContext plainContext = FhirContext.forR4();
            plainContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
            IGenericClient plain = plainContext.newRestfulGenericClient(baseUrl);

            List<Bundle> warmModule = bundles("warm-m-" + run, WARM_UP, examples);
            List<Bundle> warmPlain = bundles("warm-h-" + run, WARM_UP, examples);
            warmModule.forEach(bundle -> deliverThroughModule(module, bundle));
            warmPlain.forEach(bundle -> plain.transaction().withBundle(bundle).execute());

            int perRound = BUNDLES / ROUNDS;
            double[] moduleRates = new double[ROUNDS];
            double[] plainRates = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                List<Bundle> viaModule = bundles("bench-m-" + run + "-" + round, perRound, examples);
                List<Bundle> viaPlain = bundles("bench-h-" + run + "-" + round, perRound, examples);
                boolean moduleFirst = round % 2 == 0;
                if (moduleFirst) {
                    moduleRates[round] = rate(viaModule, bundle -> deliverThroughModule(module, bundle));
                    plainRates[round] = rate(viaPlain, bundle -> plain.transaction().withBundle(bundle).execute());
                } else {
                    plainRates[round] = rate(viaPlain, bundle -> plain.transaction().withBundle(bundle).execute());
                    moduleRates[round] = rate(viaModule, bundle -> deliverThroughModule(module, bundle));
                }
            }

            double moduleMedian = median(moduleRates);
            double plainMedian = median(plainRates);
            System.out.printf("delivery benchmark: %d bundles each way in %d rounds (%d entries on average)%n",
                    perRound * ROUNDS, ROUNDS, averageEntries(examples));
            System.out.printf("  module (EhrClient):      median %.1f bundles/s, rounds %s%n", moduleMedian,
                    Arrays.toString(round(moduleRates)));
            System.out.printf("  plain HAPI client:       median %.1f bundles/s, rounds %s%n", plainMedian,
                    Arrays.toString(round(plainRates)));
            System.out.printf("  module overhead: %.1f%% (target under 10%%)%n", (plainMedian / moduleMedian - 1) * 100);
        }
    }

    private static void deliverThroughModule(EhrClient module, Bundle bundle) {
        DeliveryResult result = module.deliver(bundle);
        assertThat(result).as(result.toString()).isInstanceOf(DeliveryResult.Delivered.class);
    }

    private static double rate(List<Bundle> bundles, java.util.function.Consumer<Bundle> post) {
        long start = System.nanoTime();
        bundles.forEach(post);
        return bundles.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static List<Bundle> bundles(String prefix, int count, List<String> examples) {
        List<Bundle> bundles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bundles.add(Deliveries.bundle(Deliveries.submission(prefix + "-" + i, examples.get(i % examples.size()))));
        }
        return bundles;
    }

    private static int averageEntries(List<String> examples) {
        return (int) Math.round(bundles("count", examples.size(), examples).stream()
                .mapToInt(bundle -> bundle.getEntry().size()).average().orElse(0));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 10) / 10.0).toArray();
    }
}
