package org.example.intake.web.queue;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.example.intake.core.triage.Level;

/** The bodies of the clinicians' decisions in the API, with their constraints (Bean Validation). */
final class DecisionRequests {

    private DecisionRequests() {
    }

    /** Marks a submission reviewed: {@code {}} or {@code {"note":"..."}}. */
    @Schema(name = "ReviewRequest", description = "A review, with or without a note")
    record Review(
            @Schema(description = "What the clinician wants to say about it", maxLength = DecisionService.MAX_TEXT)
            @JsonDeserialize(using = Text.class)
            @Size(max = DecisionService.MAX_TEXT, message = "A note is at most " + DecisionService.MAX_TEXT + " characters.")
            String note) {

        static final Review NONE = new Review(null);

        Optional<String> optionalNote() {
            return Optional.ofNullable(note);
        }
    }

    /** Replaces the level that counts: {@code {"level":"URGENT","reason":"..."}}. */
    @Schema(name = "OverrideRequest", description = "The level the clinician judges right, and why")
    record OverrideLevel(
            @Schema(description = "EMERGENCY, URGENT, SOON or SELF_CARE (any case)", requiredMode = Schema.RequiredMode.REQUIRED)
            @JsonDeserialize(using = Text.class)
            @NotNull(message = "Say which level: \"level\" is required.")
            @KnownLevel
            String level,
            @Schema(description = "Why", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = DecisionService.MAX_TEXT)
            @JsonDeserialize(using = Text.class)
            @NotBlank(message = "Give the reason for changing the level.")
            @Size(max = DecisionService.MAX_TEXT, message = "A reason is at most " + DecisionService.MAX_TEXT + " characters.")
            String reason) {

        /** The level named, once validated. */
        Level chosen() {
            return KnownLevel.Check.parse(level).orElseThrow();
        }
    }

    /** A JSON string, and nothing else: Jackson would otherwise take a number or a boolean as its text. */
    static final class Text extends JsonDeserializer<String> {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            return parser.getText();
        }
    }

    /** The name of a {@link Level}, case and surrounding spaces aside; null passes (see {@link NotNull}). */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = KnownLevel.Check.class)
    @interface KnownLevel {

        String message() default "Unknown level.";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<KnownLevel, String> {

            private static final String NAMES = Arrays.stream(Level.values()).map(Level::name)
                    .collect(Collectors.joining(", ", "[", "]"));

            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                if (value == null || parse(value).isPresent()) {
                    return true;
                }
                // The level names only, never the value sent: a message template would interpret its braces.
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("Unknown level: use one of " + NAMES + ".")
                        .addConstraintViolation();
                return false;
            }

            static Optional<Level> parse(String value) {
                try {
                    return Optional.of(Level.valueOf(value.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
    }
}
