package org.example.intake.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the queue relay passes to this node's pages of the notifications it hears, and what it leaves out. */
class PostgresQueueRelayUnitTests {

    private final List<QueueEvent> relayed = new ArrayList<>();
    private final QueueUpdates updates = new QueueUpdates(Duration.ofMinutes(1), Duration.ofMinutes(5)) {
        @Override
        void relay(QueueEvent event) {
            relayed.add(event);
        }
    };
    private final PostgresQueueRelay relay = new PostgresQueueRelay(mock(DataSource.class), updates);

    @AfterEach
    void stop() {
        updates.destroy();
    }

    @Test
    void anotherNodesEventsReachThisNodesPages_withTheirIdAndLevelOrKindOnly() {
        relay.receive("{\"node\":\"other\",\"event\":\"intake\",\"id\":\"s-1\",\"level\":\"EMERGENCY\","
                + "\"patient\":\"Patient/alex\"}");
        relay.receive("{\"node\":\"other\",\"event\":\"changed\",\"id\":\"s-2\",\"kind\":\"REVIEWED\"}");

        assertThat(relayed).containsExactly(QueueEvent.intake("s-1", "EMERGENCY"), QueueEvent.changed("s-2", "REVIEWED"));
        assertThat(relayed.get(0).data()).containsOnlyKeys("id", "level");
        assertThat(relay.relayed()).isEqualTo(2);
    }

    @Test
    void thisNodesOwnEventsAreLeftOut_itsPagesHeardThemAlready() throws Exception {
        relay.publish(QueueEvent.intake("s-1", "EMERGENCY"));
        // What it would send, as it comes back from the database.
        String own = new ObjectMapper().writeValueAsString(java.util.Map.of("node", relay.node(), "event", "intake",
                "id", "s-1", "level", "EMERGENCY"));

        relay.receive(own);

        assertThat(relayed).isEmpty();
    }

    @Test
    void whatIsNotAQueueEventIsLeftOut() {
        relay.receive("not json");
        relay.receive("{\"node\":\"other\",\"event\":\"script\",\"id\":\"s-1\",\"level\":\"EMERGENCY\"}");
        relay.receive("{\"node\":\"other\",\"event\":\"intake\",\"id\":\"<img src=x>\",\"level\":\"EMERGENCY\"}");
        relay.receive("{\"node\":\"other\",\"event\":\"intake\",\"id\":\"s-1\"}");
        relay.receive("[]");

        assertThat(relayed).isEmpty();
        assertThat(relay.relayed()).isZero();
    }

    @Test
    void onAnotherDatabaseThanPostgresqlItDoesNothing() throws Exception {
        DataSource h2 = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:h2:mem:relay-" + System.nanoTime());
        PostgresQueueRelay onH2 = new PostgresQueueRelay(h2, updates);

        onH2.start();

        assertThat(onH2.isRunning()).isFalse();
        assertThat(onH2.active()).isFalse();
        assertThat(onH2.channel()).isNull();
        onH2.stop();
    }
}
