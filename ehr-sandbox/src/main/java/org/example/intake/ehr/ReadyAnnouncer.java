package org.example.intake.ehr;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/** Logs the one line that says the sandbox is up, where, and how long it took; and one when it stops. */
class ReadyAnnouncer {

    private static final Logger LOG = LoggerFactory.getLogger(EhrSandboxApplication.class);

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
        double seconds = event.getTimeTaken().toMillis() / 1000.0;
        LOG.info(readyLine(port, seconds));
    }

    @EventListener
    public void stopping(ContextClosedEvent event) {
        LOG.info("EHR sandbox stopping");
    }

    static String readyLine(int port, double seconds) {
        return String.format(Locale.ROOT, "EHR sandbox ready at http://localhost:%d%s (%.1f s)",
                port, EhrFhirServerConfig.FHIR_PATH, seconds);
    }
}
