package org.example.intake.web;

import java.util.Locale;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.oas.annotations.Hidden;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * Every refusal of the plugin's API as an OperationOutcome (application/fhir+json), with the status the API's
 * contract gives it: the controllers' own ({@link Refused}), a decision's conflict or a bad query (exceptions
 * annotated with {@link ResponseStatus}), a request body that is not JSON (400) or breaks its record's constraints
 * (422), a body of another media type (415), what the service refuses as invalid (422), Spring MVC's own refusals
 * with their status, and anything unexpected as 500 without its message. Scoped to the controllers marked
 * {@link IntakeApi}: a host's controllers and the plugin's pages keep their own error handling. (Refusals of the
 * security chain, 401 and 403, are written by its entry points, also as OperationOutcomes.)
 */
@RestControllerAdvice(annotations = IntakeApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@Hidden
class ApiRefusals {

    private static final Logger log = LoggerFactory.getLogger(ApiRefusals.class);

    @ExceptionHandler
    ResponseEntity<OperationOutcome> refused(Refused refused) {
        return FhirErrors.response(refused.status(), refused.outcome());
    }

    /** A service's refusal of a decision's content (a note too long, a reason missing). */
    @ExceptionHandler
    ResponseEntity<OperationOutcome> invalid(IllegalArgumentException invalid) {
        return error(HttpStatus.UNPROCESSABLE_ENTITY, IssueType.INVALID, invalid.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<OperationOutcome> notJson(HttpMessageNotReadableException unreadable) {
        for (Throwable cause = unreadable.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLarge tooLarge) {
                return tooLarge(tooLarge);
            }
        }
        return error(HttpStatus.BAD_REQUEST, IssueType.INVALID, unreadableMessage(unreadable));
    }

    /** The body went past the API's size limit as it was read (a body that said so up front never got here). */
    @ExceptionHandler
    ResponseEntity<OperationOutcome> tooLarge(BodyTooLarge tooLarge) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, IssueType.TOOLONG, tooLarge.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<OperationOutcome> otherMediaType(HttpMediaTypeNotSupportedException unsupported) {
        return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, IssueType.NOTSUPPORTED,
                "Send the body as application/fhir+json or application/json.");
    }

    /**
     * A request record that breaks its constraints: one issue per broken constraint, 422 for a body (it is JSON,
     * its content is wrong), 400 for query parameters.
     */
    @ExceptionHandler
    ResponseEntity<OperationOutcome> notValid(MethodArgumentNotValidException notValid) {
        boolean body = notValid.getParameter().hasParameterAnnotation(RequestBody.class);
        OperationOutcome outcome = new OperationOutcome();
        for (FieldError error : notValid.getBindingResult().getFieldErrors()) {
            boolean missing = error.getCode() != null && error.getCode().startsWith("Not");
            outcome.addIssue().setSeverity(IssueSeverity.ERROR)
                    .setCode(body && missing ? IssueType.REQUIRED : IssueType.INVALID)
                    .setDiagnostics(error.getDefaultMessage()).addExpression(error.getField());
        }
        notValid.getBindingResult().getGlobalErrors().forEach(error -> outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR).setCode(IssueType.INVALID).setDiagnostics(error.getDefaultMessage()));
        return FhirErrors.response(body ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST, outcome);
    }

    @ExceptionHandler
    ResponseEntity<OperationOutcome> typeMismatch(TypeMismatchException mismatch) {
        return error(HttpStatus.BAD_REQUEST, IssueType.INVALID, "\"" + mismatch.getPropertyName()
                + "\" cannot be \"" + mismatch.getValue() + "\".");
    }

    /** Spring MVC's own refusals (405, a missing parameter, ...) and exceptions that carry their status. */
    @ExceptionHandler
    ResponseEntity<OperationOutcome> other(Exception failure, HandlerMethod handler) {
        if (failure instanceof ErrorResponse response) {
            HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
            String detail = response.getBody().getDetail();
            return error(status, type(status), detail == null ? status.getReasonPhrase() : detail);
        }
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(failure.getClass(), ResponseStatus.class);
        if (declared != null) {
            return error(declared.code(), type(declared.code()), failure.getMessage());
        }
        // Its message may hold what a patient wrote: the log names its type and where it came from only.
        log.error("{}#{} failed: {} at {}", handler.getBeanType().getSimpleName(), handler.getMethod().getName(),
                failure.getClass().getName(), failure.getStackTrace().length > 0 ? failure.getStackTrace()[0] : "?");
        return error(HttpStatus.INTERNAL_SERVER_ERROR, IssueType.EXCEPTION,
                "The intake service failed to answer; try again later.");
    }

    private static ResponseEntity<OperationOutcome> error(HttpStatus status, IssueType type, String message) {
        return FhirErrors.response(status, FhirErrors.outcome(type, sentence(message)));
    }

    private static IssueType type(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> IssueType.LOGIN;
            case FORBIDDEN -> IssueType.FORBIDDEN;
            case NOT_FOUND -> IssueType.NOTFOUND;
            case CONFLICT -> IssueType.CONFLICT;
            case PAYLOAD_TOO_LARGE -> IssueType.TOOLONG;
            case UNSUPPORTED_MEDIA_TYPE, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE -> IssueType.NOTSUPPORTED;
            default -> status.is5xxServerError() ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }

    /** Which part of a JSON body is wrong, in words; never the body itself. */
    private static String unreadableMessage(HttpMessageNotReadableException unreadable) {
        Throwable cause = unreadable.getMostSpecificCause();
        if (cause instanceof MismatchedInputException mismatch) {
            if (mismatch.getPath().isEmpty()) {
                return "The body must be a JSON object.";
            }
            String field = mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName();
            return field == null ? "The body must be a JSON object." : "\"" + field + "\" must be a string.";
        }
        if (cause instanceof JsonProcessingException) {
            return "The body is not JSON.";
        }
        return unreadable.getMessage() != null && unreadable.getMessage().startsWith("Required request body")
                ? "The body is missing." : "The body is not JSON.";
    }

    /** The message as a sentence: capital first, full stop last. */
    static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "Refused.";
        }
        String text = message.strip();
        text = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
