package org.example.intake.web.intake.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.example.intake.web.security.IntakeBrowserSecurity;

/**
 * The "service unavailable" page, {@code static/intake/unavailable.html} in the plugin's jar: the one source of
 * its words, whether a deploying organisation's proxy serves it while the app or its login is down (D02), the app
 * serves it at {@link #PATH}, or a patient's page that fails answers with it ({@link PatientPagesUnavailable}).
 */
final class UnavailablePage {

    /** Where the app serves the page, to anyone, logged in or not. */
    static final String PATH = IntakeBrowserSecurity.UNAVAILABLE_PAGE;
    /** The page in the jar. */
    static final String RESOURCE = "static/intake/unavailable.html";

    private UnavailablePage() {
    }

    /** The page as shipped; never null. */
    static String html() {
        try (InputStream in = UnavailablePage.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
