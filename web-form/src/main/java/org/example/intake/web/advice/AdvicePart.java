package org.example.intake.web.advice;

import java.util.List;
import java.util.Objects;

import org.example.intake.core.advice.Advice;

/**
 * The advice of one kind, in order: what to do now, what the form did not ask, when to get help,
 * what to do yourself, what happens next.
 *
 * @param kind     what this advice is for
 * @param heading  a heading for it, or null where its words say what it is
 * @param sections its pieces, in order; never empty
 */
public record AdvicePart(Advice.Kind kind, String heading, List<AdviceSection> sections) {

    public AdvicePart {
        Objects.requireNonNull(kind, "kind");
        sections = List.copyOf(sections);
    }
}
