package io.flotilla.renderer.render;

/** Helm could not render a chart, or rendered something that is not Kubernetes objects; the message says why. */
public class RenderException extends Exception {

    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
