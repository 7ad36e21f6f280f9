package org.example.intake.ehr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

class NoStereotypesArchTests {

    @Test
    void noSandboxClassCanBePickedUpByAHostApplicationsComponentScan() {
        JavaClasses sandbox = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.example.intake.ehr");

        noClasses().should().beMetaAnnotatedWith(Component.class)
                .because("a host that scans org.example.intake would otherwise start a HAPI server inside itself")
                .check(sandbox);
    }
}
