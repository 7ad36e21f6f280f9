package org.example.intake.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * intake-core is plain Java (docs: the modules and the way data flows): HAPI, Spring and Jakarta live in the modules
 * that depend on it, never the other way round.
 */
@AnalyzeClasses(packages = "org.example.intake.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule coreDependsOnNoFrameworkOrFhirLibrary = noClasses()
            .that().resideInAPackage("org.example.intake.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "ca.uhn..", "org.hl7..", "org.springframework..", "jakarta..", "javax..")
            .because("intake-core is plain Java; HAPI, Spring and Jakarta belong to fhir-adapter and web-form");

    @Test
    void ruleFindsACoreClassThatUsesAJavaxType() {
        JavaClasses offender = new ClassFileImporter().importClasses(CoreClassUsingJavax.class);

        EvaluationResult result = coreDependsOnNoFrameworkOrFhirLibrary.evaluate(offender);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("javax.crypto.SecretKey"));
    }

    @Test
    void ruleLooksAtTheMainClassesOfTheModule() {
        JavaClasses core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.example.intake.core");

        EvaluationResult result = coreDependsOnNoFrameworkOrFhirLibrary.evaluate(core);

        assertThat(core.containPackage("org.example.intake.core.triage")).isTrue();
        assertThat(result.hasViolation()).isFalse();
    }

    /** A test-only stand-in for a core class that slipped in a forbidden import. */
    static final class CoreClassUsingJavax {
        javax.crypto.SecretKey key;
    }
}
