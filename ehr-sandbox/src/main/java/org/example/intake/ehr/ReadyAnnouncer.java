package org.example.intake.ehr;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Logs the one line that says the sandbox is up, where, and how long it took to get there. */
@Component
class ReadyAnnouncer implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EhrSandboxApplication.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
        double seconds = event.getTimeTaken().toMillis() / 1000.0;
        LOG.info(readyLine(port, seconds));
    }

    static String readyLine(int port, double seconds) {
        return String.format(Locale.ROOT, "EHR sandbox ready at http://localhost:%d%s (%.1f s)",
                port, EhrFhirServerConfig.FHIR_PATH, seconds);
    }
}
