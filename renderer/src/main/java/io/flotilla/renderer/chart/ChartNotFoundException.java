package io.flotilla.renderer.chart;

/** A HelmRelease points at a chart the repository does not have; the message says which field and where. */
public class ChartNotFoundException extends Exception {

    public ChartNotFoundException(String message) {
        super(message);
    }
}
