package org.example.intake.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** The plugin's shape: packaged by feature, controllers hidden, no feature reaching around another. */
class ArchitectureTests {

    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.example.intake.web");

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().notBePublic()
                .check(PLUGIN);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.example.intake.web.(*)..").should().beFreeOfCycles().check(PLUGIN);
    }

    @Test
    void theApiGoesThroughTheServicesNotTheStoresOrTheDatabase() {
        noClasses().that().haveSimpleNameEndingWith("ApiController")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .orShould().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..")
                .check(PLUGIN);
    }

    @Test
    void onlyTheDeliveryFeatureAndTheAuditExportKnowDbScheduler() {
        noClasses().that().resideOutsideOfPackage("..web.delivery..").and().doNotHaveSimpleName("IntakeAutoConfiguration")
                .and().doNotHaveSimpleName("AuditExportTask")
                .should().dependOnClassesThat().resideInAPackage("com.github.kagkarlsson..")
                .check(PLUGIN);
    }

    @Test
    void onlyTheOperationsFeatureKnowsTheActuatorAndSpringdoc() {
        noClasses().that().resideOutsideOfPackage("..web.operations..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot.actuate..",
                        "org.springdoc..", "io.swagger.v3.oas.models..", "io.swagger.v3.core..")
                .check(PLUGIN);
    }

    /** Delivery's configuration hands the host's registry to db-scheduler's own meters of the plugin's scheduler. */
    @Test
    void onlyTheOperationsFeatureAndTheSchedulersConfigurationKnowMicrometer() {
        noClasses().that().resideOutsideOfPackage("..web.operations..").and().doNotHaveSimpleName("DeliveryConfiguration")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .check(PLUGIN);
    }

    /** The API's endpoints describe themselves (OpenAPI annotations), whatever docs tool the host has, if any. */
    @Test
    void everyApiEndpointIsDocumented_andRefusesWithOperationOutcomes() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
                .and().areMetaAnnotatedWith(org.springframework.web.bind.annotation.RequestMapping.class)
                .should().beAnnotatedWith(io.swagger.v3.oas.annotations.Operation.class)
                .andShould().beDeclaredInClassesThat().areAnnotatedWith(IntakeApi.class)
                .check(PLUGIN);
    }

    @Test
    void noFeatureDependsOnOperations_itOnlyListensAndDescribes() {
        noClasses().that().resideOutsideOfPackage("..web.operations..")
                .and().doNotHaveSimpleName("IntakeAutoConfiguration")
                .should().dependOnClassesThat().resideInAPackage("..web.operations..")
                .check(PLUGIN);
    }

    @Test
    void theQueuesPagesGoThroughTheQueueAndTheServicesNotTheStoresOrTheDatabase() {
        noClasses().that().resideInAPackage("..web.queue..").and().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .orShould().dependOnClassesThat().haveSimpleName("AuditTrail")
                .orShould().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..")
                .check(PLUGIN);
    }

    /** A patient's free text reaches clinicians' pages: no template may write anything unescaped. */
    @Test
    void noTemplateWritesUnescapedText() throws java.io.IOException {
        java.nio.file.Path templates = java.nio.file.Path.of("src/main/resources/templates");
        try (var files = java.nio.file.Files.walk(templates)) {
            java.util.List<java.nio.file.Path> html = files.filter(path -> path.toString().endsWith(".html")).toList();
            org.assertj.core.api.Assertions.assertThat(html).hasSizeGreaterThan(5);
            for (java.nio.file.Path file : html) {
                org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.readString(file)).as(file.toString())
                        .doesNotContain("th:utext", "[(${", "data-th-utext");
            }
        }
    }
}
