package org.example.intake.web.security;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * A browser's session after signing in to the plugin's pages, stored by the pages' own chain (its security context
 * repository, wherever that keeps it) as the OpenID Connect login would store it; the browser tests do the real login.
 */
final class PagesSessions {

    private PagesSessions() {
    }

    /** A session signed in to the pages as this user, with this role ({@code ROLE_...}) and patient id (or null). */
    static MockHttpSession signedIn(ApplicationContext context, String name, String role, String patientId) {
        OidcIdToken idToken = new OidcIdToken("id-token-" + name, Instant.now(), Instant.now().plusSeconds(300),
                Map.of("sub", "user-" + name, "preferred_username", name));
        IntakeUser user = new IntakeUser(List.of(new SimpleGrantedAuthority(role)), idToken, null, patientId);
        MockHttpSession session = new MockHttpSession();
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSession(session);
        SecurityFilterChain pages = context.getBean("intakePagesSecurityChain", SecurityFilterChain.class);
        SecurityContextRepository repository = pages.getFilters().stream()
                .filter(SecurityContextHolderFilter.class::isInstance)
                .map(filter -> (SecurityContextRepository) field(filter, "securityContextRepository")).findFirst()
                .orElseThrow();
        repository.saveContext(new SecurityContextImpl(new OAuth2AuthenticationToken(user, user.getAuthorities(),
                IntakeBrowserSecurity.REGISTRATION)), request, new MockHttpServletResponse());
        return session;
    }

    /** A private field of Spring Security's, for what it offers no getter for. */
    static Object field(Object target, String name) {
        for (Class<?> type = target.getClass(); type != Object.class; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException e) {
                // on to the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(target.getClass() + " has no field " + name);
    }
}
