package org.example.intake.core.answers;

import java.util.Optional;

/**
 * An answer option of a choice question. Its {@link #code()} is the code in the intake's
 * code system; {@link #display()} is the patient-facing wording.
 */
public sealed interface CodedAnswer permits Onset, Side, Pattern, Frequency, Standing {

    /** The code system of every answer and local question code of the intake. */
    String SYSTEM = "http://example.org/fhir/CodeSystem/buttock-cramp-intake";

    /** The code in {@link #SYSTEM}, never null. */
    String code();

    /** Plain words for the option, never null. */
    String display();

    /** The option of {@code type} with this code, or empty when there is none (or code is null). */
    static <E extends Enum<E> & CodedAnswer> Optional<E> fromCode(Class<E> type, String code) {
        for (E option : type.getEnumConstants()) {
            if (option.code().equals(code)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }
}
