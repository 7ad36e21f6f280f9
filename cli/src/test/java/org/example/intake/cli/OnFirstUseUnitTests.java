package org.example.intake.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class OnFirstUseUnitTests {

    @Test
    void nothingIsMadeUntilTheFirstGet_whichMakesItOnItsOwnThread_once() {
        AtomicInteger made = new AtomicInteger();
        AtomicReference<Thread> maker = new AtomicReference<>();
        OnFirstUse<String> value = OnFirstUse.of(() -> {
            made.incrementAndGet();
            maker.set(Thread.currentThread());
            return "made";
        });
        assertThat(made).as("a run that never asks pays nothing").hasValue(0);

        assertThat(value.get()).isEqualTo("made");
        assertThat(value.get()).isEqualTo("made");

        assertThat(made).hasValue(1);
        assertThat(maker.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void othersAskingWhileItIsMadeWaitForTheSameValue() throws InterruptedException {
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger made = new AtomicInteger();
        OnFirstUse<String> value = OnFirstUse.of(() -> {
            made.incrementAndGet();
            making.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "made";
        });
        List<String> got = new CopyOnWriteArrayList<>();
        Thread first = new Thread(() -> got.add(value.get()));
        first.start();
        making.await();
        Thread second = new Thread(() -> got.add(value.get()));
        second.start();
        second.join(200);
        assertThat(got).as("the second waits while the first makes it").isEmpty();

        release.countDown();
        first.join();
        second.join();

        assertThat(got).containsExactly("made", "made");
        assertThat(made).hasValue(1);
    }

    @Test
    void whatMakingThrew_isThrownByEveryGet_asItWas() {
        UncheckedIOException failure = new UncheckedIOException(new IOException("missing"));
        OnFirstUse<String> value = OnFirstUse.of(() -> {
            throw failure;
        });

        assertThatThrownBy(value::get).isSameAs(failure);
        assertThatThrownBy(value::get).isSameAs(failure);
    }

    @Test
    void anErrorToo() {
        StackOverflowError failure = new StackOverflowError();
        OnFirstUse<String> value = OnFirstUse.of(() -> {
            throw failure;
        });

        assertThatThrownBy(value::get).isSameAs(failure);
    }

    @Test
    void aCheckedExceptionThrownSneakily_isWrapped() {
        OnFirstUse<String> value = OnFirstUse.of(() -> {
            throw sneaky(new IOException("checked"));
        });

        assertThatThrownBy(value::get).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
