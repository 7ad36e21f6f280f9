package org.example.intake.fhir;

import java.io.IOException;
import java.util.Objects;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.AnswerSpecs.GroupSpec;
import org.example.intake.fhir.AnswerSpecs.ItemSpec;
import org.example.intake.fhir.AnswerSpecs.VersionSpec;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The reader of {@code intake triage}: streams one QuestionnaireResponse's JSON with Jackson's
 * parser straight into the id and answers triage needs, building neither a JSON tree nor HAPI's
 * model, and checking it against the Questionnaire version it names on the way.
 *
 * <p>{@link #read} only ever accepts: it returns the id and answers of a plain response that
 * {@link IntakeReader#read(String)} accepts with the same answers, and null for everything else
 * (any element, JSON type or value {@link FastResponseParser} does not take, and every response
 * {@link QuestionnaireResponseValidator} would refuse). {@link #check} goes on where {@link #read} stops: it
 * also words the common refusals ({@link StreamingRefusals}: a required question unanswered, an answer out of range,
 * of an unknown code or of the wrong type, an unknown linkId, a status other than completed or none, an unknown
 * version, a number sent as a string, text that is not JSON, ...) as the OperationOutcome {@link IntakeReader} gives,
 * and gives null only for what is left, which the caller then reads with {@link IntakeReader}. Tests hold both to
 * {@link IntakeReader} (itself held to HAPI's parser and validator) over every questionnaire version and the refused
 * cases. Thread-safe.
 */
public final class StreamingAnswerReader {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    /** The dateTime form a response is usually authored in, whole seconds or milliseconds, with its zone. */
    private static final Pattern COMMON_DATE_TIME = Pattern.compile(
            "(\\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{3})?(Z|[+-](0\\d|1[0-3]):[0-5]\\d)");
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final int QUESTIONS = Question.values().length;

    private final AnswerSpecs questionnaires;
    private final StreamingRefusals refusals;

    /**
     * A reader for every version of the standard intake Questionnaire, as intake-core's questions
     * say it: made without HAPI (no FHIR model, no Questionnaire parsed), so it reads from the start.
     */
    public StreamingAnswerReader() {
        this(AnswerSpecs.core());
    }

    /** A reader for these Questionnaire versions (those of the {@link IntakeReader} it stands in front of). */
    public StreamingAnswerReader(IntakeQuestionnaires questionnaires) {
        this(AnswerSpecs.of(Objects.requireNonNull(questionnaires, "questionnaires")));
    }

    private StreamingAnswerReader(AnswerSpecs questionnaires) {
        this.questionnaires = questionnaires;
        this.refusals = new StreamingRefusals(questionnaires);
    }

    /** What {@link #check} makes of a response: {@link Plain} or {@link Refused}. */
    public sealed interface Reading permits Plain, Refused {
    }

    /**
     * A plain response that {@link IntakeReader} accepts.
     *
     * @param id      its logical id, or null when it has none
     * @param answers its answers, as {@link IntakeReading.Accepted#answers()} gives them
     */
    public record Plain(String id, IntakeAnswers answers) implements Reading {
    }

    /**
     * A response {@link IntakeReader} refuses.
     *
     * @param outcome the OperationOutcome {@link IntakeReader#read(String)} gives for it, issue for issue; never null
     */
    public record Refused(OperationOutcome outcome) implements Reading {
        public Refused {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * The response in {@code json} accepted ({@link Plain}) or refused with the outcome {@link IntakeReader} gives
     * ({@link Refused}), or null when {@link IntakeReader} must read it: reads what {@link #read(String)} does, and
     * words the common refusals itself.
     */
    public Reading check(String json) {
        Plain plain = read(json);
        if (plain != null || json == null) {
            return plain;
        }
        OperationOutcome refusal = refusals.refusal(json);
        return refusal == null ? null : new Refused(refusal);
    }

    /** As {@link #check(String)}, for a response given as well-formed UTF-8. */
    public Reading check(byte[] utf8, int offset, int length) {
        Plain plain = read(utf8, offset, length);
        if (plain != null) {
            return plain;
        }
        OperationOutcome refusal = refusals.refusal(utf8, offset, length);
        return refusal == null ? null : new Refused(refusal);
    }

    /** The id and answers of the response in {@code json}, or null when {@link IntakeReader} must read it. */
    public Plain read(String json) {
        if (json == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** As {@link #read(String)}, for a response given as UTF-8 bytes. */
    public Plain read(byte[] utf8, int offset, int length) {
        try (JsonParser parser = JSON.createParser(utf8, offset, length)) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Plain read(JsonParser parser) throws IOException {
        Response response = new Response();
        if (parser.nextToken() != JsonToken.START_OBJECT || !response.read(parser) || parser.nextToken() != null) {
            return null;
        }
        return response.plain();
    }

    /** What one response says, as it is read. */
    private final class Response {
        private boolean typed;
        private boolean completed;
        private String id;
        private VersionSpec questionnaire;
        /** The accepted value of each question, indexed by ordinal. */
        private final Object[] values = new Object[QUESTIONS];
        /** Whether each question has an item in the response. */
        private final boolean[] present = new boolean[QUESTIONS];
        private boolean[] groupPresent;

        /** Reads the fields of the response object; false when the response is not plain and valid. */
        boolean read(JsonParser parser) throws IOException {
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean fits = switch (name) {
                    case "resourceType" -> typed = value == JsonToken.VALUE_STRING
                            && "QuestionnaireResponse".equals(parser.getText());
                    case "id" -> {
                        id = text(parser, value);
                        yield id != null && ID.matcher(id).matches();
                    }
                    case "questionnaire" -> {
                        String canonical = text(parser, value);
                        questionnaire = questionnaires.resolve(canonical);
                        yield questionnaire != null;
                    }
                    case "status" -> {
                        String status = text(parser, value);
                        completed = "completed".equals(status) || "amended".equals(status);
                        yield completed;
                    }
                    case "subject" -> reference(parser, value);
                    case "authored" -> dateTime(text(parser, value));
                    case "item" -> questionnaire != null && groups(parser, value);
                    default -> false;
                };
                if (!fits) {
                    return false;
                }
            }
            return typed && completed && questionnaire != null && parser.currentToken() == JsonToken.END_OBJECT;
        }

        /** The top-level items: the groups of the Questionnaire, each once. */
        private boolean groups(JsonParser parser, JsonToken start) throws IOException {
            if (start != JsonToken.START_ARRAY || parser.nextToken() == JsonToken.END_ARRAY) {
                return false;
            }
            groupPresent = new boolean[questionnaire.groupCount()];
            do {
                if (parser.currentToken() != JsonToken.START_OBJECT || !group(parser)) {
                    return false;
                }
            } while (parser.nextToken() != JsonToken.END_ARRAY);
            return true;
        }

        private boolean group(JsonParser parser) throws IOException {
            GroupSpec group = null;
            boolean hasItems = false;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean fits = switch (name) {
                    case "linkId" -> {
                        // The linkId must come first: the questions are checked against their group.
                        group = group == null && !hasItems ? questionnaire.groupOrNull(text(parser, value)) : null;
                        yield group != null && !groupPresent[group.index()];
                    }
                    case "text" -> present(parser, value);
                    case "item" -> {
                        hasItems = group != null && questions(parser, value, group);
                        yield hasItems;
                    }
                    default -> false;
                };
                if (!fits) {
                    return false;
                }
            }
            if (group == null || !hasItems) {
                return false;
            }
            groupPresent[group.index()] = true;
            return true;
        }

        /** The items of a group: its questions, each once, with their answers. */
        private boolean questions(JsonParser parser, JsonToken start, GroupSpec group) throws IOException {
            if (start != JsonToken.START_ARRAY || parser.nextToken() == JsonToken.END_ARRAY) {
                return false;
            }
            do {
                if (parser.currentToken() != JsonToken.START_OBJECT || !question(parser, group)) {
                    return false;
                }
            } while (parser.nextToken() != JsonToken.END_ARRAY);
            return true;
        }

        private boolean question(JsonParser parser, GroupSpec group) throws IOException {
            ItemSpec spec = null;
            boolean answered = false;
            boolean marked = false;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean fits = switch (name) {
                    case "extension" -> !marked && (marked = prefillMarks(parser, value));
                    case "linkId" -> {
                        // The linkId must come first: the answer is checked against its question.
                        spec = spec == null && !answered ? questionnaire.itemOrNull(text(parser, value)) : null;
                        yield spec != null && spec.groupLinkId().equals(group.linkId())
                                && !present[spec.question().ordinal()];
                    }
                    case "text" -> present(parser, value);
                    case "answer" -> {
                        answered = spec != null && !answered && answer(parser, value, spec);
                        yield answered;
                    }
                    default -> false; // nested items too: a question holds none
                };
                if (!fits) {
                    return false;
                }
            }
            if (spec == null) {
                return false;
            }
            present[spec.question().ordinal()] = true;
            return true;
        }

        /** The answer array of a question: exactly one answer, of the question's type and valid for it. */
        private boolean answer(JsonParser parser, JsonToken start, ItemSpec spec) throws IOException {
            if (start != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_OBJECT
                    || parser.nextToken() != JsonToken.FIELD_NAME) {
                return false;
            }
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            Object value = switch (spec.type()) {
                case BOOLEAN -> name.equals("valueBoolean") && (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE)
                        ? Boolean.valueOf(token == JsonToken.VALUE_TRUE) : null;
                case INTEGER -> name.equals("valueInteger") ? integer(parser, token, spec) : null;
                case CHOICE -> name.equals("valueCoding") ? coding(parser, token, spec) : null;
                case TEXT -> name.equals("valueString") ? text(parser, token, spec) : null;
            };
            if (value == null || parser.nextToken() != JsonToken.END_OBJECT || parser.nextToken() != JsonToken.END_ARRAY) {
                return false;
            }
            values[spec.question().ordinal()] = value;
            return true;
        }

        /** The id and answers, or null when a group or an answer is missing or an answer is not asked for. */
        Plain plain() {
            if (groupPresent == null) {
                return null;
            }
            for (GroupSpec group : questionnaire.groups()) {
                if (!groupPresent[group.index()]) {
                    if (group.required()) {
                        return null;
                    }
                    continue;
                }
                for (ItemSpec spec : group.items()) {
                    boolean enabled = enabled(spec);
                    boolean answered = values[spec.question().ordinal()] != null;
                    if (answered ? !enabled : enabled && spec.required()) {
                        return null;
                    }
                }
            }
            return new Plain(id, QuestionnaireResponseValidator.answers(values, questionnaire.version()));
        }

        private boolean enabled(ItemSpec spec) {
            if (spec.enabledWhenAnyTrue().isEmpty()) {
                return true;
            }
            for (Question condition : spec.question().enabledWhenAnyTrue()) {
                if (Boolean.TRUE.equals(values[condition.ordinal()])) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Integer integer(JsonParser parser, JsonToken token, ItemSpec spec) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            return null;
        }
        int value = parser.getIntValue();
        boolean inRange = (spec.min() == null || value >= spec.min()) && (spec.max() == null || value <= spec.max());
        return inRange ? value : null;
    }

    private static Object coding(JsonParser parser, JsonToken start, ItemSpec spec) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            return null;
        }
        String system = null;
        String code = null;
        boolean any = false;
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean fits = switch (name) {
                case "system" -> (system = text(parser, value)) != null;
                case "code" -> (code = text(parser, value)) != null;
                case "display" -> present(parser, value);
                default -> false;
            };
            if (!fits) {
                return null;
            }
            any = true;
        }
        // A coding without its system is accepted with a warning; one from another system is refused.
        String expectedSystem = code == null ? null : spec.options().get(code);
        if (!any || expectedSystem == null || (system != null && !system.equals(expectedSystem))) {
            return null;
        }
        // compilation guarantees the Questionnaire's options are core's
        String chosen = code;
        return spec.question().option(chosen).orElseThrow(
                () -> new IllegalStateException("'" + chosen + "' is not an answer option of " + spec.linkId()));
    }

    private static String text(JsonParser parser, JsonToken token, ItemSpec spec) throws IOException {
        String text = text(parser, token);
        return text == null || (spec.max() != null && text.length() > spec.max()) ? null : text;
    }

    /**
     * An item's extensions, when they are only {@link PrefillMarks}: objects of a known url and a reference
     * ({@code valueReference}), nothing else.
     */
    private static boolean prefillMarks(JsonParser parser, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        do {
            boolean url = false;
            boolean value = false;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken field = parser.nextToken();
                if (name.equals("url") && !url) {
                    url = field == JsonToken.VALUE_STRING && PrefillMarks.URLS.contains(parser.getText());
                    if (!url) {
                        return false;
                    }
                } else if (name.equals("valueReference") && !value) {
                    value = reference(parser, field);
                    if (!value) {
                        return false;
                    }
                } else {
                    return false;
                }
            }
            if (!url || !value) {
                return false;
            }
        } while (parser.nextToken() == JsonToken.START_OBJECT);
        return parser.currentToken() == JsonToken.END_ARRAY;
    }

    /** A reference: an object of non-blank strings, reference and display. */
    static boolean reference(JsonParser parser, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            return false;
        }
        boolean any = false;
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            if (!(name.equals("reference") || name.equals("display")) || !present(parser, parser.nextToken())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** Whether HAPI's DateTimeType takes the text (it is checked here only in its usual form). */
    static boolean dateTime(String text) {
        if (text == null) {
            return false;
        }
        Matcher common = COMMON_DATE_TIME.matcher(text);
        if (common.matches() && Integer.parseInt(common.group(3)) <= YearMonth.of(Integer.parseInt(common.group(1)),
                Integer.parseInt(common.group(2))).lengthOfMonth()) {
            return true;
        }
        try {
            new DateTimeType(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A non-blank string without surrounding white space (HAPI trims those), else null: as {@link FastResponseParser}. */
    private static String text(JsonParser parser, JsonToken token) throws IOException {
        return FastResponseParser.text(parser, token);
    }

    /**
     * Whether {@link #text(JsonParser, JsonToken)} would give the string, without making it (for the texts read
     * only to be checked): a string that neither starts nor ends with white space is not blank either.
     */
    static boolean present(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            return false;
        }
        char[] chars = parser.getTextCharacters();
        int length = parser.getTextLength();
        int offset = parser.getTextOffset();
        return length > 0 && !Character.isWhitespace(chars[offset]) && !Character.isWhitespace(chars[offset + length - 1]);
    }
}
