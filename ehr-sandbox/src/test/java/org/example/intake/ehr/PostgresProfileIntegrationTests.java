package org.example.intake.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.example.intake.testsupport.db.PostgresSchema;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * The sandbox on the {@code postgres} profile, against the PostgreSQL this kind of machine runs
 * (127.0.0.1:5432, database {@code test}, trust auth), in a schema of its own that the sandbox makes
 * and the test drops afterwards: HAPI's tables go there, and a repeated conditional create still stores
 * one resource.
 */
class PostgresProfileIntegrationTests {

    @Test
    void postgresProfile_keepsHapisTablesInItsSchema_andConditionalCreatesStayIdempotent() throws Exception {
        Path dataDir = Files.createTempDirectory("ehr-postgres-");
        try (PostgresSchema schema = PostgresSchema.reserve("ehr_it");
                EhrSandbox ehr = EhrSandboxServer.start(dataDir, Map.of(
                        "spring.profiles.active", "postgres",
                        "spring.datasource.url", PostgresSchema.SERVER_URL,
                        "spring.datasource.username", PostgresSchema.USER,
                        "spring.datasource.password", "",
                        "ehr.db.schema", schema.name(),
                        "ehr.demo-patients", ""))) {
            IGenericClient client = Fhir.client(ehr);
            Bundle bundle = Fhir.patientAndConditionalObservation("pg-patient", Fhir.unique("pg"));
            String identifier = bundle.getEntry().get(1).getRequest().getIfNoneExist();

            client.transaction().withBundle(bundle).execute();
            client.transaction().withBundle(bundle).execute();

            Bundle found = client.search().byUrl("Observation?" + identifier).returnBundle(Bundle.class).execute();
            assertThat(found.getEntry()).hasSize(1);
            assertThat(found.getEntryFirstRep().getResource()).isInstanceOf(Observation.class);
            assertThat(schema.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?",
                    schema.name())).as("HAPI's tables in schema " + schema).isGreaterThan(20);
        }
    }
}
