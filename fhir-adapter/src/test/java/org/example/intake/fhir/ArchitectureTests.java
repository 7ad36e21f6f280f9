package org.example.intake.fhir;

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
 * fhir-adapter is the library the applications use (its dependants are named in the modules' poms):
 * cli -> fhir-adapter -> intake-core, never back from the library to the command line.
 */
@AnalyzeClasses(packages = "org.example.intake.fhir", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule fhirAdapterDependsOnNoCommandLine = noClasses()
            .that().resideInAPackage("org.example.intake.fhir..")
            .should().dependOnClassesThat().resideInAPackage("org.example.intake.cli..")
            .because("fhir-adapter is a library both applications use; the command line depends on it, not the"
                    + " other way round");

    @Test
    void ruleLooksAtTheMainClassesOfEveryPackageOfTheModule() {
        JavaClasses adapter = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.example.intake.fhir");

        EvaluationResult result = fhirAdapterDependsOnNoCommandLine.evaluate(adapter);

        assertThat(adapter.containPackage("org.example.intake.fhir.extract")).isTrue();
        assertThat(adapter.containPackage("org.example.intake.fhir.ehr")).isTrue();
        assertThat(adapter.containPackage("org.example.intake.fhir.audit")).isTrue();
        assertThat(adapter.contain(SampleIntakes.class)).isFalse();
        assertThat(result.hasViolation()).isFalse();
    }
}
