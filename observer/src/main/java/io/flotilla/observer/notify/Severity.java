package io.flotilla.observer.notify;

/** How much a change asks for attention: what a receiver's {@code severities} choose. */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
