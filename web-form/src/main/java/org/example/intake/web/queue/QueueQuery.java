package org.example.intake.web.queue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.example.intake.core.triage.Level;
import org.example.intake.web.delivery.DeliveryState;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a clinician asks of the queue, read from the query parameters by one set of rules for the API and the pages
 * ({@link Resolver}): {@code level} and {@code delivery} (case and surrounding spaces aside; blank is none),
 * {@code page} (1 to 1,000,000; blank is 1) and the cursors {@code after} and {@code before} (a row's
 * {@link QueueKey}). Anything else is refused with {@link Invalid} (400): the API answers it with an
 * OperationOutcome, the pages with their error page.
 *
 * @param level    only this level that counts, or empty for all
 * @param delivery only this delivery state, or empty for all
 * @param page     the page's number, from 1
 * @param after    the page starts just after this key, or null
 * @param before   the page ends just before this key, or null
 */
public record QueueQuery(Optional<Level> level, Optional<DeliveryState> delivery, int page, QueueKey after,
        QueueKey before) {

    static final int MAX_PAGE = 1_000_000;

    /** The filter these parameters ask for. */
    QueueFilter filter() {
        return new QueueFilter(level, delivery);
    }

    /** The URL of a page of the same filters at {@code path}: its number and the cursor it starts after or ends before. */
    String link(String path, int number, String side, String cursor) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
        level.ifPresent(value -> link.queryParam("level", value.name()));
        delivery.ifPresent(value -> link.queryParam("delivery", value.name()));
        return link.queryParam("page", number).queryParam(side, cursor).toUriString();
    }

    /** Reads the parameters of a request (each a single value, or null when absent). */
    static QueueQuery of(Function<String, String> parameter) {
        return new QueueQuery(
                given(parameter, "level").map(value -> named(Level.class, value, "level")),
                given(parameter, "delivery").map(value -> named(DeliveryState.class, value, "delivery")),
                given(parameter, "page").map(QueueQuery::pageNumber).orElse(1),
                given(parameter, "after").map(QueueQuery::key).orElse(null),
                given(parameter, "before").map(QueueQuery::key).orElse(null));
    }

    private static Optional<String> given(Function<String, String> parameter, String name) {
        return Optional.ofNullable(parameter.apply(name)).filter(value -> !value.isBlank());
    }

    private static <E extends Enum<E>> E named(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("Unknown " + name + " \"" + value + "\": use one of "
                    + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    private static int pageNumber(String value) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1 && number <= MAX_PAGE) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Invalid("page must be a whole number from 1.");
    }

    private static QueueKey key(String cursor) {
        try {
            return QueueKey.ofCursor(cursor);
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }

    /** Query parameters that ask for no page of the queue. */
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    static final class Invalid extends RuntimeException {

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Binds a {@link QueueQuery} argument of a handler method from the request's query parameters. */
    static final class Resolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == QueueQuery.class;
        }

        @Override
        public QueueQuery resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                NativeWebRequest request, WebDataBinderFactory binderFactory) {
            return QueueQuery.of(request::getParameter);
        }
    }
}
