package org.example.intake.testsupport.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A throwaway schema in the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, user
 * {@code postgres}, trust auth): created by {@link #create}, dropped with everything in it by
 * {@link #close()}. Every test of this repository that runs on PostgreSQL makes its schema here. An application gets it with {@link #jdbcUrl()} ({@code ?currentSchema=}).
 *
 * <p>{@link #createWithRoles} also makes two login roles of the schema's own, dropped with it: {@link #ownerRole()}
 * ({@code <schema>_owner}, which owns the schema, for migrations) and {@link #appRole()} ({@code <schema>_app}, with
 * only {@code USAGE} on the schema: what else it may do is granted by the owner). Trust auth: no passwords.
 */
public final class PostgresSchema implements AutoCloseable {

    public static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String name;
    private final boolean roles;

    private PostgresSchema(String name, boolean roles) {
        this.name = name;
        this.roles = roles;
    }

    /** Creates a schema named {@code <prefix>_<12 random hex digits>}. */
    public static PostgresSchema create(String prefix) {
        return createNamed(freshName(prefix));
    }

    /** Creates the schema with exactly this name (lower case letters, digits, underscores). */
    public static PostgresSchema createNamed(String name) {
        inDatabase("CREATE SCHEMA " + plain(name));
        return new PostgresSchema(name, false);
    }

    /**
     * Creates a schema named as {@link #create}'s, owned by a new login role {@code <schema>_owner}, and a second
     * login role {@code <schema>_app} that may use the schema but has no right on anything in it. {@link #close()}
     * drops both roles with the schema.
     *
     * @param prefix at most 37 characters, so that the role names stay within PostgreSQL's 63
     */
    public static PostgresSchema createWithRoles(String prefix) {
        String name = plain(freshName(prefix));
        if (name.length() + "_owner".length() > 63) {
            throw new IllegalArgumentException("a prefix of at most 37 characters, not " + prefix);
        }
        inDatabase("CREATE ROLE " + name + "_owner LOGIN", "CREATE ROLE " + name + "_app LOGIN",
                "CREATE SCHEMA " + name + " AUTHORIZATION " + name + "_owner",
                "GRANT USAGE ON SCHEMA " + name + " TO " + name + "_app");
        return new PostgresSchema(name, true);
    }

    /**
     * A name like {@link #create}'s for a schema that the application under test makes itself (such as the EHR
     * sandbox's {@code ehr.db.schema}): nothing is created here; {@link #close()} drops it all the same.
     */
    public static PostgresSchema reserve(String prefix) {
        return new PostgresSchema(plain(freshName(prefix)), false);
    }

    private static String freshName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String plain(String name) {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + name);
        }
        return name;
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of the database with this schema as the current one. */
    public String jdbcUrl() {
        return SERVER_URL + "?currentSchema=" + name;
    }

    /** A new connection with this schema current; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /** The role that owns the schema (a login, no password), for migrations; only from {@link #createWithRoles}. */
    public String ownerRole() {
        return role("_owner");
    }

    /** The application's role (a login, no password): {@code USAGE} on the schema and nothing else to begin with. */
    public String appRole() {
        return role("_app");
    }

    /** A new connection as this role ({@link #ownerRole()}, {@link #appRole()} or {@link #USER}) with this schema current. */
    public Connection connectAs(String role) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role, "");
    }

    private String role(String suffix) {
        if (!roles) {
            throw new IllegalStateException("schema " + name + " was made without roles: use createWithRoles");
        }
        return name + suffix;
    }

    /** The single number this query returns. */
    public long count(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs one statement (any kind, its result set if any ignored) with this schema current. */
    public void execute(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Drops the schema and everything in it; harmless when it is already gone. */
    @Override
    public void close() {
        inDatabase("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        if (roles) {
            inDatabase("DROP OWNED BY " + name + "_owner, " + name + "_app CASCADE",
                    "DROP ROLE IF EXISTS " + name + "_app", "DROP ROLE IF EXISTS " + name + "_owner");
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /** Runs these statements in this order, as the superuser, in the database without a current schema. */
    private static void inDatabase(String... statements) {
        String sql = statements[0];
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, "");
                Statement statement = connection.createStatement()) {
            for (String each : statements) {
                sql = each;
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
