package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.json.BaseJsonLikeObject;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON type check against HAPI's encoder as the oracle: whatever HAPI writes has no wrong
 * type; and each kind of primitive takes its own JSON type and refuses the others.
 */
class PrimitiveJsonTypesUnitTests {

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();
    private final PrimitiveJsonTypes check = new PrimitiveJsonTypes(CONTEXT);

    static Stream<String> validJson() throws IOException {
        List<String> json = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                json.add(Files.readString(file));
            }
        }
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "fhir"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                json.add(Files.readString(file)); // the intake's Questionnaire and CodeSystem
            }
        }
        // As HL7 publishes it: a Bundle of SearchParameters (entry.resource, booleans, codes, canonicals).
        String searchParameters = resource("org/hl7/fhir/r4/model/sp/search-parameters.json");
        json.add(searchParameters);
        // As HAPI encodes them: StructureDefinitions of every data type (unsignedInt, boolean,
        // narrative xhtml, extensions with values of many types), and the published Bundle again.
        IBaseResource types = CONTEXT.newXmlParser().parseResource(resource("org/hl7/fhir/r4/model/profile/profiles-types.xml"));
        json.add(CONTEXT.newJsonParser().encodeResourceToString(types));
        json.add(CONTEXT.newJsonParser().encodeResourceToString(CONTEXT.newJsonParser().parseResource(searchParameters)));
        return json.stream();
    }

    @ParameterizedTest
    @MethodSource("validJson")
    void validFhirJson_hasNoWrongType(String json) {
        assertThat(check.check(tree(json))).isEmpty();
    }

    @Test
    void hapiEncodedStructureDefinitions_withBooleansAndCountsTurnedToStrings_haveOneWrongTypeEach() throws IOException {
        IBaseResource types = CONTEXT.newXmlParser().parseResource(resource("org/hl7/fhir/r4/model/profile/profiles-types.xml"));
        String json = CONTEXT.newJsonParser().encodeResourceToString(types);
        String mutated = json.replace("\"isModifier\":false", "\"isModifier\":\"false\"").replace("\"min\":0", "\"min\":\"0\"");
        int isModifiers = count(json, "\"isModifier\":false");
        int mins = count(json, "\"min\":0");

        List<PrimitiveJsonTypes.WrongType> found = check.check(tree(mutated));

        assertThat(isModifiers).isGreaterThan(100);
        assertThat(mins).isGreaterThan(100);
        assertThat(found).filteredOn(wrongType -> wrongType.element().equals("isModifier")).hasSize(isModifiers)
                .allSatisfy(wrongType -> assertThat(wrongType.expression()).matches("Bundle\\.entry\\[\\d+]\\.resource\\."
                        + "(snapshot|differential)\\.element\\[\\d+]\\.isModifier"));
        assertThat(found).filteredOn(wrongType -> wrongType.element().equals("min")).hasSize(mins);
        assertThat(found).hasSize(isModifiers + mins);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "valueBoolean      | true                   | ",
            "valueBoolean      | \"true\"               | a string",
            "valueBoolean      | 1                      | a number",
            "valueInteger      | -12                    | ",
            "valueInteger      | \"12\"                 | a string",
            "valueInteger      | 12.0                   | a number with a fraction or exponent",
            "valueInteger      | 1e1                    | a number with a fraction or exponent",
            "valueInteger      | false                  | a boolean",
            "valuePositiveInt  | 3                      | ",
            "valuePositiveInt  | \"3\"                  | a string",
            "valueUnsignedInt  | 0                      | ",
            "valueUnsignedInt  | \"0\"                  | a string",
            "valueDecimal      | 1.50                   | ",
            "valueDecimal      | 2                      | ",
            "valueDecimal      | 1e-3                   | ",
            "valueDecimal      | \"1.5\"                | a string",
            "valueString       | \"x\"                  | ",
            "valueString       | 42                     | a number",
            "valueString       | true                   | a boolean",
            "valueCode         | 7                      | a number",
            "valueDate         | 20261125               | a number",
            "valueDateTime     | \"2026-11-25T10:15:00Z\" | ",
            "valueUri          | false                  | a boolean",
            "valueBase64Binary | 12                     | a number",
    })
    void eachPrimitiveType_takesItsOwnJsonTypeOnly(String element, String rawValue, String misfit) {
        String json = "{\"resourceType\":\"Patient\",\"extension\":[{\"url\":\"http://example.org/x\",\"" + element
                + "\":" + rawValue + "}]}";

        List<PrimitiveJsonTypes.WrongType> found = check.check(tree(json));

        if (misfit == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(wrongType -> {
                assertThat(wrongType.expression()).isEqualTo("Patient.extension[0].value");
                assertThat(wrongType.element()).isEqualTo(element);
                assertThat(wrongType.message()).startsWith("'" + element + "' must be a JSON ").endsWith("not " + misfit + ".");
            });
        }
    }

    @Test
    void wrongTypes_areFoundInRepeatingAndNestedElements_primitiveExtensions_andResourcesInResources() {
        String json = """
                {"resourceType": "Bundle", "type": "collection", "total": "2", "entry": [
                  {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "Patient", "active": true,
                    "name": [{"family": "Doe", "given": ["A", 5]}], "_birthDate": {"extension": [
                      {"url": "http://example.org/precision", "valueInteger": "3"}]}, "birthDate": "1990-01-01",
                    "contained": [{"resourceType": "Organization", "id": "o", "active": "yes"}]}},
                  {"fullUrl": "urn:uuid:2", "resource": {"resourceType": "Observation", "status": "final",
                    "code": {"text": "x"}, "valueQuantity": {"value": "4.2", "unit": "kg"},
                    "component": [{"code": {"text": "a"}}, {"code": {"coding": [{"userSelected": "true"}]}}]}}]}
                """;

        List<PrimitiveJsonTypes.WrongType> found = check.check(tree(json));

        assertThat(found).extracting(PrimitiveJsonTypes.WrongType::expression).containsExactly(
                "Bundle.total",
                "Bundle.entry[0].resource.name[0].given[1]",
                "Bundle.entry[0].resource.birthDate.extension[0].value",
                "Bundle.entry[0].resource.contained[0].active",
                "Bundle.entry[1].resource.value.value",
                "Bundle.entry[1].resource.component[1].code.coding[0].userSelected");
    }

    @Test
    void modifierExtensions_areCheckedLikeExtensions() {
        String json = """
                {"resourceType": "QuestionnaireResponse", "status": "completed",
                 "modifierExtension": [{"url": "http://example.org/negated", "valueBoolean": true}],
                 "extension": [{"url": "http://example.org/a", "extension": [{"url": "b", "valueInteger": 3}]}],
                 "item": [{"linkId": "a", "answer": [{"valueBoolean": true,
                   "modifierExtension": [{"url": "http://example.org/negated", "valueBoolean": "true"}]}]}]}
                """;

        List<PrimitiveJsonTypes.WrongType> found = check.check(tree(json));

        assertThat(found).extracting(PrimitiveJsonTypes.WrongType::expression)
                .containsExactly("QuestionnaireResponse.item[0].answer[0].modifierExtension[0].value");
    }

    @Test
    void whatHapisParserReportsItself_isLeftToIt() {
        String json = """
                {"resourceType": "Patient", "id": 5, "colour": 1, "_active": 2, "active": {"value": true},
                 "managingOrganization": "Organization/1", "contained": [{"resourceType": "Banana", "ripe": "yes"}]}
                """;

        assertThat(check.check(tree(json))).isEmpty();
    }

    @Test
    void anUnknownOrMissingResourceType_isLeftToHapisParser() {
        assertThat(check.check(tree("{\"resourceType\":\"Banana\",\"active\":\"true\"}"))).isEmpty();
        assertThat(check.check(tree("{\"active\":\"true\"}"))).isEmpty();
    }

    @Test
    void theWrongValue_isKeptForMatching_butNeverInTheMessage() {
        String json = "{\"resourceType\":\"Patient\",\"gender\":123456,\"active\":\"secret-yes\"}";

        List<PrimitiveJsonTypes.WrongType> found = check.check(tree(json));

        assertThat(found).extracting(PrimitiveJsonTypes.WrongType::text).containsExactly("123456", "secret-yes");
        assertThat(found).extracting(PrimitiveJsonTypes.WrongType::message)
                .containsExactly("'gender' must be a JSON string, not a number.", "'active' must be a JSON boolean, not a string.");
    }

    private static BaseJsonLikeObject tree(String json) {
        JacksonStructure structure = new JacksonStructure();
        structure.load(new StringReader(json));
        return structure.getRootObject();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PrimitiveJsonTypesUnitTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
