package io.flotilla.renderer.render;

import sun.misc.Signal;

/**
 * Helm's install action, which {@code helm template} runs, registers its own SIGTERM handler inside the Go
 * runtime that helm-java loads; from then on the JVM never sees SIGTERM and the renderer would not stop when
 * asked. After each Helm call the JVM's handling is taken back: SIGTERM exits the way Quarkus' own handler
 * does, through the shutdown hooks, so the service stops cleanly.
 */
final class TerminationSignal {

    private static final Signal TERM = new Signal("TERM");

    private TerminationSignal() {
    }

    static void reclaim() {
        Signal.handle(TERM, signal -> new Thread(() -> System.exit(128 + signal.getNumber()), "sigterm").start());
    }
}
