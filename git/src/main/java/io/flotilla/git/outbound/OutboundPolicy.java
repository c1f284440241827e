package io.flotilla.git.outbound;

import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.jgit.transport.URIish;

/**
 * Which locations Flotilla may fetch from when the location comes from a user: by scheme ({@code https} and
 * {@code ssh} by default; an {@code oci://} registry counts as {@code https}), and by address: a host that resolves
 * to a loopback, link-local (cloud metadata), private, shared (100.64/10), unique-local or multicast address is
 * refused unless private addresses are allowed or the host is listed. A host that does not resolve is let through:
 * the fetch then fails on its own, saying no more than a DNS lookup would.
 *
 * <p>{@link #check} is made on the location as given, before any connection. A name whose DNS answer changes
 * between that check and the connection (DNS rebinding) is caught at the connection: every HTTP client Flotilla
 * uses for such a location connects through this policy's {@link OutboundGate}, which resolves the host again,
 * refuses it when any of its addresses is not allowed ({@link #addressFor}) and connects to the address it checked.
 *
 * @param schemes            the schemes allowed, lower case ({@code file} for a local path)
 * @param privateAddresses   whether hosts with non-public addresses are allowed
 * @param hosts              hosts allowed whatever their address (names, lower case, or literal addresses)
 * @param resolver           how host names are resolved: the system's DNS but in tests
 */
public record OutboundPolicy(Set<String> schemes, boolean privateAddresses, List<String> hosts,
        HostResolver resolver) {

    /** What a service allows when its configuration says nothing. */
    public static final Set<String> DEFAULT_SCHEMES = Set.of("https", "ssh");
    private static final String SETTING = "flotilla.outbound";

    public OutboundPolicy(Set<String> schemes, boolean privateAddresses, List<String> hosts) {
        this(schemes, privateAddresses, hosts, HostResolver.SYSTEM);
    }

    public OutboundPolicy {
        schemes = schemes.stream().map(scheme -> scheme.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        hosts = hosts.stream().map(host -> host.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** Any location at all: for a user's own machine, and for tests of everything else. */
    public static OutboundPolicy anywhere() {
        return new OutboundPolicy(Set.of("https", "http", "ssh", "git", "file", "oci"), true, List.of());
    }

    /** The default: https and ssh to public addresses. */
    public static OutboundPolicy publicOnly() {
        return new OutboundPolicy(DEFAULT_SCHEMES, false, List.of());
    }

    /**
     * Refuses {@code location} (a Git remote, an HTTP or OCI URL, or a local path) when this policy does not allow it.
     *
     * @param what names the location in the message, e.g. "repository"
     * @throws OutboundRefusedException naming the location, the rule and the setting that would allow it
     */
    public void check(String what, String location) {
        Target target = Target.of(location);
        String scheme = target.scheme().equals("oci") ? "https" : target.scheme();
        if (!schemes.contains(scheme) && !schemes.contains(target.scheme())) {
            throw new OutboundRefusedException(what + " " + location + " is refused: " + target.scheme()
                    + (target.host() == null ? " (a path on Flotilla's own disk)" : "") + " is not an allowed scheme ("
                    + SETTING + ".schemes=" + String.join(",", schemes.stream().sorted().toList()) + ")");
        }
        if (target.host() == null || privateAddresses || hosts.contains(target.host())) {
            return;
        }
        try {
            refuseNonPublic(what + " " + location, target.host(), resolver.resolve(target.host()));
        } catch (UnknownHostException e) {
            // Nothing to connect to: the fetch fails on its own.
        }
    }

    /** This policy with another resolver: a test's name whose answer changes. */
    public OutboundPolicy withResolver(HostResolver other) {
        return new OutboundPolicy(schemes, privateAddresses, hosts, other);
    }

    /** Whether a connection must be checked when it is made: false when any address is allowed. */
    public boolean checksConnections() {
        return !privateAddresses;
    }

    /**
     * The address to connect to {@code host} at, resolved now and checked: every address the name has must be
     * allowed, so that the one connected to is.
     *
     * @param what names the connection in the message, e.g. "the connection to host:443"
     * @throws OutboundRefusedException naming the host, the address and the setting that would allow it
     * @throws UnknownHostException     when the name does not resolve
     */
    public InetAddress addressFor(String what, String host) throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        InetAddress[] addresses = resolver.resolve(name);
        if (!privateAddresses && !hosts.contains(name)) {
            refuseNonPublic(what, name, addresses);
        }
        return addresses[0];
    }

    private void refuseNonPublic(String what, String host, InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            String kind = nonPublic(address);
            if (kind != null && !hosts.contains(address.getHostAddress().toLowerCase(Locale.ROOT))) {
                throw new OutboundRefusedException(what + " is refused: " + host
                        + (host.equals(address.getHostAddress()) ? "" : " (" + address.getHostAddress() + ")")
                        + " is a " + kind + " address; allow it with " + SETTING + ".hosts=" + host
                        + " or " + SETTING + ".private-addresses=true");
            }
        }
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String nonPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "wildcard";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64) {
            return "shared (carrier-grade NAT)";
        }
        if (bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        return null;
    }

    /** The scheme and host a location names; a local path's scheme is {@code file}, with no host. */
    private record Target(String scheme, String host) {

        static Target of(String location) {
            String text = location.strip();
            if (text.regionMatches(true, 0, "oci://", 0, 6)) {
                String rest = text.substring(6);
                int end = rest.indexOf('/');
                return new Target("oci", hostOf(end < 0 ? rest : rest.substring(0, end)));
            }
            URIish url;
            try {
                url = new URIish(text);
            } catch (URISyntaxException e) {
                throw new OutboundRefusedException(location + " is not a location Flotilla can fetch from: "
                        + e.getMessage());
            }
            if (url.getHost() == null) {
                return new Target("file", null);
            }
            String scheme = url.getScheme() == null ? "ssh" : url.getScheme().toLowerCase(Locale.ROOT);
            return new Target(scheme, hostOf(url.getHost()));
        }

        private static String hostOf(String authority) {
            String host = authority.contains("@") ? authority.substring(authority.lastIndexOf('@') + 1) : authority;
            if (host.startsWith("[")) {
                return host.substring(1, host.indexOf(']')).toLowerCase(Locale.ROOT);
            }
            int port = host.lastIndexOf(':');
            return (port < 0 ? host : host.substring(0, port)).toLowerCase(Locale.ROOT);
        }
    }
}
