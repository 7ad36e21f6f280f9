package org.example.intake.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in application for {@link AppProcessIntegrationTests}: reads Spring Boot style arguments
 * ({@code --server.port}, {@code --server.address}, {@code --greeting}, {@code --exit-with}), prints a line, and
 * answers {@code GET /} with the greeting and the environment variable {@code TINY_NAME}.
 */
public final class TinyHttpApp {

    private TinyHttpApp() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        System.out.println("tiny app starting with " + options.keySet().stream().sorted().toList());
        if (options.containsKey("exit-with")) {
            System.exit(Integer.parseInt(options.get("exit-with")));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(options.get("server.address"),
                Integer.parseInt(options.get("server.port"))), 0);
        server.createContext("/", exchange -> {
            byte[] body = (options.getOrDefault("greeting", "hello") + " " + System.getenv("TINY_NAME"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}
