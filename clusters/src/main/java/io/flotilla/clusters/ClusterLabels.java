package io.flotilla.clusters;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a cluster's name and labels may be: a name is a DNS-1123 label (it is part of every release key), labels are
 * Kubernetes labels (selectors in the targeting file match them as Kubernetes label selectors would).
 */
public final class ClusterLabels {

    private static final Pattern NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private ClusterLabels() {
    }

    /** @throws IllegalArgumentException saying why the name cannot name a cluster */
    public static void checkName(String name) {
        if (name == null || name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("cluster name '" + name + "' is not valid: lower-case letters, digits"
                    + " and '-', starting and ending with a letter or digit, at most 63 characters");
        }
    }

    /** @throws IllegalArgumentException naming the first label that is not a valid Kubernetes label, and why */
    public static void check(Map<String, String> labels) {
        labels.forEach(ClusterLabels::check);
    }

    public static void check(String key, String value) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                throw new IllegalArgumentException("label key '" + key + "' is not valid: its prefix must be a DNS"
                        + " subdomain (lower-case letters, digits, '-' and '.'), at most 253 characters");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME_PART.matcher(name).matches()) {
            throw new IllegalArgumentException("label key '" + key + "' is not valid: at most 63 characters, letters,"
                    + " digits, '-', '_' and '.', starting and ending with a letter or digit");
        }
        if (value == null || value.length() > 63 || !(value.isEmpty() || NAME_PART.matcher(value).matches())) {
            throw new IllegalArgumentException("label " + key + "=" + value + " is not valid: a value is at most 63"
                    + " characters, letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
        }
    }
}
