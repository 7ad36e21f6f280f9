package org.example.intake.web.security;

import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the plugin needs it: the patient's FHIR id from the token's
 * {@code fhir_patient_id} claim, whether the caller is a clinician or an admin, and the name the
 * audit trail knows them by.
 *
 * @param patientId the caller's FHIR Patient id, empty when the token carries none (or a malformed one)
 * @param clinician whether the caller has the clinician role
 * @param name      the user name ({@code preferred_username}), else the token's subject; never null
 * @param admin     whether the caller has the admin role (reads the audit trail)
 */
public record Caller(Optional<String> patientId, boolean clinician, String name, boolean admin) {

    /** The claim Keycloak puts the user name in. */
    static final String USER_NAME_CLAIM = "preferred_username";

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
        boolean clinician = hasRole(authentication, "clinician");
        String patientId = null;
        String name = authentication.getName();
        if (authentication instanceof JwtAuthenticationToken token) {
            patientId = patientIdIn(token.getToken());
            String userName = token.getToken().getClaimAsString(USER_NAME_CLAIM);
            if (userName != null && !userName.isBlank()) {
                name = userName;
            }
        } else if (authentication.getPrincipal() instanceof IntakeUser user) {
            patientId = user.patientId().orElse(null);
        }
        return new Caller(Optional.ofNullable(patientId), clinician, name == null ? "unknown" : name,
                hasRole(authentication, "admin"));
    }

    private static boolean hasRole(Authentication authentication, String role) {
        return authentication.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + role).equals(authority.getAuthority()));
    }
}
