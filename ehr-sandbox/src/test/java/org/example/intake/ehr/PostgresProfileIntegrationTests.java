package org.example.intake.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * The sandbox on the {@code postgres} profile, against the PostgreSQL this kind of machine runs
 * (127.0.0.1:5432, database {@code test}, trust auth), in a schema of its own that the test drops
 * afterwards: HAPI's tables go there, and a repeated conditional create still stores one resource.
 */
class PostgresProfileIntegrationTests {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Test
    void postgresProfile_keepsHapisTablesInItsSchema_andConditionalCreatesStayIdempotent() throws Exception {
        String schema = "ehr_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dataDir = Files.createTempDirectory("ehr-postgres-");
        try (EhrSandbox ehr = EhrSandboxServer.start(dataDir, Map.of(
                "spring.profiles.active", "postgres",
                "spring.datasource.url", URL,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "",
                "ehr.db.schema", schema,
                "ehr.demo-patients", ""))) {
            IGenericClient client = Fhir.client(ehr);
            Bundle bundle = Fhir.patientAndConditionalObservation("pg-patient", Fhir.unique("pg"));
            String identifier = bundle.getEntry().get(1).getRequest().getIfNoneExist();

            client.transaction().withBundle(bundle).execute();
            client.transaction().withBundle(bundle).execute();

            Bundle found = client.search().byUrl("Observation?" + identifier).returnBundle(Bundle.class).execute();
            assertThat(found.getEntry()).hasSize(1);
            assertThat(found.getEntryFirstRep().getResource()).isInstanceOf(Observation.class);
            assertThat(tablesIn(schema)).as("HAPI's tables in schema " + schema).isGreaterThan(20);
        } finally {
            try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static int tablesIn(String schema) throws Exception {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
