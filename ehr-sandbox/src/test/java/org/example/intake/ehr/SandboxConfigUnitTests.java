package org.example.intake.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;

class SandboxConfigUnitTests {

    @Test
    void aRelativeH2FilePathIsMadeAbsoluteAndItsOptionsKept() {
        String url = EhrDataSourceConfig.withAbsoluteH2Path("jdbc:h2:file:target/ehr-data/ehr;DB_CLOSE_ON_EXIT=FALSE");

        assertThat(url).isEqualTo("jdbc:h2:file:" + Path.of("target/ehr-data/ehr").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void otherDatabaseUrlsAreLeftAlone() {
        assertThat(EhrDataSourceConfig.withAbsoluteH2Path("jdbc:h2:file:/var/ehr/ehr")).isEqualTo("jdbc:h2:file:/var/ehr/ehr");
        assertThat(EhrDataSourceConfig.withAbsoluteH2Path("jdbc:h2:file:~/ehr")).isEqualTo("jdbc:h2:file:~/ehr");
        assertThat(EhrDataSourceConfig.withAbsoluteH2Path("jdbc:postgresql://127.0.0.1:5432/test"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
    }

    @Test
    void theDialectFollowsTheDatabase() {
        assertThat(EhrJpaConfig.dialectFor("jdbc:h2:file:/x/ehr")).isEqualTo(HapiFhirH2Dialect.class.getName());
        assertThat(EhrJpaConfig.dialectFor("jdbc:postgresql://127.0.0.1:5432/test"))
                .isEqualTo(HapiFhirPostgresDialect.class.getName());
        assertThatThrownBy(() -> EhrJpaConfig.dialectFor("jdbc:mysql://x/y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hibernateSearchIsOffAndTheSchemaIsKeptUpToDate() {
        assertThat(EhrJpaConfig.hibernateProperties("jdbc:h2:mem:x"))
                .containsEntry("hibernate.search.enabled", "false")
                .containsEntry("hibernate.hbm2ddl.auto", "update");
    }

    @Test
    void theReadyLineSaysWhereAndHowLong() {
        assertThat(ReadyAnnouncer.readyLine(8090, 17.25))
                .isEqualTo("EHR sandbox ready at http://localhost:8090/fhir (17.3 s)");
    }

    @Test
    void aLockedH2FileIsExplainedWithWhatToDo() {
        SQLException locked = new SQLException("Database may be already in use", "90020",
                DatabaseInUseFailureAnalyzer.H2_DATABASE_ALREADY_OPEN);

        var analysis = new DatabaseInUseFailureAnalyzer().analyze(new IllegalStateException("boom",
                new RuntimeException(locked)));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getAction()).contains("EHR_DATA_DIR");
        assertThat(new DatabaseInUseFailureAnalyzer().analyze(new SQLException("other", "42000", 42000))).isNull();
    }
}
