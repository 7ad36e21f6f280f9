package org.example.intake.keycloak;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class JdkOnlyArchTests {

    @Test
    void mainCodeNeedsOnlyTheJdkSoThatTheLauncherRunsTheJarAlone() {
        // keycloak-smart's classes (org.example.intake.keycloak.smart) are on the test class path too, but they run
        // inside the Keycloak server as a provider, on its class path: they are not this module's code.
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/keycloak/smart/"))
                .importPackages("org.example.intake.keycloak");

        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.example.intake.keycloak..")
                .because("./intake keycloak runs keycloak-server.jar with nothing else on the classpath")
                .check(main);
    }
}
