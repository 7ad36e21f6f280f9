package org.example.intake.web.intake;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What a submission id looks like: the store makes each a random UUID, written in lower case. A path's id is checked
 * against that before anything else uses it (a query, a log line, a redirect): anything else names no submission and
 * is answered 404 ({@link NoSuchSubmission}: an OperationOutcome on the API, the error page on the pages), without
 * the text that was sent.
 */
public final class SubmissionIds {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SubmissionIds() {
    }

    /** The id as the store writes it (lower case), or {@link NoSuchSubmission} when it cannot be one. */
    public static String checked(String id) {
        if (id == null || !UUID.matcher(id).matches()) {
            throw new NoSuchSubmission();
        }
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the text can be a submission id. */
    public static boolean isWellFormed(String id) {
        return id != null && UUID.matcher(id).matches();
    }

    /** A path's id that cannot name a submission. */
    @ResponseStatus(HttpStatus.NOT_FOUND)
    public static final class NoSuchSubmission extends RuntimeException {

        NoSuchSubmission() {
            super("No such submission.", null, false, false);
        }
    }
}
