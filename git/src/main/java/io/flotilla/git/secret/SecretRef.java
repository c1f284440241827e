package io.flotilla.git.secret;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Secret as a Flux {@code secretRef} names it: its namespace (the source's) and name. */
public record SecretRef(String namespace, String name) {

    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    public SecretRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (!DNS_NAME.matcher(namespace).matches() || !DNS_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + namespace + "/" + name + "' does not name a Secret: namespace"
                    + " and name must be lower case letters, digits, '-' and '.'");
        }
    }

    /**
     * {@code namespace/name}, as configuration writes it.
     *
     * @throws IllegalArgumentException naming the text when it is not {@code namespace/name}
     */
    public static SecretRef parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException("'" + text + "' does not name a Secret: write namespace/name");
        }
        return new SecretRef(text.substring(0, slash).strip(), text.substring(slash + 1).strip());
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
