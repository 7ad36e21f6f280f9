package org.example.intake.ehr.smart;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.IdType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleConditional;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;

/**
 * The FHIR API's access rules when {@code ehr.smart.enforce} is on: a request needs a bearer token of the realm with
 * the sandbox's audience (else 401), and may do what the token's SMART scopes say (else 403):
 * {@code patient/...} scopes within the compartment of the token's {@code patient} claim only, {@code user/...} and
 * {@code system/...} scopes on any resource. {@code /metadata} stays open.
 *
 * <p>HAPI's rules have no "update only": a {@code u} permission allows creates too. Reads and searches are one
 * rule ({@code r} or {@code s}).
 */
final class SmartAuthorization extends AuthorizationInterceptor {

    private final JwtDecoder tokens;

    SmartAuthorization(JwtDecoder tokens) {
        this.tokens = tokens;
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
            return new RuleBuilder().allow().metadata().build();
        }
        Jwt token = bearerToken(request);
        return rulesFor(scopes(token), Optional.ofNullable(token.getClaimAsString("patient")));
    }

    /** The rules for a token's scopes and launch patient (empty when the token has none). */
    static List<IAuthRule> rulesFor(List<SmartScope> scopes, Optional<String> patient) {
        RuleBuilder rules = new RuleBuilder();
        for (SmartScope scope : scopes) {
            if (scope.context() == SmartScope.Context.PATIENT && patient.isEmpty()) {
                continue;
            }
            for (SmartScope.Permission permission : scope.permissions()) {
                IAuthRuleBuilderRule allow = rules.allow(scope + " " + permission);
                IAuthRuleBuilderRuleOp op = switch (permission) {
                    case READ, SEARCH -> allow.read();
                    case CREATE -> allow.create();
                    case UPDATE -> allow.write();
                    case DELETE -> allow.delete();
                };
                IAuthRuleFinished finished = scope.allTypes()
                        ? restrict(op.allResources(), scope, patient)
                        : restrict(op.resourcesOfType(scope.resourceType()), scope, patient);
                finished.andThen();
            }
            if (scope.writes()) {
                conditionalWrites(rules, scope);
                rules.allow("transactions of " + scope).transaction().withAnyOperation().andApplyNormalRules()
                        .andThen();
            }
        }
        return rules.denyAll("no scope of the token allows this").build();
    }

    /** Conditional creates, updates and deletes ({@code If-None-Exist}, {@code PUT Type?search}) as the scope writes. */
    private static void conditionalWrites(RuleBuilder rules, SmartScope scope) {
        for (SmartScope.Permission permission : scope.permissions()) {
            IAuthRuleBuilderRuleConditional conditional = switch (permission) {
                case CREATE -> rules.allow().createConditional();
                case UPDATE -> rules.allow().updateConditional();
                case DELETE -> rules.allow().deleteConditional();
                default -> null;
            };
            if (conditional != null) {
                (scope.allTypes() ? conditional.allResources() : conditional.resourcesOfType(scope.resourceType()))
                        .andThen();
            }
        }
    }

    private static IAuthRuleFinished restrict(
            ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier target, SmartScope scope,
            Optional<String> patient) {
        return scope.context() == SmartScope.Context.PATIENT
                ? target.inCompartment("Patient", new IdType("Patient", patient.orElseThrow()))
                : target.withAnyId();
    }

    private static List<SmartScope> scopes(Jwt token) {
        String scope = token.getClaimAsString("scope");
        return scope == null ? List.of() : Arrays.stream(scope.split(" "))
                .map(SmartScope::parse).flatMap(Optional::stream).toList();
    }

    private Jwt bearerToken(RequestDetails request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("a bearer token is required");
        }
        try {
            return tokens.decode(header.substring(7).strip());
        } catch (JwtException e) {
            throw unauthorized("the token is not valid here");
        }
    }

    private static AuthenticationException unauthorized(String message) {
        return new AuthenticationException(message);
    }
}
