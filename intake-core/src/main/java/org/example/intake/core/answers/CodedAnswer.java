package org.example.intake.core.answers;

import java.util.Optional;

/**
 * An answer option of a choice question. Its {@link #code()} is the code in the intake's
 * code system; {@link #display()} is the patient-facing wording.
 *
 * <p>Each option enum is its constants and a one-line constructor handing the code and display to
 * {@link Codes#define}; the accessors and the lookup by code are here, once for every option enum.
 */
public sealed interface CodedAnswer permits Onset, Side, Pattern, Frequency, Standing {

    /** The code system of every answer and local question code of the intake. */
    String SYSTEM = "http://example.org/fhir/CodeSystem/buttock-cramp-intake";

    /** The code in {@link #SYSTEM}, never null. */
    default String code() {
        return Codes.code(this);
    }

    /** Plain words for the option, never null. */
    default String display() {
        return Codes.display(this);
    }

    /** The option of {@code type} with this code, or empty when there is none (or code is null). */
    static <E extends Enum<E> & CodedAnswer> Optional<E> fromCode(Class<E> type, String code) {
        return Optional.ofNullable(code == null ? null : Codes.byCode(type, code)).map(type::cast);
    }
}
