package org.example.intake.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;

/**
 * Responses of every questionnaire version as {@link SampleIntakes} makes them, each spoiled in none, one or several
 * ways at random: every way the load run spoils them ({@link MixedIntakes}) and the other refusals the validator
 * words, plus some unusual ones only {@link IntakeReader} reads. For tests that hold a faster path to
 * {@link IntakeReader}'s output. The same seed gives the same responses.
 */
public final class RefusedIntakes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final QuestionnaireVersion[] VERSIONS = QuestionnaireVersion.values();
    private static final String SYSTEM = "http://example.org/fhir/CodeSystem/buttock-cramp-intake";

    /** The ways a response is spoiled. */
    public enum Spoil {
        UNANSWERED, MISSING_GROUP, OUT_OF_RANGE, UNKNOWN_CODE, CODE_FROM_ANOTHER_SYSTEM, CODING_WITHOUT_SYSTEM,
        CODING_WITHOUT_CODE, NOT_COMPLETED, UNKNOWN_STATUS, NO_STATUS, UNKNOWN_VERSION, OTHER_VERSION, NO_VERSION,
        NO_QUESTIONNAIRE, UNKNOWN_LINK_ID, UNKNOWN_TOP_LINK_ID, QUESTION_OF_ANOTHER_VERSION, WRONG_ANSWER_TYPE,
        NUMBER_AS_STRING, BOOLEAN_AS_STRING, REPEATED_ANSWER, REPEATED_ITEM, REPEATED_GROUP, MISPLACED_ITEM,
        MISPLACED_GROUP, QUESTION_AT_TOP, ANSWER_TO_DISABLED_ITEM, ENABLED_LEFT_UNANSWERED, MISSING_LINK_ID,
        NESTED_ITEM, ANSWER_ON_GROUP, TOO_LONG,
        /** Uncommon: left to {@link IntakeReader}. */
        UNKNOWN_ELEMENT, EMPTY_ANSWERS, MODIFIER_EXTENSION, NUMBER_WITH_FRACTION,
        /** Not JSON: applied last. */
        CUT_SHORT
    }

    private final SplittableRandom random;
    private final IParser parser = FhirContext.forR4Cached().newJsonParser();
    private final Instant start = Instant.parse("2025-01-06T08:00:00Z");
    private int count;

    public RefusedIntakes(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next response: valid one time in four, else spoiled in one to four ways. */
    public String next() {
        int spoils = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(4);
        List<Spoil> ways = new ArrayList<>();
        for (int i = 0; i < spoils; i++) {
            ways.add(Spoil.values()[random.nextInt(Spoil.values().length)]);
        }
        return next(ways);
    }

    /** The next response, to a random version, spoiled in these ways in turn. */
    public String next(List<Spoil> ways) {
        QuestionnaireVersion version = VERSIONS[random.nextInt(VERSIONS.length)];
        count++;
        Map<Question, Object> answers = SampleIntakes.randomAnswers(random, version);
        String json = parser.encodeResourceToString(SampleIntakes.response(String.format("r-%06d", count),
                String.format("p-%05d", random.nextInt(100_000)), start.plusSeconds(random.nextLong(300L * 24 * 3600)),
                answers, version));
        try {
            ObjectNode response = (ObjectNode) JSON.readTree(json);
            boolean cut = false;
            for (Spoil way : ways) {
                if (way == Spoil.CUT_SHORT) {
                    cut = true;
                } else {
                    spoil(response, way);
                }
            }
            String text = JSON.writeValueAsString(response);
            return cut ? text.substring(0, 1 + random.nextInt(text.length() - 1)) : text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void spoil(ObjectNode response, Spoil way) {
        ArrayNode groups = response.withArray("item");
        switch (way) {
            case UNANSWERED -> {
                ArrayNode items = randomGroupItems(groups);
                if (items != null && !items.isEmpty()) {
                    items.remove(random.nextInt(items.size()));
                }
            }
            case MISSING_GROUP -> {
                if (!groups.isEmpty()) {
                    groups.remove(random.nextInt(groups.size()));
                }
            }
            case OUT_OF_RANGE -> answerOf(groups, "valueInteger", answer -> answer.put("valueInteger",
                    pick(130, -1, 11, 121, Integer.MAX_VALUE, Integer.MIN_VALUE)));
            case UNKNOWN_CODE -> answerOf(groups, "valueCoding", answer -> ((ObjectNode) answer.get("valueCoding"))
                    .put("code", pick("fortnightly", "years", "Left", "x")));
            case CODE_FROM_ANOTHER_SYSTEM -> answerOf(groups, "valueCoding",
                    answer -> ((ObjectNode) answer.get("valueCoding")).put("system", "http://snomed.info/sct"));
            case CODING_WITHOUT_SYSTEM -> answerOf(groups, "valueCoding",
                    answer -> ((ObjectNode) answer.get("valueCoding")).remove("system"));
            case CODING_WITHOUT_CODE -> answerOf(groups, "valueCoding",
                    answer -> ((ObjectNode) answer.get("valueCoding")).remove("code"));
            case NOT_COMPLETED -> response.put("status", pick("in-progress", "stopped", "entered-in-error", "amended"));
            case UNKNOWN_STATUS -> response.put("status", pick("done", "Completed", "final"));
            case NO_STATUS -> response.remove("status");
            case UNKNOWN_VERSION -> response.put("questionnaire", AnswerSpecs.URL + pick("|0.9.0", "|1.3.0", "|1.2",
                    "x|1.2.0", "|"));
            case OTHER_VERSION -> response.put("questionnaire", AnswerSpecs.URL + "|" + pick(VERSIONS).code());
            case NO_VERSION -> response.put("questionnaire", AnswerSpecs.URL);
            case NO_QUESTIONNAIRE -> response.remove("questionnaire");
            case UNKNOWN_LINK_ID -> insert(randomGroupItems(groups), question("toothache", "valueBoolean", true));
            case UNKNOWN_TOP_LINK_ID -> insert(groups, JSON.createObjectNode().put("linkId", "dental")
                    .set("item", JSON.createArrayNode().add(question("toothache", "valueBoolean", true))));
            case QUESTION_OF_ANOTHER_VERSION -> insert(randomGroupItems(groups), question(
                    pick("both-legs", "can-bear-weight", "standing", "pregnant", "rest-pain", "numbness-worsening"),
                    "valueBoolean", random.nextBoolean()));
            case WRONG_ANSWER_TYPE -> {
                ObjectNode answer = randomAnswer(groups);
                if (answer != null) {
                    answer.removeAll();
                    switch (random.nextInt(4)) {
                        case 0 -> answer.put("valueBoolean", true);
                        case 1 -> answer.put("valueInteger", 3);
                        case 2 -> answer.put("valueString", "yes");
                        default -> answer.set("valueCoding", JSON.createObjectNode().put("system", SYSTEM)
                                .put("code", "left"));
                    }
                }
            }
            case NUMBER_AS_STRING -> answerOf(groups, "valueInteger", answer -> answer.put("valueInteger",
                    random.nextInt(3) == 0 ? "130" : answer.get("valueInteger").asText()));
            case BOOLEAN_AS_STRING -> answerOf(groups, "valueBoolean", answer -> answer.put("valueBoolean",
                    answer.get("valueBoolean").asText()));
            case REPEATED_ANSWER -> {
                ObjectNode item = randomQuestion(groups);
                if (item != null) {
                    ArrayNode answers = (ArrayNode) item.get("answer");
                    answers.add(answers.get(0).deepCopy());
                }
            }
            case REPEATED_ITEM -> {
                ArrayNode items = randomGroupItems(groups);
                if (items != null && !items.isEmpty()) {
                    insert(items, items.get(random.nextInt(items.size())).deepCopy());
                }
            }
            case REPEATED_GROUP -> {
                if (!groups.isEmpty()) {
                    insert(groups, groups.get(random.nextInt(groups.size())).deepCopy());
                }
            }
            case MISPLACED_ITEM -> {
                ArrayNode from = randomGroupItems(groups);
                ArrayNode to = randomGroupItems(groups);
                if (from != null && to != null && from.size() > 1) {
                    insert(to, from.remove(random.nextInt(from.size())));
                }
            }
            case MISPLACED_GROUP -> {
                ArrayNode to = randomGroupItems(groups);
                if (to != null && groups.size() > 1) {
                    int g = random.nextInt(groups.size());
                    if (groups.get(g).get("item") != to) {
                        insert(to, groups.remove(g));
                    }
                }
            }
            case QUESTION_AT_TOP -> {
                ArrayNode from = randomGroupItems(groups);
                if (from != null && from.size() > 1) {
                    insert(groups, from.remove(random.nextInt(from.size())));
                }
            }
            case ANSWER_TO_DISABLED_ITEM -> disabledOrEnabled(groups, false);
            case ENABLED_LEFT_UNANSWERED -> disabledOrEnabled(groups, true);
            case MISSING_LINK_ID -> {
                ObjectNode item = random.nextBoolean() ? randomQuestion(groups) : randomGroup(groups);
                if (item != null) {
                    item.remove("linkId");
                }
            }
            case NESTED_ITEM -> {
                ObjectNode item = randomQuestion(groups);
                if (item != null) {
                    item.set("item", JSON.createArrayNode().add(question("detail", "valueString", "more")));
                }
            }
            case ANSWER_ON_GROUP -> {
                ObjectNode group = randomGroup(groups);
                if (group != null) {
                    group.set("answer", JSON.createArrayNode().add(JSON.createObjectNode().put("valueBoolean", true)));
                }
            }
            case TOO_LONG -> {
                ArrayNode items = firstGroupHolding(groups, "notes");
                if (items != null) {
                    insert(items, question("notes", "valueString", "x".repeat(pick(2000, 2001, 4000))));
                }
            }
            case UNKNOWN_ELEMENT -> response.set("meta", JSON.createObjectNode().put("versionId", "1"));
            case EMPTY_ANSWERS -> {
                ObjectNode item = randomQuestion(groups);
                if (item != null) {
                    item.set("answer", JSON.createArrayNode());
                }
            }
            case MODIFIER_EXTENSION -> response.set("modifierExtension", JSON.createArrayNode().add(
                    JSON.createObjectNode().put("url", "http://example.org/not").put("valueBoolean", true)));
            case NUMBER_WITH_FRACTION -> answerOf(groups, "valueInteger", answer -> answer.put("valueInteger", 4.5));
            case CUT_SHORT -> throw new IllegalArgumentException("applied to the text");
        }
    }

    /** Answers a question its condition leaves disabled, or leaves unanswered one its condition enables. */
    private void disabledOrEnabled(ArrayNode groups, boolean enable) {
        Question dependant = pick(Question.RADIATES_BELOW_KNEE, Question.WEAKNESS_PROGRESSING,
                Question.PAIN_BOTH_LEGS, Question.NUMBNESS_BOTH_LEGS, Question.NUMBNESS_WORSENING);
        Question condition = dependant.enabledWhenAnyTrue().get(0);
        for (JsonNode group : groups) {
            for (JsonNode item : group.path("item")) {
                if (condition.linkId().equals(item.path("linkId").asText()) && item.path("answer").size() > 0) {
                    ((ObjectNode) item.get("answer").get(0)).put("valueBoolean", enable);
                    if (!enable) {
                        insert((ArrayNode) group.get("item"), question(dependant.linkId(), "valueBoolean", true));
                    }
                    return;
                }
            }
        }
    }

    private ArrayNode firstGroupHolding(ArrayNode groups, String linkId) {
        for (JsonNode group : groups) {
            if (group.has("item")) {
                for (JsonNode item : group.get("item")) {
                    if (linkId.equals(item.path("linkId").asText())) {
                        return (ArrayNode) group.get("item");
                    }
                }
            }
        }
        return groups.isEmpty() || !groups.get(groups.size() - 1).has("item") ? null
                : (ArrayNode) groups.get(groups.size() - 1).get("item");
    }

    private ObjectNode question(String linkId, String valueName, Object value) {
        ObjectNode answer = JSON.createObjectNode();
        if (value instanceof Boolean bool) {
            answer.put(valueName, bool);
        } else {
            answer.put(valueName, (String) value);
        }
        ObjectNode item = JSON.createObjectNode().put("linkId", linkId);
        item.set("answer", JSON.createArrayNode().add(answer));
        return item;
    }

    private void answerOf(ArrayNode groups, String valueName, java.util.function.Consumer<ObjectNode> change) {
        List<ObjectNode> found = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode item : group.path("item")) {
                for (JsonNode answer : item.path("answer")) {
                    if (answer.has(valueName)) {
                        found.add((ObjectNode) answer);
                    }
                }
            }
        }
        if (!found.isEmpty()) {
            change.accept(found.get(random.nextInt(found.size())));
        }
    }

    private ObjectNode randomGroup(ArrayNode groups) {
        return groups.isEmpty() ? null : (ObjectNode) groups.get(random.nextInt(groups.size()));
    }

    private ArrayNode randomGroupItems(ArrayNode groups) {
        ObjectNode group = randomGroup(groups);
        return group == null || !(group.get("item") instanceof ArrayNode items) ? null : items;
    }

    private ObjectNode randomQuestion(ArrayNode groups) {
        ArrayNode items = randomGroupItems(groups);
        if (items == null || items.isEmpty()) {
            return null;
        }
        JsonNode item = items.get(random.nextInt(items.size()));
        return item.has("answer") && item.get("answer").isArray() && !item.get("answer").isEmpty() ? (ObjectNode) item
                : null;
    }

    private ObjectNode randomAnswer(ArrayNode groups) {
        ObjectNode item = randomQuestion(groups);
        return item == null ? null : (ObjectNode) item.get("answer").get(0);
    }

    private void insert(ArrayNode into, JsonNode node) {
        if (into != null) {
            into.insert(random.nextInt(into.size() + 1), node);
        }
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
