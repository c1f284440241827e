package io.flotilla.imageupdater.policy;

/**
 * A tag policy that cannot be read: an unknown filter prefix, a range or pattern that does not parse, an order
 * other than asc or desc. The message names what was written and why it is wrong; the caller adds the file and
 * the object it came from.
 */
public class PolicySyntaxException extends RuntimeException {

    public PolicySyntaxException(String message) {
        super(message);
    }

    public PolicySyntaxException(String message, Throwable cause) {
        super(message, cause);
    }
}
