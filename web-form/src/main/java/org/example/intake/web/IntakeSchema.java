package org.example.intake.web;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates and migrates the plugin's tables in the host's database with a Flyway of its own:
 * scripts under {@code db/intake/<vendor>}, history in {@code intake_schema_history}, so the
 * host's own Flyway, if any, is neither replaced nor mixed up with ours; it runs first
 * ({@link #ordering}). The scripts create only tables the plugin owns, every one named
 * {@code intake_*} (its job table too: a host's own db-scheduler table is the host's).
 */
public class IntakeSchema implements InitializingBean {

    /** The bean name Spring Boot gives the host's own Flyway migrations. */
    static final String HOST_FLYWAY = "flywayInitializer";

    private final DataSource dataSource;

    public IntakeSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Orders the start-up: the host's own Flyway migrations (when Spring Boot runs any) before
     * ours, so the host's Flyway never meets our tables in a schema it believes it owns.
     */
    public static BeanFactoryPostProcessor ordering(String schemaBean) {
        return beanFactory -> {
            if (beanFactory.containsBeanDefinition(HOST_FLYWAY)) {
                addDependency(beanFactory.getBeanDefinition(schemaBean), HOST_FLYWAY);
            }
        };
    }

    private static void addDependency(BeanDefinition definition, String dependency) {
        List<String> dependsOn = new ArrayList<>();
        if (definition.getDependsOn() != null) {
            dependsOn.addAll(List.of(definition.getDependsOn()));
        }
        dependsOn.add(dependency);
        definition.setDependsOn(dependsOn.toArray(String[]::new));
    }

    @Override
    public void afterPropertiesSet() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/intake/" + vendor())
                .table("intake_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    private String vendor() {
        String product;
        try {
            product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the intake store is in", e);
        }
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return "postgresql";
        }
        if (name.contains("h2")) {
            return "h2";
        }
        throw new IllegalStateException("the intake store runs on PostgreSQL or H2, not " + product);
    }
}
