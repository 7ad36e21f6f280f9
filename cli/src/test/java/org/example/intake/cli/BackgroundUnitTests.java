package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class BackgroundUnitTests {

    @Test
    void theValueIsMadeOnADaemonThreadOfItsOwn_andGetWaitsForIt() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> maker = new AtomicReference<>();
        Background<String> value = Background.start("test-maker", () -> {
            maker.set(Thread.currentThread());
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "made";
        });
        AtomicReference<String> got = new AtomicReference<>();
        Thread waiter = new Thread(() -> got.set(value.get()));
        waiter.start();
        waiter.join(200);
        assertThat(got.get()).as("not made yet").isNull();

        release.countDown();
        waiter.join();

        assertThat(got.get()).isEqualTo("made");
        assertThat(value.get()).isEqualTo("made");
        assertThat(maker.get().getName()).isEqualTo("test-maker");
        assertThat(maker.get().isDaemon()).isTrue();
        assertThat(maker.get()).isNotSameAs(Thread.currentThread());
    }

    @Test
    void whatMakingThrew_isThrownByEveryGet_asItWas() {
        UncheckedIOException failure = new UncheckedIOException(new IOException("missing"));
        Background<String> value = Background.start("test-failing", () -> {
            throw failure;
        });

        assertThatThrownBy(value::get).isSameAs(failure);
        assertThatThrownBy(value::get).isSameAs(failure);
    }

    @Test
    void anErrorToo() {
        StackOverflowError failure = new StackOverflowError();
        Background<String> value = Background.start("test-error", () -> {
            throw failure;
        });

        assertThatThrownBy(value::get).isSameAs(failure);
    }

    @Test
    void aCheckedExceptionThrownSneakily_isWrapped() {
        Background<String> value = Background.start("test-checked", () -> {
            throw sneaky(new IOException("checked"));
        });

        assertThatThrownBy(value::get).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
