package org.example.intake.web.advice;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.example.intake.core.advice.Advice;

/**
 * The one place that turns intake-core's {@link Advice} into the words a patient reads: the
 * result page, the clinician's page ("what the patient was told") and the API's {@code advice}
 * all ask it. Every piece reads as intake-core words it, except {@link Advice#WHAT_HAPPENS_NEXT},
 * which a deploying service may replace ({@code intake.advice.what-happens-next}). Which advice
 * applies, and in which order, is intake-core's decision; this only words it and groups it as a
 * page shows it.
 *
 * <p>Immutable and thread-safe.
 */
public final class AdviceWords {

    /** The pieces shown as GOV.UK warning text: the emergency action and the 999 headings. */
    @SuppressWarnings("deprecation")
    private static final Set<Advice> WARNINGS = EnumSet.of(Advice.ACT_EMERGENCY, Advice.NET_CALL_999,
            Advice.NOT_ASKED_EMERGENCY, Advice.NET_EMERGENCY);

    private final String whatHappensNext;

    /**
     * @param whatHappensNext the service's own words for {@link Advice#WHAT_HAPPENS_NEXT}, or null (or blank) for
     *                        intake-core's default
     */
    public AdviceWords(String whatHappensNext) {
        this.whatHappensNext = whatHappensNext == null || whatHappensNext.isBlank() ? null : whatHappensNext.strip();
    }

    /** intake-core's words throughout, as when nothing is configured. */
    public static AdviceWords defaults() {
        return new AdviceWords(null);
    }

    /** The words of one piece of advice; never null. */
    public String text(Advice piece) {
        return piece == Advice.WHAT_HAPPENS_NEXT && whatHappensNext != null ? whatHappensNext : piece.text();
    }

    /** One string a piece, list items included, in order (the API's and the command line's shape); never null. */
    public List<String> texts(List<Advice> advice) {
        return advice.stream().map(this::text).toList();
    }

    /** The advice as a page shows it: one section a heading with its list, in parts by kind, in order; never null. */
    public List<AdvicePart> parts(List<Advice> advice) {
        List<AdvicePart> parts = new ArrayList<>();
        Advice.Kind kind = null;
        List<AdviceSection> sections = new ArrayList<>();
        for (Advice.Section section : Advice.sections(advice)) {
            Advice.Kind sectionKind = section.lead().kind();
            if (sectionKind != kind && !sections.isEmpty()) {
                parts.add(new AdvicePart(kind, heading(kind), sections));
                sections = new ArrayList<>();
            }
            kind = sectionKind;
            sections.add(section(section));
        }
        if (!sections.isEmpty()) {
            parts.add(new AdvicePart(kind, heading(kind), sections));
        }
        return List.copyOf(parts);
    }

    /** The section this heading leads in the advice, as a page shows it, or empty when the advice has none. */
    public Optional<AdviceSection> section(List<Advice> advice, Advice lead) {
        return Advice.sections(advice).stream().filter(section -> section.lead() == lead).findFirst()
                .map(this::section);
    }

    private AdviceSection section(Advice.Section section) {
        Advice lead = section.lead();
        AdviceSection.Look look = WARNINGS.contains(lead) ? AdviceSection.Look.WARNING
                : lead.kind() == Advice.Kind.ACTION ? AdviceSection.Look.INSET : AdviceSection.Look.PARAGRAPH;
        return new AdviceSection(lead.name(), look, text(lead), section.items().stream().map(this::text).toList());
    }

    /** A heading over the advice of one kind, or null where the advice says what it is by itself. */
    private static String heading(Advice.Kind kind) {
        return switch (kind) {
            case ACTION, NEXT -> null;
            case NOT_ASKED -> "Warning signs the form did not ask about";
            case SAFETY_NET -> "When to get help";
            case SELF_CARE -> "What you can do yourself";
        };
    }
}
