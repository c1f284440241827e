package io.flotilla.registrysecrets.pullsecret;

import java.util.Locale;

import io.fabric8.kubernetes.api.model.Namespace;

/**
 * The annotation registry-creds honours on a namespace to leave it out: {@value #ANNOTATION} set to {@code 1} or
 * {@code true} (any case). Any other value, {@code 0} included, lets the namespace in again.
 */
public final class OptOut {

    public static final String ANNOTATION = "alexellis.io/registry-creds.ignore";

    private OptOut() {
    }

    public static boolean optedOut(Namespace namespace) {
        if (namespace.getMetadata().getAnnotations() == null) {
            return false;
        }
        String value = namespace.getMetadata().getAnnotations().get(ANNOTATION);
        return value != null && (value.equals("1") || value.toLowerCase(Locale.ROOT).equals("true"));
    }
}
