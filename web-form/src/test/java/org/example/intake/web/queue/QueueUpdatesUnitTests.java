package org.example.intake.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.example.intake.core.triage.Level;
import org.example.intake.web.delivery.DeliveryAttempted;
import org.example.intake.web.delivery.DeliveryState;
import org.example.intake.web.intake.IntakeSubmitted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.servlet.http.HttpSession;

/**
 * The queue's event hub: every open page hears of each new intake (its id and level) and of each
 * change (a decision, a delivery attempt), read here from the pages' streams as a browser reads
 * them; it keeps track of open streams and lets them all go on shutdown.
 */
class QueueUpdatesUnitTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final QueueUpdates updates = new QueueUpdates(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(1), 2);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Pages(updates)).build();

    @AfterEach
    void stop() {
        updates.destroy();
    }

    @Test
    void everyOpenPageHearsOfEachNewIntakeByItsIdAndLevelAndOfEachChange() throws Exception {
        MvcResult first = openPage();
        MvcResult second = openPage();

        updates.on(new IntakeSubmitted(IntakeSubmitted.Outcome.ACCEPTED, Level.EMERGENCY, "s-1"));
        updates.on(new IntakeSubmitted(IntakeSubmitted.Outcome.REPEATED, Level.URGENT, "s-0"));
        updates.on(new IntakeSubmitted(IntakeSubmitted.Outcome.INVALID, null, null));
        updates.on(new IntakeDecided("s-2", IntakeDecided.Kind.OVERRIDDEN));
        updates.on(new DeliveryAttempted("s-3", 1, DeliveryState.DELIVERED, Duration.ofSeconds(2)));

        for (MvcResult page : List.of(first, second)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events(page)).containsExactly(
                    new Event("ready", Map.of("refreshSeconds", "60")),
                    new Event("intake", Map.of("id", "s-1", "level", "EMERGENCY")),
                    new Event("changed", Map.of("id", "s-2", "kind", "OVERRIDDEN")),
                    new Event("changed", Map.of("id", "s-3", "kind", "DELIVERY"))));
        }
    }

    @Test
    void thisNodesEventsAreHandedOnToTheOtherNodes_andTheirsReachThePagesWithoutBeingHandedOnAgain() throws Exception {
        List<QueueEvent> handedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        updates.forwardTo(handedOn::add);
        MvcResult page = openPage();

        updates.on(new IntakeSubmitted(IntakeSubmitted.Outcome.ACCEPTED, Level.URGENT, "s-1"));
        updates.relay(QueueEvent.intake("s-9", "EMERGENCY"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events(page)).containsExactly(
                new Event("ready", Map.of("refreshSeconds", "60")),
                new Event("intake", Map.of("id", "s-1", "level", "URGENT")),
                new Event("intake", Map.of("id", "s-9", "level", "EMERGENCY"))));
        assertThat(handedOn).containsExactly(QueueEvent.intake("s-1", "URGENT"));
    }

    @Test
    void openStreamsAreCountedAndAllEndedTogether() throws Exception {
        openPage();
        openPage();
        assertThat(updates.listeners()).isEqualTo(2);

        assertThat(updates.disconnectAll()).isEqualTo(2);
        assertThat(updates.listeners()).isZero();
        assertThat(updates.disconnectAll()).isZero();
    }

    @Test
    void aSessionHoldsAFewStreamsAtMost_oneMoreIs429_andAStreamThatEndsFreesItsPlace() throws Exception {
        MockHttpSession ward = new MockHttpSession();
        openPage(ward);
        openPage(ward);

        mvc.perform(get("/events").session(ward)).andExpect(status().isTooManyRequests());
        assertThat(updates.streamsOf(ward.getId())).isEqualTo(2);
        assertThat(updates.listeners()).isEqualTo(2);

        MockHttpSession otherClinician = new MockHttpSession();
        openPage(otherClinician);
        assertThat(updates.listeners()).as("another session is not held back by this one").isEqualTo(3);

        updates.disconnectAll();
        assertThat(updates.streamsOf(ward.getId())).isZero();
        openPage(ward);
        assertThat(updates.streamsOf(ward.getId())).isEqualTo(1);
    }

    private MvcResult openPage() throws Exception {
        return openPage(new MockHttpSession());
    }

    private MvcResult openPage(MockHttpSession session) throws Exception {
        return mvc.perform(get("/events").session(session)).andExpect(request().asyncStarted()).andReturn();
    }

    /** The server-sent events a page has received so far, in order. */
    private static List<Event> events(MvcResult page) throws Exception {
        List<Event> events = new ArrayList<>();
        // Only whole events: the sender may be half-way through the next one.
        String content = page.getResponse().getContentAsString();
        String whole = content.substring(0, Math.max(0, content.lastIndexOf("\n\n")));
        for (String block : whole.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring("event:".length());
                } else if (line.startsWith("data:")) {
                    data = line.substring("data:".length());
                }
            }
            if (name != null) {
                events.add(new Event(name, JSON.readValue(data, new TypeReference<Map<String, String>>() { })));
            }
        }
        return events;
    }

    private record Event(String name, Map<String, String> data) {
    }

    /** The queue page's event stream, as the plugin maps it. */
    @RestController
    static final class Pages {

        private final QueueUpdates updates;

        Pages(QueueUpdates updates) {
            this.updates = updates;
        }

        @GetMapping(path = "/events", produces = "text/event-stream")
        SseEmitter events(HttpSession session) {
            return updates.open(session.getId());
        }
    }
}
