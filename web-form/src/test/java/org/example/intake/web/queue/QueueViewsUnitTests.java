package org.example.intake.web.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

class QueueViewsUnitTests {

    private final MockHttpSession session = new MockHttpSession();
    private final QueueViews views = QueueViews.in(session);

    @Test
    void aRefreshOfAKnownView_remembersWhatItsFirstLoadRecorded() {
        QueueViews.View first = views.view(null, false);
        first.recorded(List.of("a", "b"));

        QueueViews.View refresh = QueueViews.in(session).view(first.id(), true);

        assertThat(first.firstLoad()).isTrue();
        assertThat(refresh.id()).isEqualTo(first.id());
        assertThat(refresh.firstLoad()).isFalse();
        assertThat(refresh.contains("a")).isTrue();
        assertThat(refresh.contains("c")).isFalse();
    }

    @Test
    void aRequestTheUserMade_startsANewViewThatRemembersNothing_evenWithAKnownViewId() {
        QueueViews.View first = views.view(null, false);
        first.recorded(List.of("a"));

        QueueViews.View again = views.view(first.id(), false);

        assertThat(again.id()).isNotEqualTo(first.id()).matches("[0-9a-f]{32}");
        assertThat(again.contains("a")).isFalse();
        assertThat(again.firstLoad()).isTrue();
    }

    @Test
    void aRefreshOfAnUnknownOrMalformedView_startsANewOne() {
        views.view(null, false).recorded(List.of("a"));

        QueueViews.View forged = views.view("0".repeat(32), true);
        QueueViews.View malformed = views.view("<script>", true);

        assertThat(forged.id()).isNotEqualTo("0".repeat(32));
        assertThat(forged.contains("a")).isFalse();
        assertThat(forged.firstLoad()).isTrue();
        assertThat(malformed.id()).matches("[0-9a-f]{32}");
    }

    @Test
    void anotherSessionsView_isNotKnownHere() {
        QueueViews.View theirs = QueueViews.in(new MockHttpSession()).view(null, false);
        theirs.recorded(List.of("a"));

        assertThat(views.view(theirs.id(), true).contains("a")).isFalse();
    }

    @Test
    void aSessionRemembersTheLastEightViews_andAViewTheLast2000Submissions() {
        QueueViews.View oldest = views.view(null, false);
        oldest.recorded(List.of("a"));
        IntStream.range(0, QueueViews.MAX_VIEWS - 1).forEach(i -> views.view(null, false));
        assertThat(views.view(oldest.id(), true).id()).as("the eighth view is still known").isEqualTo(oldest.id());
        IntStream.range(0, QueueViews.MAX_VIEWS).forEach(i -> views.view(null, false));
        assertThat(views.view(oldest.id(), true).id()).as("a ninth forgets the least recently used")
                .isNotEqualTo(oldest.id());

        QueueViews.View big = views.view(null, false);
        big.recorded(IntStream.range(0, QueueViews.MAX_IDS + 1).mapToObj(i -> "s" + i).toList());
        assertThat(big.contains("s0")).isFalse();
        assertThat(big.contains("s1")).isTrue();
        assertThat(big.contains("s" + QueueViews.MAX_IDS)).isTrue();
    }
}
