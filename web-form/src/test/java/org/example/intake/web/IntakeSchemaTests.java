package org.example.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The plugin's migration scripts all lie in the locations {@link IntakeSchema} gives Flyway, each
 * database gets one script per version, and a script kept per database exists for both.
 * ({@code IntakeSchemaIntegrationTests} checks what the scripts make.)
 */
class IntakeSchemaTests {

    private static final List<String> VENDORS = List.of("h2", "postgresql");

    /** Each script as {@code <feature>/<common|vendor>/<file name>}. */
    private static List<String> scripts() throws IOException {
        List<String> scripts = new ArrayList<>();
        for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath*:db/intake/**/*.sql")) {
            String url = script.getURL().toString();
            scripts.add(url.substring(url.indexOf("db/intake/") + "db/intake/".length()));
        }
        assertThat(scripts).isNotEmpty();
        return scripts;
    }

    private static String folder(String script) {
        return script.substring(0, script.lastIndexOf('/'));
    }

    private static String version(String script) {
        return script.substring(script.lastIndexOf('/') + 1).split("__")[0];
    }

    @Test
    void everyScriptIsInALocationOfTheDatabasesItIsFor() throws IOException {
        for (String script : scripts()) {
            String kind = script.split("/")[1];
            assertThat(script.split("/")).as(script).hasSize(3);
            assertThat(kind).as(script).isIn(List.of("common", "h2", "postgresql"));
            for (String vendor : VENDORS) {
                boolean forThisDatabase = kind.equals("common") || kind.equals(vendor);
                assertThat(IntakeSchema.locations(vendor).contains("classpath:db/intake/" + folder(script)))
                        .as(script + " on " + vendor).isEqualTo(forThisDatabase);
            }
        }
    }

    @Test
    void eachDatabaseGetsOneScriptPerVersion() throws IOException {
        List<String> scripts = scripts();
        for (String vendor : VENDORS) {
            Map<String, List<String>> byVersion = scripts.stream()
                    .filter(s -> IntakeSchema.locations(vendor).contains("classpath:db/intake/" + folder(s)))
                    .collect(Collectors.groupingBy(IntakeSchemaTests::version, TreeMap::new, Collectors.toList()));
            assertThat(byVersion.values()).as(vendor).allSatisfy(same -> assertThat(same).hasSize(1));
        }
    }

    @Test
    void aScriptKeptPerDatabaseExistsForEach() throws IOException {
        List<String> scripts = scripts();
        for (String script : scripts) {
            String[] parts = script.split("/");
            if (!parts[1].equals("common")) {
                for (String vendor : VENDORS) {
                    assertThat(scripts).as(script).anyMatch(s -> s.startsWith(parts[0] + "/" + vendor + "/")
                            && version(s).equals(version(script)));
                }
            }
        }
    }
}
