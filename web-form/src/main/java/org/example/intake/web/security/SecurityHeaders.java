package org.example.intake.web.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers of the plugin's pages and API, set by their own security chains (so a host's paths keep the
 * host's): a Content-Security-Policy without {@code unsafe-inline} (scripts and styles come from the plugin's own
 * files; the one inline style, the self-contained service unavailable page's, is allowed by its hash), no framing,
 * forms posted only to the app and the identity provider, no referrer, no powerful browser features, and Spring
 * Security's own defaults besides ({@code Cache-Control: no-store} on every answer, {@code X-Content-Type-Options},
 * {@code X-Frame-Options}, HSTS on https). Cookies are the host's: its session cookie should be {@code HttpOnly}
 * (the servlet container's default), {@code SameSite=Lax} and, behind a TLS proxy, {@code Secure}, which needs
 * {@code server.forward-headers-strategy} so that the request is seen as https.
 */
final class SecurityHeaders {

    /** Browser features no page of the plugin uses: asking for any of them is refused. */
    static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
            + "publickey-credentials-get=(), screen-wake-lock=(), usb=(), xr-spatial-tracking=()";

    /** For the API's answers: JSON, never a document to render, frame or run. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private SecurityHeaders() {
    }

    /** The pages' policy: the app's own files only; forms to the app and to the issuer (its login and logout). */
    static String pagesPolicy(URI issuer) {
        return "default-src 'self'; script-src 'self'; style-src 'self' " + UnavailablePageStyle.HASH
                + "; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                + "frame-ancestors 'none'; form-action 'self' " + origin(issuer);
    }

    static Customizer<HeadersConfigurer<HttpSecurity>> pages(URI issuer) {
        String policy = pagesPolicy(issuer);
        return headers -> common(headers).contentSecurityPolicy(csp -> csp.policyDirectives(policy));
    }

    static Customizer<HeadersConfigurer<HttpSecurity>> api() {
        return headers -> common(headers).contentSecurityPolicy(csp -> csp.policyDirectives(API_POLICY));
    }

    private static HeadersConfigurer<HttpSecurity> common(HeadersConfigurer<HttpSecurity> headers) {
        headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY));
        return headers;
    }

    /** {@code scheme://host[:port]} of an address. */
    static String origin(URI address) {
        return address.getScheme() + "://" + address.getRawAuthority();
    }

    /** The hash of the service unavailable page's one inline style block, as CSP writes it. */
    static final class UnavailablePageStyle {

        static final String RESOURCE = "static/intake/unavailable.html";
        private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
        static final String HASH = hash();

        private UnavailablePageStyle() {
        }

        private static String hash() {
            try (InputStream page = SecurityHeaders.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (page == null) {
                    throw new IllegalStateException(RESOURCE + " is missing");
                }
                Matcher style = STYLE.matcher(new String(page.readAllBytes(), StandardCharsets.UTF_8));
                if (!style.find()) {
                    throw new IllegalStateException(RESOURCE + " has no <style> block to allow");
                }
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(style.group(1).getBytes(StandardCharsets.UTF_8));
                return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
