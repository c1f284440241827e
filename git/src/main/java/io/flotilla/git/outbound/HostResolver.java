package io.flotilla.git.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** How a host name becomes addresses: the system's DNS, or in tests a name whose answer changes (rebinding). */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
