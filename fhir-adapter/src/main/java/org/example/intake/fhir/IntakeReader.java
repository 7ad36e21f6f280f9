package org.example.intake.fhir;

import java.io.StringReader;
import java.util.List;
import java.util.Objects;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import org.example.intake.core.answers.IntakeAnswers;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.QuestionnaireResponse;

/**
 * Turns a QuestionnaireResponse (JSON text or parsed) into an {@link IntakeReading}: checks it
 * against the version of the intake Questionnaire it names (see {@link IntakeQuestionnaires#resolve(String)}) and, when it holds, maps its answers to
 * {@link IntakeAnswers}. Bad input never throws: it comes back as {@link IntakeReading.Rejected}
 * with one issue per problem. Thread-safe: share one instance.
 */
public final class IntakeReader {

    /** Longest parser message passed on; HAPI's can quote a lot of the input. */
    private static final int MAX_PARSER_MESSAGE = 300;

    private final FhirContext context;
    private final IntakeQuestionnaires questionnaires;
    private final QuestionnaireResponseValidator validator;
    private final FastResponseParser fastParser = new FastResponseParser();

    /** A reader for every version of the standard intake Questionnaire. */
    public IntakeReader() {
        this(FhirContext.forR4Cached(), IntakeQuestionnaires.standard());
    }

    /** A reader for the given (R4) context and Questionnaire versions. */
    public IntakeReader(FhirContext context, IntakeQuestionnaires questionnaires) {
        this.context = Objects.requireNonNull(context, "context");
        this.questionnaires = Objects.requireNonNull(questionnaires, "questionnaires");
        this.validator = new QuestionnaireResponseValidator(questionnaires);
    }

    /** The Questionnaire versions this reader checks against. */
    public IntakeQuestionnaires questionnaires() {
        return questionnaires;
    }

    /**
     * Parses and checks one QuestionnaireResponse given as JSON text; null counts as malformed.
     * A plain response takes {@link FastResponseParser}'s fast path to the same parsed response;
     * anything else, and every malformed input, goes through HAPI's parser.
     */
    public IntakeReading read(String json) {
        Issues issues = new Issues();
        QuestionnaireResponse fast = json == null ? null : fastParser.parse(json);
        if (fast != null) {
            return check(fast, issues);
        }
        return readWithHapi(json, issues);
    }

    /**
     * Parses with HAPI's parser only (what {@link #read(String)} falls back to), then checks. On
     * top of what HAPI's parser reports, a primitive of the wrong JSON type (such as
     * {@code "valueBoolean": "true"}) is refused as {@link Problem#WRONG_TYPE}.
     */
    IntakeReading readWithHapi(String json, Issues issues) {
        if (json == null || json.isBlank()) {
            issues.error(Problem.MALFORMED_JSON, null, "The body is empty; send a QuestionnaireResponse as JSON.");
            return new IntakeReading.Rejected(issues.toOutcome());
        }
        IBaseResource resource;
        try {
            // HAPI's own JSON tree, checked for primitives of the wrong JSON type (which HAPI's
            // parser reads as text without a word), then parsed by HAPI from the same tree.
            JacksonStructure tree = new JacksonStructure();
            tree.load(new StringReader(json));
            List<PrimitiveJsonTypes.WrongType> wrongTypes = new PrimitiveJsonTypes(context).check(tree.getRootObject());
            for (PrimitiveJsonTypes.WrongType wrongType : wrongTypes) {
                issues.error(Problem.WRONG_TYPE, wrongType.expression(), wrongType.message());
            }
            IParser parser = context.newJsonParser();
            parser.setParserErrorHandler(new ParserIssues(issues, wrongTypes));
            resource = ((IJsonLikeParser) parser).parseResource(tree);
        } catch (DataFormatException | IllegalArgumentException | ClassCastException e) {
            issues.error(Problem.MALFORMED_JSON, null, malformed(e));
            return new IntakeReading.Rejected(issues.toOutcome());
        }
        if (!(resource instanceof QuestionnaireResponse response)) {
            issues.error(Problem.NOT_A_QUESTIONNAIRE_RESPONSE, null,
                    "Expected a QuestionnaireResponse, got a " + resource.fhirType() + ".");
            return new IntakeReading.Rejected(issues.toOutcome());
        }
        return check(response, issues);
    }

    /** Checks an already parsed response; null is refused as not a QuestionnaireResponse. */
    public IntakeReading read(QuestionnaireResponse response) {
        Issues issues = new Issues();
        if (response == null) {
            issues.error(Problem.NOT_A_QUESTIONNAIRE_RESPONSE, null, "Expected a QuestionnaireResponse, got nothing.");
            return new IntakeReading.Rejected(issues.toOutcome());
        }
        return check(response, issues);
    }

    private IntakeReading check(QuestionnaireResponse response, Issues issues) {
        FormSpec named = validator.questionnaireOf(response);
        IntakeAnswers answers = validator.validate(response, named, issues);
        String checkedAgainst = named == null ? null : named.canonical();
        if (answers == null) {
            return new IntakeReading.Rejected(issues.toOutcome(checkedAgainst));
        }
        return new IntakeReading.Accepted(response, answers, issues.toOutcome(checkedAgainst));
    }

    /** The message of {@link Problem#MALFORMED_JSON} for what HAPI's parser threw. */
    static String malformed(RuntimeException e) {
        return "Not a readable FHIR JSON resource: " + shorten(e.getMessage());
    }

    private static String shorten(String message) {
        if (message == null) {
            return "no detail";
        }
        String text = message.replaceAll("HAPI-\\d+: ", "");
        return text.length() <= MAX_PARSER_MESSAGE ? text : text.substring(0, MAX_PARSER_MESSAGE) + "...";
    }
}
