package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.example.intake.core.answers.Question;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path against HAPI's parser, the oracle: whenever the fast path returns a response,
 * HAPI's strict parser reads the same JSON without complaint into a response that encodes
 * identically; everything else it leaves to HAPI (returns null).
 */
class FastResponseParserUnitTests {

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();
    private final FastResponseParser fast = new FastResponseParser();

    static Stream<String> plainResponses() throws IOException {
        List<String> responses = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                responses.add(Files.readString(file));
            }
        }
        responses.add(Responses.benign().json());
        responses.add(Responses.benign().set(Question.NOTES, "Sore since \"gardening\" \\ on Sunday, \u00e9t\u00e9 \u2603")
                .set(Question.AGE, 0).set(Question.PAIN_SEVERITY, 10).json());
        responses.add(Responses.benign().questionnaire(Responses.CANONICAL).id("x.y-1").json());
        responses.add(CONTEXT.newJsonParser().setPrettyPrint(true).encodeResourceToString(Responses.benign().build()));
        java.io.StringWriter generated = new java.io.StringWriter();
        SampleIntakes.writeNdjson(generated, 300, 7);
        generated.toString().lines().forEach(responses::add);
        java.io.StringWriter older = new java.io.StringWriter();
        SampleIntakes.writeNdjson(older, 50, 8, org.example.intake.core.answers.QuestionnaireVersion.V1_1_0);
        older.toString().lines().forEach(responses::add);
        return responses.stream();
    }

    @ParameterizedTest
    @MethodSource("plainResponses")
    void plainResponse_takesTheFastPath_toWhatHapisStrictParserReads(String json) {
        QuestionnaireResponse fastParsed = fast.parse(json);
        IParser strict = CONTEXT.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        QuestionnaireResponse hapiParsed = strict.parseResource(QuestionnaireResponse.class, json);

        assertThat(fastParsed).isNotNull();
        assertThat(encode(fastParsed)).isEqualTo(encode(hapiParsed));
        assertThat(fastParsed.getIdElement().getIdPart()).isEqualTo(hapiParsed.getIdElement().getIdPart());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "[]",
            "{",
            "{\"resourceType\":\"Patient\",\"id\":\"p\"}",
            "{\"id\":\"no-type\",\"status\":\"completed\"}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"finished\"}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"status\":\"completed\",\"status\":\"completed\"}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"meta\":{\"versionId\":\"1\"}}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"extension\":[]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"colour\":\"blue\"}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"id\":\"a/b\"}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"id\":\" padded\"}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"authored\":\"yesterday\"}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"cramp\",\"answer\":[]}]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"a\",\"answer\":[{\"valueInteger\":1.5}]}]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"a\",\"answer\":[{\"valueInteger\":\"7\"}]}]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"a\",\"answer\":[{\"valueInteger\":99999999999}]}]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"a\",\"answer\":[{\"valueBoolean\":\"true\"}]}]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"a\",\"answer\":[{\"valueDecimal\":1.5}]}]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"a\",\"answer\":[{\"valueBoolean\":true,\"item\":[]}]}]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"a\",\"answer\":[{\"valueCoding\":{\"code\":\"x\",\"userSelected\":true}}]}]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"item\":[{\"linkId\":\"a\",\"answer\":[{\"valueString\":\"\"}]}]}",
            "{\"resourceType\":\"QuestionnaireResponse\",\"subject\":{\"identifier\":{\"value\":\"x\"}}}",
            "{\"resourceType\":\"QuestionnaireResponse\"} trailing",
            "{\"resourceType\":\"QuestionnaireResponse\"}{\"resourceType\":\"QuestionnaireResponse\"}",
    })
    void anythingUnusualOrMalformed_isLeftToHapi(String json) {
        assertThat(fast.parse(json)).isNull();
    }

    @Test
    void readerGivesTheSameVerdict_whicheverParserReadsTheResponse() throws IOException {
        IntakeReader reader = new IntakeReader();
        List<String> inputs = new ArrayList<>(plainResponses().toList());
        inputs.add(Responses.benign().set(Question.PAIN_SEVERITY, 11).json());
        inputs.add(Responses.benign().set(Question.RADIATES_BELOW_KNEE, true).json());
        inputs.add(Responses.benign().set(Question.ONSET, "years").json());

        for (String json : inputs) {
            IntakeReading viaFastPath = reader.read(json);
            IntakeReading viaHapi = reader.readWithHapi(json, new Issues());

            assertThat(viaFastPath.getClass()).isEqualTo(viaHapi.getClass());
            assertThat(encode(viaFastPath.outcome())).isEqualTo(encode(viaHapi.outcome()));
            if (viaFastPath instanceof IntakeReading.Accepted accepted) {
                assertThat(accepted.answers()).isEqualTo(((IntakeReading.Accepted) viaHapi).answers());
                assertThat(accepted.id()).isEqualTo(((IntakeReading.Accepted) viaHapi).id());
            }
        }
    }

    private static String encode(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return CONTEXT.newJsonParser().encodeResourceToString(resource);
    }
}
