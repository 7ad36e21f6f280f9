package org.example.intake.fhir;

import java.io.IOException;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A fast path in front of HAPI's JSON parser, for the plain QuestionnaireResponses an intake
 * form sends: it streams the JSON with Jackson straight into HAPI's model, and gives up (returns
 * null) at the first thing it does not know exactly: any element other than id, questionnaire,
 * status, subject (reference, display), authored and items with linkId, text, answers and
 * nested items; any answer type other than boolean, integer, string and Coding; an empty or
 * malformed value; a duplicate key. The caller then parses with HAPI, which reports what is
 * wrong. So the fast path never judges anything itself; tests prove that whenever it returns a
 * response, HAPI's parser returns the same one.
 *
 * <p>Why: HAPI's parser builds a Jackson tree and then walks its model by reflection; on a
 * 100,000-response run half the CPU went to the JIT compiling it. Thread-safe.
 */
final class FastResponseParser {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The response, or null when the fast path does not apply (HAPI's parser must decide). */
    QuestionnaireResponse parse(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            QuestionnaireResponse response = response(parser);
            return response != null && parser.nextToken() == null ? response : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static QuestionnaireResponse response(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        QuestionnaireResponse response = new QuestionnaireResponse();
        boolean typed = false;
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "resourceType" -> {
                    if (value != JsonToken.VALUE_STRING || !"QuestionnaireResponse".equals(parser.getText())) {
                        return null;
                    }
                    typed = true;
                }
                case "id" -> {
                    String id = text(parser, value);
                    if (id == null || !ID.matcher(id).matches()) {
                        return null;
                    }
                    response.setId(id);
                }
                case "questionnaire" -> {
                    String canonical = text(parser, value);
                    if (canonical == null) {
                        return null;
                    }
                    response.setQuestionnaire(canonical);
                }
                case "status" -> {
                    String code = text(parser, value);
                    if (code == null) {
                        return null;
                    }
                    response.setStatus(QuestionnaireResponseStatus.fromCode(code));
                }
                case "subject" -> {
                    Reference subject = reference(parser, value);
                    if (subject == null) {
                        return null;
                    }
                    response.setSubject(subject);
                }
                case "authored" -> {
                    String dateTime = text(parser, value);
                    if (dateTime == null) {
                        return null;
                    }
                    response.setAuthoredElement(new DateTimeType(dateTime));
                }
                case "item" -> {
                    if (!items(parser, value, response.getItem())) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return typed && parser.currentToken() == JsonToken.END_OBJECT ? response : null;
    }

    private static boolean items(JsonParser parser, JsonToken start, java.util.List<QuestionnaireResponseItemComponent> into)
            throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return false;
        }
        boolean any = false;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            QuestionnaireResponseItemComponent item = item(parser, token);
            if (item == null) {
                return false;
            }
            into.add(item);
            any = true;
        }
        return any;
    }

    private static QuestionnaireResponseItemComponent item(JsonParser parser, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            return null;
        }
        QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "linkId" -> {
                    String linkId = text(parser, value);
                    if (linkId == null) {
                        return null;
                    }
                    item.setLinkId(linkId);
                }
                case "text" -> {
                    String text = text(parser, value);
                    if (text == null) {
                        return null;
                    }
                    item.setText(text);
                }
                case "answer" -> {
                    if (value != JsonToken.START_ARRAY) {
                        return null;
                    }
                    boolean any = false;
                    for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                        QuestionnaireResponseItemAnswerComponent answer = answer(parser, next);
                        if (answer == null) {
                            return null;
                        }
                        item.addAnswer(answer);
                        any = true;
                    }
                    if (!any) {
                        return null;
                    }
                }
                case "item" -> {
                    if (!items(parser, value, item.getItem())) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return item;
    }

    private static QuestionnaireResponseItemAnswerComponent answer(JsonParser parser, JsonToken start)
            throws IOException {
        if (start != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME) {
            return null;
        }
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        QuestionnaireResponseItemAnswerComponent answer = new QuestionnaireResponseItemAnswerComponent();
        switch (name) {
            case "valueBoolean" -> {
                if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                    return null;
                }
                answer.setValue(new BooleanType(value == JsonToken.VALUE_TRUE));
            }
            case "valueInteger" -> {
                if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
                    return null;
                }
                answer.setValue(new IntegerType(parser.getIntValue()));
            }
            case "valueString" -> {
                String text = text(parser, value);
                if (text == null) {
                    return null;
                }
                answer.setValue(new StringType(text));
            }
            case "valueCoding" -> {
                Coding coding = coding(parser, value);
                if (coding == null) {
                    return null;
                }
                answer.setValue(coding);
            }
            default -> {
                return null;
            }
        }
        return parser.nextToken() == JsonToken.END_OBJECT ? answer : null;
    }

    /** A Coding: an object of non-blank strings among system, code and display; null otherwise. */
    static Coding coding(JsonParser parser, JsonToken start) throws IOException {
        Coding coding = new Coding();
        return stringFields(parser, start, (name, text) -> switch (name) {
            case "system" -> coding.setSystem(text) != null;
            case "code" -> coding.setCode(text) != null;
            case "display" -> coding.setDisplay(text) != null;
            default -> false;
        }) ? coding : null;
    }

    private static Reference reference(JsonParser parser, JsonToken start) throws IOException {
        Reference reference = new Reference();
        return stringFields(parser, start, (name, text) -> switch (name) {
            case "reference" -> reference.setReference(text) != null;
            case "display" -> reference.setDisplay(text) != null;
            default -> false;
        }) ? reference : null;
    }

    /**
     * Reads an object whose fields are all strings, handing each to {@code field}; false when the
     * object is empty, a value is not a plain string, or {@code field} does not take a name.
     */
    private static boolean stringFields(JsonParser parser, JsonToken start, BiPredicate<String, String> field)
            throws IOException {
        if (start != JsonToken.START_OBJECT) {
            return false;
        }
        boolean any = false;
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            String text = text(parser, parser.nextToken());
            if (text == null || !field.test(name, text)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** A non-blank string without surrounding white space (HAPI trims those), else null. */
    static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            return null;
        }
        String text = parser.getText();
        boolean padded = !text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1)));
        return text.isBlank() || padded ? null : text;
    }
}
