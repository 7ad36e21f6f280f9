package org.example.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The plugin's features as Spring Modulith application modules (each direct sub-package of
 * {@code org.example.intake.web}: its public types in that package are its API, its sub-packages and
 * package-private types its own), verified to depend on each other only through those APIs and
 * without cycles; and their documentation, written to {@code docs/modules/} of the repository, the
 * same on every run (see docs/web-form.md).
 */
class ModularityTests {

    /** The repository's {@code docs/modules/}, from web-form's directory (where the build runs the tests). */
    static final Path DOCS = Path.of("..", "docs", "modules");

    /**
     * The modules under the auto-configuration's package. The auto-configuration itself is left out of
     * the analysis: it is where the plugin is put together (it imports every feature's configuration, as
     * a Spring Boot application's component scan would), so every feature is below it, while the
     * features may use the root package's shared types (the settings, the schema, the FHIR error
     * answers). A plain {@code ApplicationModules.of(IntakeAutoConfiguration.class)} asks for a
     * {@code @SpringBootApplication} or {@code @Modulithic} type, which a plugin has not.
     */
    static final ApplicationModules MODULES = ApplicationModules.of(IntakeAutoConfiguration.class.getPackageName(),
            JavaClass.Predicates.equivalentTo(IntakeAutoConfiguration.class));

    @Test
    void theFeaturesDependOnEachOtherOnlyThroughTheirApisAndWithoutCycles() {
        MODULES.verify();
    }

    @Test
    void theFeaturesAreTheModules() {
        assertThat(MODULES.stream().map(module -> module.getIdentifier().toString()))
                .containsExactlyInAnyOrder("advice", "audit", "delivery", "intake", "operations", "queue", "retriage", "sdc",
                        "security");
    }

    @Test
    void writesTheModuleDocumentation() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeDocumentation();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path file : files.toList()) {
                Files.writeString(file, inStableOrder(Files.readString(file)));
            }
        }

        assertThat(DOCS.resolve("components.puml")).content().contains("Component(", "Rel(");
        assertThat(DOCS.resolve("all-docs.adoc")).content().contains("include::module-intake.adoc[]");
    }

    /**
     * The Documenter lists modules, their dependencies, beans and events in an order that can change
     * from one run to the next: sorted, the files change only when the modules do. Sorts each run of
     * PlantUML {@code Component(...)} or {@code Rel(...)} lines and each AsciiDoc list, and the
     * aggregating document's sections after its first; drops trailing spaces.
     */
    static String inStableOrder(String text) {
        List<String> lines = Arrays.stream(text.split("\n", -1)).map(String::stripTrailing).toList();
        List<String> sorted = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); ) {
            String kind = kind(lines.get(i));
            int end = i + 1;
            while (kind != null && end < lines.size() && kind.equals(kind(lines.get(end)))
                    && !lines.get(end).startsWith("|")) {
                end++;
            }
            List<String> run = new ArrayList<>(lines.subList(i, end));
            if (kind != null && run.size() > 1) {
                boolean cell = run.get(0).startsWith("|");
                run.set(0, cell ? run.get(0).substring(1) : run.get(0));
                run.sort(Comparator.naturalOrder());
                run.set(0, cell ? "|" + run.get(0) : run.get(0));
            }
            sorted.addAll(run);
            i = end;
        }
        String result = String.join("\n", sorted);
        if (!result.startsWith("== ")) {
            return result;
        }
        List<String> sections = new ArrayList<>(Arrays.stream(result.split("\n(?=== )")).map(String::strip).toList());
        List<String> rest = new ArrayList<>(sections.subList(1, sections.size()));
        rest.sort(Comparator.naturalOrder());
        return sections.get(0) + "\n\n" + String.join("\n\n", rest) + "\n";
    }

    private static String kind(String line) {
        if (line.startsWith("  Component(") || line.startsWith("Component(")) {
            return "component";
        }
        if (line.startsWith("Rel(")) {
            return "relation";
        }
        return line.startsWith("* ") || line.startsWith("|* ") ? "item" : null;
    }
}
