package org.example.intake.web.intake.form;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * When one of the patient's pages fails unexpectedly (the store or the database down, say), the patient reads what
 * to do instead (hazard H28): the {@link UnavailablePage service unavailable page}, with status 503, not a stack
 * trace or the host's error page. Scoped to the patient's pages' controller, so the host's controllers, the
 * clinicians' pages and the API keep their own error handling; and first among advices, so that a host's
 * catch-all advice does not take the patient's 999 advice away. A refusal the controller means (404, 403), a bad
 * request and Spring Security's exceptions are not failures: they go on to Spring's own handling as before.
 *
 * <p>The log line names the page's handler and the exceptions' types and where they were thrown, never their
 * messages, which may hold what a patient wrote.
 */
@ControllerAdvice(assignableTypes = IntakeFormController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PatientPagesUnavailable {

    private static final Logger log = LoggerFactory.getLogger(PatientPagesUnavailable.class);
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private static final int MAX_CAUSES = 8;
    private static final String PLUGIN = "org.example.intake.";

    private final String page = UnavailablePage.html();

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unavailable(Exception failure, HandlerMethod handler) throws Exception {
        if (isNotAFailure(failure)) {
            throw failure;
        }
        log.error("The patient's page {}#{} failed; the patient was shown the service unavailable page (503): {}",
                handler.getBeanType().getSimpleName(), handler.getMethod().getName(), withoutMessages(failure));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(HTML)
                .cacheControl(CacheControl.noStore()).body(page);
    }

    /** A status the controller or Spring means to answer with, or Spring Security's business. */
    private static boolean isNotAFailure(Exception failure) {
        return failure instanceof ErrorResponse || failure instanceof TypeMismatchException
                || failure instanceof HttpMessageNotReadableException || failure instanceof AccessDeniedException
                || failure instanceof AuthenticationException
                || AnnotatedElementUtils.hasAnnotation(failure.getClass(), ResponseStatus.class);
    }

    /**
     * Each exception in the chain by type, with where it was thrown and, when that is not the plugin's own code, the
     * plugin's call that led there: nothing of their messages.
     */
    static String withoutMessages(Throwable failure) {
        List<String> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t) && chain.size() < MAX_CAUSES; t = t.getCause()) {
            StringBuilder line = new StringBuilder(t.getClass().getName());
            StackTraceElement[] trace = t.getStackTrace();
            if (trace.length > 0) {
                line.append(" at ").append(trace[0]);
                Arrays.stream(trace).filter(frame -> frame.getClassName().startsWith(PLUGIN)).findFirst()
                        .filter(frame -> frame != trace[0]).ifPresent(frame -> line.append(" from ").append(frame));
            }
            chain.add(line.toString());
        }
        return String.join(", caused by ", chain);
    }
}
