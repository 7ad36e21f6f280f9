package org.example.intake.web;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates and migrates the plugin's tables in the host's database with a Flyway of its own,
 * history in {@code intake_schema_history}, so the host's own Flyway, if any, is neither replaced
 * nor mixed up with ours; it runs first ({@link #ordering}). The scripts create only tables the
 * plugin owns, every one named {@code intake_*} (its job table too: a host's own db-scheduler table
 * is the host's).
 *
 * <p>Each feature owns its scripts, under {@code db/intake/<feature>/common} for the SQL every
 * database takes and {@code db/intake/<feature>/<vendor>} ({@code h2}, {@code postgresql}) only
 * for what differs. {@link #locations} lists them all here, explicitly, rather than each feature
 * contributing its own: one place shows the whole schema, and one Flyway history orders it.
 * Versions are unique across every location and keep the order of creation: the submissions
 * (V1, intake) before what adds to them or refers to them (delivery's job table V2, the queue's
 * review V3, delivery's history V4, the audit trail V5 and its append-only trigger V6, the
 * replaced level V7, re-triage V8, the sessions the issuer ended V12). The one type the shared scripts spell differently per
 * database is a Flyway placeholder ({@link #placeholders}). {@code IntakeSchemaTests} fails when a
 * script lies outside these locations.
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

    /** Where the scripts for this database ({@code h2} or {@code postgresql}) are, feature by feature. */
    static List<String> locations(String vendor) {
        return List.of(
                "classpath:db/intake/intake/common",
                "classpath:db/intake/delivery/common", "classpath:db/intake/delivery/" + vendor,
                "classpath:db/intake/queue/common",
                "classpath:db/intake/audit/common", "classpath:db/intake/audit/" + vendor,
                "classpath:db/intake/retriage/common",
                "classpath:db/intake/security/common");
    }

    /** What the shared scripts' placeholders stand for: {@code long_text}, clob on H2, text on PostgreSQL. */
    static Map<String, String> placeholders(String vendor) {
        return Map.of("long_text", vendor.equals("h2") ? "clob" : "text");
    }

    @Override
    public void afterPropertiesSet() {
        String vendor = vendor();
        Flyway.configure()
                .dataSource(dataSource)
                .locations(locations(vendor).toArray(String[]::new))
                .placeholders(placeholders(vendor))
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
