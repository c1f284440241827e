package io.flotilla.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Names this instance of a service to the others: in git-watcher's leases, in the observer's record of who watches a
 * cluster. A pod's name alone would not do for a lease: a pod restarted in place has the same name, and would renew
 * the leases its previous life held while that life may still be finishing a fetch.
 */
public final class InstanceId {

    private static final SecureRandom RANDOM = new SecureRandom();

    private InstanceId() {
    }

    /**
     * {@code configured} as it is, else the host name (Kubernetes sets it to the pod's name) and a random suffix.
     *
     * @param service the service's name, for a host whose name cannot be known
     */
    public static String of(Optional<String> configured, String service) {
        return configured.filter(id -> !id.isBlank()).orElseGet(() -> hostName(service) + "-" + suffix());
    }

    /** The host's name (in Kubernetes, the pod's), or {@code otherwise} when it cannot be known. */
    public static String hostName(String otherwise) {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return otherwise;
        }
    }

    private static String suffix() {
        byte[] bytes = new byte[3];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
