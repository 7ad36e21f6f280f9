package org.example.intake.web.security;

import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the plugin needs it: the patient's FHIR id from the token's
 * {@code fhir_patient_id} claim, and whether the caller is a clinician.
 *
 * @param patientId the caller's FHIR Patient id, empty when the token carries none (or a malformed one)
 * @param clinician whether the caller has the clinician role
 */
public record Caller(Optional<String> patientId, boolean clinician) {

    /** The claim Keycloak fills from the user attribute of the same name. */
    public static final String PATIENT_ID_CLAIM = "fhir_patient_id";

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** The valid FHIR id in the token's {@code fhir_patient_id} claim, or null. */
    static String patientIdIn(Jwt jwt) {
        Object claim = jwt.getClaims().get(PATIENT_ID_CLAIM);
        return claim instanceof String id && FHIR_ID.matcher(id).matches() ? id : null;
    }

    /** The caller behind an authentication from this plugin's security chains (API token or page login). */
    public static Caller of(Authentication authentication) {
        boolean clinician = authentication.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_clinician".equals(authority.getAuthority()));
        String patientId = null;
        if (authentication instanceof JwtAuthenticationToken token) {
            patientId = patientIdIn(token.getToken());
        } else if (authentication != null && authentication.getPrincipal() instanceof IntakeUser user) {
            patientId = user.patientId().orElse(null);
        }
        return new Caller(Optional.ofNullable(patientId), clinician);
    }
}
