package org.example.intake.ehr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;

import ca.uhn.fhir.rest.client.api.IGenericClient;

/**
 * Prints how many transaction bundles of 5 new conditional creates the sandbox takes per second, one
 * client thread. Not a test: figures only.
 *
 * <pre>
 * ./mvnw -q -pl ehr-sandbox exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.example.intake.ehr.ThroughputProbe -Dexec.args="http://localhost:8090/fhir 200"
 * </pre>
 * Without a URL it boots an in-process sandbox (fresh H2 directory) first.
 */
public final class ThroughputProbe {

    private static final int WARM_UP = 20;
    private static final int CREATES_PER_BUNDLE = 5;

    private ThroughputProbe() {
    }

    public static void main(String[] args) {
        EhrSandbox ehr = args.length > 0 && args[0].startsWith("http")
                ? EhrSandboxServer.connect(args[0]) : EhrSandboxServer.startThrowaway();
        int bundles = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        IGenericClient client = Fhir.client(ehr);
        String patientId = Fhir.unique("probe");
        client.update().resource(Fhir.patient(patientId)).execute();

        for (int i = 0; i < WARM_UP; i++) {
            client.transaction().withBundle(bundle(patientId)).execute();
        }
        List<Long> micros = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < bundles; i++) {
            Bundle bundle = bundle(patientId);
            long t0 = System.nanoTime();
            Bundle response = client.transaction().withBundle(bundle).execute();
            micros.add((System.nanoTime() - t0) / 1000);
            if (response.getEntry().stream().anyMatch(e -> !e.getResponse().getStatus().startsWith("201"))) {
                throw new IllegalStateException("a create did not create: " + response.getEntry());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Collections.sort(micros);
        System.out.printf(Locale.ROOT, "%s: %d bundles x %d conditional creates in %.1f s = %.1f bundles/s "
                        + "(%.0f resources/s); latency p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                ehr.baseUrl(), bundles, CREATES_PER_BUNDLE, seconds, bundles / seconds,
                bundles * CREATES_PER_BUNDLE / seconds, micros.get(micros.size() / 2) / 1000.0,
                micros.get(micros.size() * 95 / 100) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
        ehr.close();
        System.exit(0);
    }

    private static Bundle bundle(String patientId) {
        Bundle bundle = new Bundle();
        bundle.setType(BundleType.TRANSACTION);
        for (int i = 0; i < CREATES_PER_BUNDLE; i++) {
            String identifier = UUID.randomUUID().toString();
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
                    .setResource(Fhir.painSeverity(patientId, identifier, i))
                    .getRequest().setMethod(HTTPVerb.POST).setUrl("Observation")
                    .setIfNoneExist("identifier=" + Fhir.OBSERVATION_SYSTEM + "|" + identifier);
        }
        return bundle;
    }
}
