package org.example.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database roles' settings ({@code intake.database.*}): none is one role, as before; an owner is a plain role
 * name that differs from the app's; an app role only with an owner; and two roles only on PostgreSQL.
 */
class IntakeDatabaseSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IntakeDatabaseProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void withoutSettings_itIsOneRole() {
        runner.run(context -> assertThat(context.getBean(IntakeDatabaseProperties.class).twoRoles()).isFalse());
    }

    @Test
    void anOwnerWithOrWithoutAPasswordAndAnAppRole_isTwoRoles() {
        runner.withPropertyValues("intake.database.owner.username=intake_owner",
                "intake.database.owner.password=from-the-vault", "intake.database.app-role=intake_app")
                .run(context -> {
                    IntakeDatabaseProperties roles = context.getBean(IntakeDatabaseProperties.class);
                    assertThat(roles.twoRoles()).isTrue();
                    assertThat(roles.owner().passwordOrEmpty()).isEqualTo("from-the-vault");
                });
        runner.withPropertyValues("intake.database.owner.username=intake_owner").run(context -> assertThat(
                context.getBean(IntakeDatabaseProperties.class).owner().passwordOrEmpty()).isEmpty());
    }

    @Test
    void anOwnerWithoutAName_orNotAPlainRoleName_isRefused() {
        runner.withPropertyValues("intake.database.owner.password=secret").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("intake.database.owner.username"));
        runner.withPropertyValues("intake.database.owner.username=owner\"; drop table x").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("plain role name"));
    }

    @Test
    void anAppRoleWithoutAnOwner_orTheOwnerAsTheAppRole_isRefused() {
        runner.withPropertyValues("intake.database.app-role=intake_app").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("set both or neither"));
        runner.withPropertyValues("intake.database.owner.username=intake", "intake.database.app-role=INTAKE")
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("must differ"));
    }

    @Test
    void twoRolesOnH2_areRefusedBeforeAnyMigration() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:roles-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        IntakeDatabaseProperties roles = new IntakeDatabaseProperties(
                new IntakeDatabaseProperties.Owner("intake_owner", null), null);

        assertThatIllegalStateException().isThrownBy(() -> new IntakeSchema(h2, roles).afterPropertiesSet())
                .withMessageContaining("intake.database.owner is for PostgreSQL");
    }
}
