package org.example.intake.fhir;

import java.util.Set;

/**
 * The extensions that say an answer of a QuestionnaireResponse item came from the patient's record
 * ({@link #PREFILLED_FROM}) or was prefilled and then changed by the patient ({@link #PREFILL_CHANGED}); each
 * holds a {@code valueReference} to one record entry. They are not modifiers: a reader that does not know them may
 * ignore them, and {@link QuestionnaireResponseValidator} and {@link StreamingAnswerReader} take them.
 */
public final class PrefillMarks {

    /** On an item whose answer is the one prefilled from the record: one per record entry it rests on. */
    public static final String PREFILLED_FROM = "http://example.org/fhir/StructureDefinition/intake-prefilled-from";

    /**
     * On an item whose prefilled answer the patient changed, in place of {@link #PREFILLED_FROM}: one per record
     * entry the prefilled answer rested on. The answer is the patient's; the mark says that it contradicts the record.
     */
    public static final String PREFILL_CHANGED = "http://example.org/fhir/StructureDefinition/intake-prefill-changed";

    /** Both marks' urls. */
    public static final Set<String> URLS = Set.of(PREFILLED_FROM, PREFILL_CHANGED);

    private PrefillMarks() {
    }
}
