package org.example.intake.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Which database roles the plugin uses, under {@code intake.database.*}. With an owner set (PostgreSQL only), the
 * plugin's migrations run as the owner, on the host's JDBC URL, and the owner then grants the application's role
 * (the host's DataSource user) just what the plugin needs, on every start: all DML on its working tables, only
 * SELECT and INSERT on the audit trail and its export tracking, SELECT and UPDATE on the chain's head, nothing on
 * the migration history. Without an owner, the host's DataSource user runs the migrations and owns every table (one
 * role): for development, tests and the demo on H2, not for production, where that user could drop the audit
 * trail's guards.
 *
 * @param owner   the role that runs the migrations and owns the tables; null for one role
 * @param appRole the role the application connects as, to be granted its rights; by default the host DataSource's
 *                user. Only with an owner.
 */
@Validated
@ConfigurationProperties("intake.database")
public record IntakeDatabaseProperties(@Valid Owner owner,
        @Pattern(regexp = ROLE, message = "must be a plain role name (letters, digits, _ and $, not first a digit)")
        String appRole) {

    /** A role name the grants can quote safely. */
    static final String ROLE = "[A-Za-z_][A-Za-z0-9_$]{0,62}";

    /**
     * @param username the owner's role (a login); required with an owner
     * @param password its password (INTAKE_DATABASE_OWNER_PASSWORD); empty when the database authenticates it
     *                 otherwise
     */
    public record Owner(@NotBlank(message = "is required with an owner: set intake.database.owner.username, the role "
            + "that runs the migrations") @Pattern(regexp = ROLE, message = "must be a plain role name") String username,
            String password) {

        /** The password, or the empty one. */
        public String passwordOrEmpty() {
            return password == null ? "" : password;
        }
    }

    /** One role, as before: the host DataSource's user runs the migrations and owns the tables. */
    public static IntakeDatabaseProperties oneRole() {
        return new IntakeDatabaseProperties(null, null);
    }

    /** Whether the migrations run as an owner of their own. */
    public boolean twoRoles() {
        return owner != null;
    }

    @AssertTrue(message = "needs an owner: intake.database.app-role is granted its rights by "
            + "intake.database.owner.username; set both or neither")
    public boolean isAppRoleWithOwner() {
        return appRole == null || owner != null;
    }

    @AssertTrue(message = "must differ: intake.database.owner.username and intake.database.app-role (the application "
            + "must not own the tables)")
    public boolean isAppRoleNotOwner() {
        return owner == null || owner.username() == null || appRole == null
                || !owner.username().equalsIgnoreCase(appRole);
    }
}
