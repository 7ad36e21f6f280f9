package org.example.intake.web.advice;

import java.util.List;
import java.util.Objects;

/**
 * A piece of advice as a page shows it: its words, and the signs listed under it (one a line).
 *
 * @param name  the advice's stable name (intake-core's constant), for the page's {@code data-advice}
 * @param look  how the page sets it
 * @param lead  the words of the piece itself; never null
 * @param items the words of the signs under it, in order; empty when it stands alone
 */
public record AdviceSection(String name, Look look, String lead, List<String> items) {

    /** How a page sets a piece of advice. */
    public enum Look {
        /** GOV.UK warning text: the emergency action and every "call 999" heading. */
        WARNING,
        /** GOV.UK inset text: what to do now. */
        INSET,
        /** A plain paragraph. */
        PARAGRAPH
    }

    public AdviceSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(look, "look");
        Objects.requireNonNull(lead, "lead");
        items = List.copyOf(items);
    }

    public boolean isWarning() {
        return look == Look.WARNING;
    }

    public boolean isInset() {
        return look == Look.INSET;
    }

    public boolean isParagraph() {
        return look == Look.PARAGRAPH;
    }

    public boolean hasItems() {
        return !items.isEmpty();
    }
}
