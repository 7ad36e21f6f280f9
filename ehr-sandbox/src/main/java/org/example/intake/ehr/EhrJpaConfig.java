package org.example.intake.ehr;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings.ClientIdStrategyEnum;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.model.entity.StorageSettings.IndexEnabledEnum;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;

/**
 * HAPI's JPA storage for R4: HAPI's own configuration classes, plus the beans they expect the
 * application to provide (storage, partition and subscription settings, the entity manager factory
 * and its transaction manager).
 */
@Import({
        JpaR4Config.class,
        HapiJpaConfig.class,
        ThreadPoolFactoryConfig.class,
        JpaBatch2Config.class,
        Batch2JobsConfig.class,
        SubscriptionChannelConfig.class,
})
public class EhrJpaConfig {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    @Bean
    public JpaStorageSettings jpaStorageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // Client-assigned ids (PUT Patient/alex, PUT Provenance/<derived id>); purely numeric ones stay
        // reserved for the server's own sequential ids.
        settings.setResourceClientIdStrategy(ClientIdStrategyEnum.ALPHANUMERIC);
        // Referential integrity as in a real EHR: a reference to a resource that does not exist is refused,
        // and nothing is created behind the client's back.
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setEnforceReferentialIntegrityOnDelete(true);
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        // Searches always read the database: tests poll for what was just written.
        settings.setReuseCachedSearchResultsForMillis(null);
        // Plain SQL indexes only; no Hibernate Search (Lucene or Elasticsearch).
        settings.setIndexMissingFields(IndexEnabledEnum.DISABLED);
        settings.setHibernateSearchIndexSearchParams(false);
        settings.setHibernateSearchIndexFullText(false);
        return settings;
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings(); // one unpartitioned repository
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings(); // no subscription channel types enabled
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            DataSource dataSource,
            @Value("${spring.datasource.url}") String jdbcUrl,
            @Value("${ehr.db.schema:}") String schema) {
        openDatabase(dataSource, schema);

        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        factory.setJpaPropertyMap(hibernateProperties(jdbcUrl));
        return factory;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    static Map<String, Object> hibernateProperties(String jdbcUrl) {
        Map<String, Object> p = new HashMap<>();
        p.put("hibernate.dialect", dialectFor(jdbcUrl));
        p.put("hibernate.hbm2ddl.auto", "update");
        p.put("hibernate.search.enabled", "false");
        p.put("hibernate.archive.scanner", "org.hibernate.boot.archive.scan.internal.DisabledScanner");
        p.put("hibernate.jdbc.batch_size", "20");
        p.put("hibernate.format_sql", "false");
        p.put("hibernate.show_sql", "false");
        p.put("hibernate.cache.use_query_cache", "false");
        p.put("hibernate.cache.use_second_level_cache", "false");
        p.put("hibernate.cache.use_structured_entries", "false");
        p.put("hibernate.cache.use_minimal_puts", "false");
        return p;
    }

    static String dialectFor(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return HapiFhirH2Dialect.class.getName();
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return HapiFhirPostgresDialect.class.getName();
        }
        throw new IllegalArgumentException("The EHR sandbox runs on H2 or PostgreSQL, not on " + jdbcUrl);
    }

    /**
     * Opens the database once before Hibernate does, so that an unreachable or locked database fails the
     * start at once, with one clear cause (see DatabaseInUseFailureAnalyzer). The postgres profile keeps
     * HAPI's tables in a schema of their own, made here on first start.
     */
    private static void openDatabase(DataSource dataSource, String schema) {
        if (!schema.isBlank() && !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("ehr.db.schema must be a plain lower-case SQL name: " + schema);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (!schema.isBlank()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the EHR sandbox's database: " + e.getMessage(), e);
        }
    }
}
