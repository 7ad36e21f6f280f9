package org.example.intake.fhir.ehr;

/**
 * A read from the EHR ({@link EhrClient#read}, {@link EhrClient#search}) that gave no resource: the EHR answered with
 * an error status, could not be reached, or no access token could be had.
 */
public final class EhrReadFailed extends RuntimeException {

    private final int status;

    EhrReadFailed(int status, String reason, Throwable cause) {
        super(reason, cause);
        this.status = status;
    }

    /** The EHR's HTTP status (404: no such resource), or 0 when there was no answer or no token. */
    public int status() {
        return status;
    }
}
