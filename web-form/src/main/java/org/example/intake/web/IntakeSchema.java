package org.example.intake.web;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.jdbc.support.DatabaseMetaDataCallback;
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
 * replaced level V7, re-triage V8, the audit trail's hash chain columns, its head and the insert-only
 * export tracking that replaces the outbox V9, the chaining of the records already there V10 (Java:
 * {@link #javaMigrations}), the PostgreSQL guard against TRUNCATE of the trail V10.1, the audit actor's name
 * V11, the sessions the issuer ended V12 (security)). The one type the shared scripts spell differently per
 * database is a Flyway placeholder ({@link #placeholders}).
 * {@code IntakeSchemaTests} fails when a script lies outside these locations.
 *
 * <p>Who runs them ({@link IntakeDatabaseProperties}): by default the DataSource's user, which then owns
 * every table (one role: development, tests, the demo on H2). With {@code intake.database.owner.*} (PostgreSQL
 * only) they run as that owner on the DataSource's JDBC URL, and the owner then grants the application's role
 * just what it needs ({@link AppRoleGrants}), on every start.
 */
public class IntakeSchema implements InitializingBean {

    /** The bean name Spring Boot gives the host's own Flyway migrations. */
    static final String HOST_FLYWAY = "flywayInitializer";

    private final DataSource dataSource;
    private final IntakeDatabaseProperties roles;

    /** One role: the DataSource's user runs the migrations (development, tests, the demo). */
    public IntakeSchema(DataSource dataSource) {
        this(dataSource, IntakeDatabaseProperties.oneRole());
    }

    /**
     * @param roles with an owner, the migrations run as the owner on the DataSource's JDBC URL and the application's
     *              role is then granted its rights ({@link AppRoleGrants}); without, as {@link #IntakeSchema(DataSource)}
     */
    public IntakeSchema(DataSource dataSource, IntakeDatabaseProperties roles) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.roles = Objects.requireNonNull(roles, "roles");
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

    /** The migrations written in Java (their versions among the scripts'): V10 chains the audit records already there. */
    static JavaMigration[] javaMigrations() {
        return new JavaMigration[] { new ChainExistingAuditRecords() };
    }

    /** What the shared scripts' placeholders stand for: {@code long_text}, clob on H2, text on PostgreSQL. */
    static Map<String, String> placeholders(String vendor) {
        return Map.of("long_text", vendor.equals("h2") ? "clob" : "text");
    }

    @Override
    public void afterPropertiesSet() {
        String vendor = vendor();
        if (!roles.twoRoles()) {
            flyway(vendor).dataSource(dataSource).load().migrate();
            return;
        }
        if (!vendor.equals("postgresql")) {
            throw new IllegalStateException("intake.database.owner is for PostgreSQL: on " + vendor + " the plugin "
                    + "runs with one role; remove intake.database.owner.username");
        }
        String url = metaData(DatabaseMetaData::getURL);
        String appRole = roles.appRole() != null ? roles.appRole() : metaData(DatabaseMetaData::getUserName);
        if (appRole.equalsIgnoreCase(roles.owner().username())) {
            throw new IllegalStateException("the host's DataSource connects as the owner " + appRole + ": connect it as "
                    + "the application's role, or set intake.database.app-role, so that the application does not own "
                    + "the tables");
        }
        flyway(vendor).dataSource(url, roles.owner().username(), roles.owner().passwordOrEmpty()).load().migrate();
        try (Connection owner = DriverManager.getConnection(url, roles.owner().username(),
                roles.owner().passwordOrEmpty())) {
            AppRoleGrants.grant(owner, appRole);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant the application's role " + appRole + " its rights on the "
                    + "intake tables as " + roles.owner().username() + ": " + e.getMessage(), e);
        }
    }

    private FluentConfiguration flyway(String vendor) {
        return Flyway.configure()
                .locations(locations(vendor).toArray(String[]::new))
                .placeholders(placeholders(vendor))
                .javaMigrations(javaMigrations())
                .table("intake_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }

    private <T> T metaData(DatabaseMetaDataCallback<T> what) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, what);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot read the intake store's connection details", e);
        }
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
