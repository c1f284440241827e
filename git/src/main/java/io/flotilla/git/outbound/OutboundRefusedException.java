package io.flotilla.git.outbound;

/** A location the {@link OutboundPolicy} does not let Flotilla reach; the message names it and the rule. */
public class OutboundRefusedException extends IllegalArgumentException {

    public OutboundRefusedException(String message) {
        super(message);
    }
}
