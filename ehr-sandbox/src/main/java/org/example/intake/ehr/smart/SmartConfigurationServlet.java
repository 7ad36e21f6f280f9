package org.example.intake.ehr.smart;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /fhir/.well-known/smart-configuration}: the SMART configuration, JSON, open to all. */
final class SmartConfigurationServlet extends HttpServlet {

    private final byte[] body;

    SmartConfigurationServlet(SmartSettings settings) {
        try {
            this.body = new ObjectMapper().writeValueAsBytes(SmartConfigurationDocument.of(settings));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "max-age=300");
        response.getOutputStream().write(body);
    }
}
