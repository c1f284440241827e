package io.flotilla.launcher.cli;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.Service;

/**
 * What {@code ./flotilla up --instances} asks for: a number for every service ({@code --instances 2}) or one per
 * service named ({@code --instances renderer=2,applier=3}); a service not named runs once.
 */
public final class InstanceCounts {

    private InstanceCounts() {
    }

    /** The instances of each service that {@code value} names; a mistake in it is a usage error that says which. */
    public static Map<Service, Integer> parse(String value) {
        Map<Service, Integer> counts = new EnumMap<>(Service.class);
        if (!value.contains("=")) {
            int every = count(value, "--instances");
            Arrays.stream(Service.values()).forEach(service -> counts.put(service, every));
            return counts;
        }
        for (String entry : value.split(",")) {
            String[] parts = entry.strip().split("=", 2);
            if (parts.length != 2) {
                throw new UsageException("--instances takes a number or SERVICE=N,...; '" + entry + "' is neither");
            }
            Service service = Arrays.stream(Service.values()).filter(s -> s.module().equals(parts[0].strip()))
                    .findFirst().orElseThrow(() -> new UsageException("--instances: no service '" + parts[0].strip()
                            + "'; the services are " + String.join(", ",
                                    Arrays.stream(Service.values()).map(Service::module).toList())));
            counts.put(service, count(parts[1], service.module()));
        }
        return counts;
    }

    private static int count(String value, String what) {
        try {
            int count = Integer.parseInt(value.strip());
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new UsageException(what + ": '" + value.strip() + "' is not a number of instances (1 or more)");
    }
}
