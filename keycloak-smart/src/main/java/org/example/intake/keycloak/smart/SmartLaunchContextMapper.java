package org.example.intake.keycloak.smart;

import java.util.List;
import java.util.Optional;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenResponseMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.representations.IDToken;
import org.keycloak.services.ErrorResponseException;

import jakarta.ws.rs.core.Response;

/**
 * SMART App Launch context in Keycloak's tokens: {@code patient} as a top-level parameter of the token response and
 * a claim of the access token (for the FHIR server), {@code fhirUser} in the ID token.
 *
 * <p>Where the patient comes from:
 * <ul>
 * <li>EHR launch: the authorization request's {@code launch} parameter, a value signed by the EHR (see
 * {@link LaunchValue}) with the key in this mapper's {@value #LAUNCH_SECRET}. It counts only for the client it was
 * issued to, before it expires, and once: its id goes into Keycloak's single-use store when a code is first
 * exchanged. A launch that fails any of these refuses the token request ({@code invalid_grant}).</li>
 * <li>Standalone launch (mode {@code standalone}, on the {@code launch/patient} scope): the user's
 * {@value #PATIENT_ATTRIBUTE} attribute.</li>
 * </ul>
 * The patient found is kept in the client session, so refreshed tokens carry it too.
 */
public class SmartLaunchContextMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, OIDCAccessTokenResponseMapper {

    public static final String PROVIDER_ID = "smart-launch-context";
    static final String MODE = "smart.mode";
    static final String LAUNCH_SECRET = "smart.launch.secret";
    static final String FHIR_BASE = "smart.fhir.base";
    static final String PATIENT_ATTRIBUTE = "fhir_patient_id";
    /** Keycloak keeps an authorization request's unknown parameters as client notes with this prefix. */
    static final String LAUNCH_NOTE = "client_request_param_launch";
    static final String PATIENT_NOTE = "smart_patient";

    private static final System.Logger LOG = System.getLogger(SmartLaunchContextMapper.class.getName());

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "SMART launch context";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "SMART App Launch: 'patient' in the token response and access token (EHR launch or the user's "
                + PATIENT_ATTRIBUTE + "), 'fhirUser' in the ID token.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of(
                new ProviderConfigProperty(MODE, "Mode", "ehr: the patient of an EHR launch; standalone: also the"
                        + " user's own patient; fhirUser: the fhirUser claim", ProviderConfigProperty.LIST_TYPE,
                        "ehr", "ehr", "standalone", "fhirUser"),
                new ProviderConfigProperty(LAUNCH_SECRET, "Launch secret", "HMAC key shared with the EHR, at least"
                        + " 32 characters", ProviderConfigProperty.PASSWORD, null, true),
                new ProviderConfigProperty(FHIR_BASE, "FHIR base URL", "prefix of fhirUser, e.g."
                        + " http://localhost:8090/fhir", ProviderConfigProperty.STRING_TYPE, null));
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, ProtocolMapperModel model, KeycloakSession session,
            UserSessionModel userSession, ClientSessionContext context) {
        if (!isFhirUser(model)) {
            patient(model, session, userSession, context).ifPresent(id -> token.getOtherClaims().put("patient", id));
        }
        return token;
    }

    @Override
    public IDToken transformIDToken(IDToken token, ProtocolMapperModel model, KeycloakSession session,
            UserSessionModel userSession, ClientSessionContext context) {
        if (isFhirUser(model)) {
            Optional.ofNullable(userSession.getUser().getFirstAttribute(PATIENT_ATTRIBUTE))
                    .ifPresent(id -> token.getOtherClaims().put("fhirUser", fhirBase(model) + "Patient/" + id));
        }
        return token;
    }

    @Override
    public AccessTokenResponse transformAccessTokenResponse(AccessTokenResponse response, ProtocolMapperModel model,
            KeycloakSession session, UserSessionModel userSession, ClientSessionContext context) {
        if (!isFhirUser(model)) {
            patient(model, session, userSession, context).ifPresent(id -> response.setOtherClaims("patient", id));
        }
        return response;
    }

    private Optional<String> patient(ProtocolMapperModel model, KeycloakSession session, UserSessionModel userSession,
            ClientSessionContext context) {
        AuthenticatedClientSessionModel clientSession = context.getClientSession();
        String known = clientSession.getNote(PATIENT_NOTE);
        if (known != null) {
            return Optional.of(known);
        }
        String launch = clientSession.getNote(LAUNCH_NOTE);
        String patient;
        if (launch != null) {
            patient = useLaunch(launch, model, session, clientSession.getClient().getClientId());
        } else if ("standalone".equals(model.getConfig().get(MODE))) {
            patient = userSession.getUser().getFirstAttribute(PATIENT_ATTRIBUTE);
        } else {
            patient = null;
        }
        if (patient != null) {
            clientSession.setNote(PATIENT_NOTE, patient);
        }
        return Optional.ofNullable(patient);
    }

    private static String useLaunch(String value, ProtocolMapperModel model, KeycloakSession session, String client) {
        long now = System.currentTimeMillis() / 1000;
        Optional<LaunchValue> launch = LaunchValue.verify(value, model.getConfig().get(LAUNCH_SECRET), now);
        if (launch.isEmpty()) {
            throw refused("the launch is not valid or has expired");
        }
        if (!launch.get().client().equals(client)) {
            LOG.log(System.Logger.Level.WARNING, "A launch issued to another client was presented by {0}", client);
            throw refused("the launch was issued to another client");
        }
        long lifespan = Math.max(1, launch.get().expiresAt() - now);
        if (!session.singleUseObjects().putIfAbsent("smart-launch." + launch.get().id(), lifespan)) {
            LOG.log(System.Logger.Level.WARNING, "A launch already used was presented again by {0}", client);
            throw refused("the launch has been used already");
        }
        return launch.get().patient();
    }

    private static ErrorResponseException refused(String description) {
        return new ErrorResponseException("invalid_grant", description, Response.Status.BAD_REQUEST);
    }

    private static boolean isFhirUser(ProtocolMapperModel model) {
        return "fhirUser".equals(model.getConfig().get(MODE));
    }

    private static String fhirBase(ProtocolMapperModel model) {
        String base = model.getConfig().getOrDefault(FHIR_BASE, "");
        return base.isEmpty() || base.endsWith("/") ? base : base + "/";
    }
}
