package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.example.intake.fhir.RefusedIntakes.Spoil;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link StreamingAnswerReader#check} against {@link IntakeReader}, the oracle: whatever it decides, accepted with
 * the same id and answers or refused with the same OperationOutcome (issue for issue, as HAPI's encoder writes it),
 * from text and from UTF-8 alike; every common refusal it words itself, the uncommon ones it leaves to the reader.
 */
class StreamingRefusalsUnitTests {

    private static final IParser HAPI_JSON = FhirContext.forR4Cached().newJsonParser();
    /** The spoils that must be worded without {@link IntakeReader}, alone or together. */
    private static final Set<Spoil> UNCOMMON = EnumSet.of(Spoil.UNKNOWN_ELEMENT, Spoil.EMPTY_ANSWERS,
            Spoil.MODIFIER_EXTENSION, Spoil.NUMBER_WITH_FRACTION);

    private final IntakeReader reader = new IntakeReader();
    private final StreamingAnswerReader streaming = new StreamingAnswerReader();

    @Test
    void generatedResponsesSpoiledInSeveralWays_readAsTheReaderReadsThem() {
        RefusedIntakes intakes = new RefusedIntakes(11);
        int refused = 0;
        int accepted = 0;
        int left = 0;
        for (int i = 0; i < 6000; i++) {
            String json = intakes.next();
            StreamingAnswerReader.Reading reading = assertSameAsReader(json);
            if (reading instanceof StreamingAnswerReader.Refused) {
                refused++;
            } else if (reading instanceof StreamingAnswerReader.Plain) {
                accepted++;
            } else {
                left++;
            }
        }
        // not vacuous: most refused ones are worded here, and the valid ones are read
        assertThat(refused).isGreaterThan(3000);
        assertThat(accepted).isGreaterThan(1000);
        assertThat(left).isLessThan(refused / 2);
    }

    @ParameterizedTest
    @EnumSource(Spoil.class)
    void eachWayOfSpoiling_alone_isWordedHereUnlessUncommon(Spoil way) {
        RefusedIntakes intakes = new RefusedIntakes(way.ordinal());
        int left = 0;
        int worded = 0;
        for (int i = 0; i < 120; i++) {
            StreamingAnswerReader.Reading reading = assertSameAsReader(intakes.next(List.of(way)));
            left += reading == null ? 1 : 0;
            worded += reading instanceof StreamingAnswerReader.Refused ? 1 : 0;
        }
        if (UNCOMMON.contains(way)) {
            assertThat(worded).as("left to the reader").isZero();
        } else {
            assertThat(left).as("left to the reader").isZero();
        }
    }

    @Test
    void theLoadRunsRefusals_areAllWordedHere() throws IOException {
        StringWriter ndjson = new StringWriter();
        MixedIntakes.writeNdjson(ndjson, 4000, 9, 200);
        int refused = 0;
        for (String json : ndjson.toString().lines().toList()) {
            StreamingAnswerReader.Reading reading = assertSameAsReader(json);
            assertThat(reading).as(json).isNotNull();
            refused += reading instanceof StreamingAnswerReader.Refused ? 1 : 0;
        }
        assertThat(refused).isBetween(600, 1000);
    }

    @Test
    void textThatIsNotJson_isWordedAsHapisJsonReaderSaysIt() {
        String valid = new RefusedIntakes(3).next(List.of());
        for (String json : List.of("{", "{\"resourceType\":", valid.substring(0, valid.length() - 1),
                valid.replace("\"status\":\"completed\"", "\"status\":completed"),
                valid.replace("\"item\":[", "\"item\":[,"))) {
            assertThat(assertSameAsReader(json)).as(json).isInstanceOf(StreamingAnswerReader.Refused.class);
        }
        // What HAPI's JSON reader takes is the reader's to judge.
        assertThat(assertSameAsReader(valid + " {}")).isNull();
        assertThat(assertSameAsReader("{\"a\":1,}")).isNull(); // HAPI's JSON reader takes a trailing comma
        assertThat(assertSameAsReader("{'a':1}")).isNull(); // and single quotes
        assertThat(assertSameAsReader(valid.replace("{\"resourceType\"", "{\"id\":\"a\",\"id\":\"b\",\"resourceType\"")))
                .isNull();
    }

    /** What {@link StreamingAnswerReader#check} makes of the text, having checked it against the reader. */
    private StreamingAnswerReader.Reading assertSameAsReader(String json) {
        IntakeReading expected = reader.read(json);
        StreamingAnswerReader.Reading reading = streaming.check(json);
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        StreamingAnswerReader.Reading fromBytes = streaming.check(utf8, 0, utf8.length);
        assertThat(describe(fromBytes)).as(json).isEqualTo(describe(reading));
        if (reading instanceof StreamingAnswerReader.Plain plain) {
            assertThat(expected).as(json).isInstanceOf(IntakeReading.Accepted.class);
            assertThat(plain.answers()).as(json).isEqualTo(((IntakeReading.Accepted) expected).answers());
            assertThat(plain.id()).as(json).isEqualTo(((IntakeReading.Accepted) expected).id());
        } else if (reading instanceof StreamingAnswerReader.Refused refused) {
            assertThat(expected).as(json).isInstanceOf(IntakeReading.Rejected.class);
            assertThat(encode(refused.outcome())).as(json).isEqualTo(encode(expected.outcome()));
        }
        return reading;
    }

    private static String describe(StreamingAnswerReader.Reading reading) {
        return reading instanceof StreamingAnswerReader.Refused refused ? encode(refused.outcome())
                : String.valueOf(reading);
    }

    private static String encode(OperationOutcome outcome) {
        return HAPI_JSON.encodeResourceToString(outcome);
    }
}
