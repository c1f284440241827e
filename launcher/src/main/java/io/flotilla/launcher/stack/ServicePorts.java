package io.flotilla.launcher.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Each service's HTTP port, as the checkout's {@value #FILE} defines them once for the launcher and for docker
 * compose (which reads that file by itself): lines {@code FLOTILLA_<SERVICE>_PORT=8080}, {@code #} comments.
 */
public final class ServicePorts {

    public static final String FILE = ".env";

    private final Map<Service, Integer> ports;

    private ServicePorts(Map<Service, Integer> ports) {
        this.ports = ports;
    }

    /** The ports of the Flotilla checkout at {@code home}. */
    public static ServicePorts read(Path home) {
        Path file = home.resolve(FILE);
        Map<String, String> variables = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String entry = line.strip();
                int equals = entry.indexOf('=');
                if (!entry.isEmpty() && !entry.startsWith("#") && equals > 0) {
                    variables.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new StackException("cannot read the services' ports from " + file + ": " + e.getMessage(), e);
        }
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            String value = variables.get(service.portVariable());
            if (value == null) {
                throw new StackException(file + ": " + service.portVariable() + " is missing; add "
                        + service.portVariable() + "=<port> for the " + service.module());
            }
            try {
                ports.put(service, Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new StackException(file + ": " + service.portVariable() + "='" + value + "' is not a port number");
            }
        }
        return new ServicePorts(ports);
    }

    public int of(Service service) {
        return ports.get(service);
    }
}
