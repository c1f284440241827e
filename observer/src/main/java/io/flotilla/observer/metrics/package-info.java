/** Flotilla's own latencies as Micrometer meters, served at {@code /q/metrics}. */
package io.flotilla.observer.metrics;
