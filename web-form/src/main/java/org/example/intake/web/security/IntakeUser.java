package org.example.intake.web.security;

import java.util.Collection;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person logged in to the pages through Keycloak: the OpenID Connect user, with the realm
 * roles and the {@code fhir_patient_id} read from the access token (Keycloak puts them there,
 * not in the ID token).
 */
public class IntakeUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final String patientId;

    /**
     * @param patientId the FHIR Patient id from the access token, or null for a user who is not a patient
     */
    public IntakeUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
            String patientId) {
        super(authorities, idToken, userInfo, "preferred_username");
        this.patientId = patientId;
    }

    /** The user's FHIR Patient id, or empty when the user is not a patient. */
    public Optional<String> patientId() {
        return Optional.ofNullable(patientId);
    }
}
