package org.example.intake.fhir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.example.intake.core.answers.IntakeAnswers;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Words the common refusals of {@code intake triage} without HAPI's context or the Questionnaires' parse: for a
 * response {@link StreamingAnswerReader} does not accept, the OperationOutcome {@link IntakeReader#read(String)} gives,
 * issue for issue in the same order and words, or null when it cannot be sure (the caller then asks
 * {@link IntakeReader}).
 *
 * <p>It takes the responses of the shape {@link FastResponseParser} takes (id, questionnaire, status, subject,
 * authored, items with linkId, text, answers and nested items; answers of boolean, integer, string or Coding), plus
 * three things {@link IntakeReader} reads with HAPI's parser: a {@code valueBoolean} sent as the string
 * {@code "true"} or {@code "false"} and a {@code valueInteger} sent as a string of a whole number
 * ({@link PrimitiveJsonTypes}' wrong-type issues, first), a status that is no status code ({@link ParserIssues}'
 * invalid value, next), and text that is not JSON at all (HAPI's own JSON reader, {@link JacksonStructure}, words
 * it: no FHIR context). It reads into HAPI's model (plain objects: no FHIR context) and checks that with
 * {@link QuestionnaireResponseValidator} itself, over {@link AnswerSpecs} instead of the compiled Questionnaires, so
 * the checks and their words are the validator's. A response it finds nothing wrong with, and anything else, it
 * leaves to {@link IntakeReader}. Tests hold it to {@link IntakeReader} over generated responses of every version
 * spoiled in every way, several at once. Thread-safe.
 */
final class StreamingRefusals {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    /** A whole number HAPI's IntegerType reads from a string as JSON would have it (no sign, no leading zero). */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,8})");
    private static final List<String> STATUS_CODES = List.of("in-progress", "completed", "amended", "entered-in-error",
            "stopped");
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final QuestionnaireResponseValidator validator;

    StreamingRefusals(AnswerSpecs questionnaires) {
        this.validator = new QuestionnaireResponseValidator(questionnaires);
    }

    /** The refusal of the response in {@code json}, or null when {@link IntakeReader} must read it. */
    OperationOutcome refusal(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            return refusal(parser, json, null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** As {@link #refusal(String)}, for a response given as well-formed UTF-8. */
    OperationOutcome refusal(byte[] utf8, int offset, int length) {
        try (JsonParser parser = JSON.createParser(utf8, offset, length)) {
            return refusal(parser, null, new Utf8(utf8, offset, length));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private record Utf8(byte[] bytes, int offset, int length) {
        String text() {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
    }

    private OperationOutcome refusal(JsonParser parser, String json, Utf8 utf8) throws IOException {
        Response response = new Response();
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT || !response.read(parser) || parser.nextToken() != null) {
                return null;
            }
        } catch (JsonProcessingException e) {
            return malformed(json != null ? json : utf8.text());
        }
        return response.refusal();
    }

    /**
     * The refusal of text that is not JSON, as {@link IntakeReader#readWithHapi} words it from HAPI's JSON reader's
     * complaint; null when that reader takes the text after all.
     */
    private static OperationOutcome malformed(String json) {
        try {
            new JacksonStructure().load(new StringReader(json));
            return null;
        } catch (DataFormatException | IllegalArgumentException | ClassCastException e) {
            Issues issues = new Issues();
            issues.error(Problem.MALFORMED_JSON, null, IntakeReader.malformed(e));
            return issues.toOutcome();
        }
    }

    /** One response as read: HAPI's model of it, and the issues of reading it HAPI's parser would have. */
    private final class Response {
        private final QuestionnaireResponse model = new QuestionnaireResponse();
        private boolean typed;
        private boolean invalidStatus;
        /** {@link PrimitiveJsonTypes}' wrong-type issues, in document order: expression, then message. */
        private final List<String> wrongTypes = new ArrayList<>();

        boolean read(JsonParser parser) throws IOException {
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean fits = switch (name) {
                    case "resourceType" -> typed = value == JsonToken.VALUE_STRING
                            && "QuestionnaireResponse".equals(parser.getText());
                    case "id" -> {
                        String id = text(parser, value);
                        yield id != null && ID.matcher(id).matches();
                    }
                    case "questionnaire" -> {
                        String canonical = text(parser, value);
                        model.setQuestionnaire(canonical);
                        yield canonical != null;
                    }
                    case "status" -> status(text(parser, value));
                    case "subject" -> StreamingAnswerReader.reference(parser, value);
                    case "authored" -> StreamingAnswerReader.dateTime(text(parser, value));
                    case "item" -> items(parser, value, model.getItem(), "QuestionnaireResponse");
                    default -> false;
                };
                if (!fits) {
                    return false;
                }
            }
            return typed && parser.currentToken() == JsonToken.END_OBJECT;
        }

        /** A status code; one that is no status HAPI's parser refuses, and the status is then missing. */
        private boolean status(String code) {
            if (code == null) {
                return false;
            }
            if (STATUS_CODES.contains(code)) {
                model.setStatus(QuestionnaireResponseStatus.fromCode(code));
            } else {
                invalidStatus = true;
            }
            return true;
        }

        /** A non-empty array of items, each at {@code parent.item[i]}. */
        private boolean items(JsonParser parser, JsonToken start, List<QuestionnaireResponseItemComponent> into,
                String parent) throws IOException {
            if (start != JsonToken.START_ARRAY) {
                return false;
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                QuestionnaireResponseItemComponent item = item(parser, token, parent + ".item[" + into.size() + "]");
                if (item == null) {
                    return false;
                }
                into.add(item);
            }
            return !into.isEmpty();
        }

        private QuestionnaireResponseItemComponent item(JsonParser parser, JsonToken start, String path)
                throws IOException {
            if (start != JsonToken.START_OBJECT) {
                return null;
            }
            QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean fits = switch (name) {
                    case "linkId" -> item.setLinkId(text(parser, value)).hasLinkId();
                    case "text" -> StreamingAnswerReader.present(parser, value);
                    case "answer" -> answers(parser, value, item, path);
                    case "item" -> items(parser, value, item.getItem(), path);
                    default -> false;
                };
                if (!fits) {
                    return null;
                }
            }
            return item;
        }

        /** A non-empty array of answers, each an object of one value. */
        private boolean answers(JsonParser parser, JsonToken start, QuestionnaireResponseItemComponent item,
                String path) throws IOException {
            if (start != JsonToken.START_ARRAY || item.hasAnswer()) {
                return false;
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME) {
                    return false;
                }
                Type value = value(parser, parser.currentName(), parser.nextToken(),
                        path + ".answer[" + item.getAnswer().size() + "].value");
                if (value == null || parser.nextToken() != JsonToken.END_OBJECT) {
                    return false;
                }
                item.addAnswer().setValue(value);
            }
            return item.hasAnswer();
        }

        /** The value as HAPI's parser reads it; null for anything {@link FastResponseParser} does not take but these. */
        private Type value(JsonParser parser, String name, JsonToken token, String path) throws IOException {
            return switch (name) {
                case "valueBoolean" -> {
                    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                        yield new BooleanType(token == JsonToken.VALUE_TRUE);
                    }
                    String text = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    if (!"true".equals(text) && !"false".equals(text)) {
                        yield null;
                    }
                    wrongType(path, "'valueBoolean' must be a JSON boolean, not a string.");
                    yield new BooleanType(Boolean.parseBoolean(text));
                }
                case "valueInteger" -> {
                    if (token == JsonToken.VALUE_NUMBER_INT) {
                        yield parser.getNumberType() == JsonParser.NumberType.INT ? new IntegerType(parser.getIntValue())
                                : null;
                    }
                    String text = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    if (text == null || !WHOLE_NUMBER.matcher(text).matches()) {
                        yield null;
                    }
                    wrongType(path, "'valueInteger' must be a JSON number without fraction or exponent, not a string.");
                    yield new IntegerType(Integer.parseInt(text));
                }
                case "valueString" -> {
                    String text = text(parser, token);
                    yield text == null ? null : new StringType(text);
                }
                case "valueCoding" -> FastResponseParser.coding(parser, token);
                default -> null;
            };
        }

        private void wrongType(String path, String message) {
            wrongTypes.add(path);
            wrongTypes.add(message);
        }

        /** The refusal, or null when nothing is wrong (the reader then has the last word). */
        OperationOutcome refusal() {
            Issues issues = new Issues();
            for (int i = 0; i < wrongTypes.size(); i += 2) {
                issues.error(Problem.WRONG_TYPE, wrongTypes.get(i), wrongTypes.get(i + 1));
            }
            if (invalidStatus) {
                issues.error(Problem.INVALID_ELEMENT, "QuestionnaireResponse.status", "Invalid value in 'status'.");
            }
            FormSpec named = validator.questionnaireOf(model);
            IntakeAnswers answers = validator.validate(model, named, issues);
            return answers != null ? null : issues.toOutcome(named == null ? null : named.canonical());
        }
    }

    private static String text(JsonParser parser, JsonToken token) throws IOException {
        return FastResponseParser.text(parser, token);
    }
}
