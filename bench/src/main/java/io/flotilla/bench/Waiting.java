package io.flotilla.bench;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.flotilla.launcher.stack.StackException;

/** How a benchmark waits for the stack: asking again at an interval until done, failing with what it awaited. */
public final class Waiting {

    private Waiting() {
    }

    /**
     * Asks {@code probe} every {@code interval} until its answer is {@code done}; that answer. Fails after
     * {@code limit}, naming {@code what} was awaited.
     */
    public static <T> T until(Supplier<T> probe, Predicate<T> done, Duration limit, Duration interval, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T answer = probe.get();
            if (done.test(answer)) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("gave up waiting " + limit.toSeconds() + " s for " + what);
            }
            sleep(interval.toMillis());
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
