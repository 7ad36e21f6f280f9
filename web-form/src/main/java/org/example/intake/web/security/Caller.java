package org.example.intake.web.security;

import java.util.Optional;
import java.util.regex.Pattern;

import org.example.intake.fhir.audit.AuditActor;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, as the plugin needs it: the patient's FHIR id from the token's
 * {@code fhir_patient_id} claim, whether the caller is a clinician or an admin, and who the
 * audit trail records: the identity provider's {@code sub} with the user name beside it.
 *
 * @param patientId the caller's FHIR Patient id, empty when the token carries none (or a malformed one)
 * @param clinician whether the caller has the clinician role
 * @param name      the user name ({@code preferred_username}), else the token's subject; never null
 * @param admin     whether the caller has the admin role (reads the audit trail)
 * @param subject   the identity provider's stable id of the user ({@code sub} of the API token or of the page
 *                  login's ID token), which the user cannot change; the name when there is none; never null
 */
public record Caller(Optional<String> patientId, boolean clinician, String name, boolean admin, String subject) {

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
        String subject = null;
        if (authentication instanceof JwtAuthenticationToken token) {
            patientId = patientIdIn(token.getToken());
            subject = token.getToken().getSubject();
            String userName = token.getToken().getClaimAsString(USER_NAME_CLAIM);
            if (userName != null && !userName.isBlank()) {
                name = userName;
            }
        } else if (authentication.getPrincipal() instanceof OidcUser user) {
            // The page login: the ID token's sub, the same user id as in Keycloak's access tokens.
            subject = user.getSubject();
            if (user instanceof IntakeUser intakeUser) {
                patientId = intakeUser.patientId().orElse(null);
            }
        }
        String known = name == null || name.isBlank() ? "unknown" : name;
        return new Caller(Optional.ofNullable(patientId), clinician, known, hasRole(authentication, "admin"),
                subject == null || subject.isBlank() ? known : subject);
    }

    /** Who the audit trail records: the stable {@link #subject()} with the user name beside it. */
    public AuditActor actor() {
        return new AuditActor(subject, name);
    }

    private static boolean hasRole(Authentication authentication, String role) {
        return authentication.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + role).equals(authority.getAuthority()));
    }
}
