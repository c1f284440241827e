package io.flotilla.embedded.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a launcher process: options that each take a value ({@code --port 9092}), an option given
 * again adding a value. A mistake in it stops the process with exit code 2, saying what is wrong and how to call it.
 */
public final class CommandLine {

    private final String usage;
    private final Map<String, List<String>> values;

    private CommandLine(String usage, Map<String, List<String>> values) {
        this.usage = usage;
        this.values = values;
    }

    /** Reads {@code args}, in which only the {@code options} named may stand, each followed by its value. */
    public static CommandLine read(String[] args, String usage, String... options) {
        Set<String> known = Set.of(options);
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!known.contains(args[i])) {
                exitWithUsage("unknown argument " + args[i], usage);
            }
            if (i + 1 >= args.length) {
                exitWithUsage(args[i] + " needs a value", usage);
            }
            values.computeIfAbsent(args[i], option -> new ArrayList<>()).add(args[i + 1]);
            i++;
        }
        return new CommandLine(usage, values);
    }

    /** Every value given to {@code option}, in order; empty when it is not given. */
    public List<String> values(String option) {
        return values.getOrDefault(option, List.of());
    }

    /** The value of {@code option} (the last, if given more than once), or {@code fallback}. */
    public String value(String option, String fallback) {
        List<String> given = values(option);
        return given.isEmpty() ? fallback : given.get(given.size() - 1);
    }

    /** The path {@code option} names; the process stops when it is not given. */
    public Path requiredPath(String option) {
        String value = value(option, null);
        if (value == null) {
            fail(option + " is required");
        }
        return Path.of(value);
    }

    /** The port number {@code option} gives, 0 (a free port) when it is not given. */
    public int port(String option) {
        String value = value(option, "0");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            fail("'" + value + "' is not a port number");
            return 0;
        }
    }

    /** Stops the process with exit code 2 after saying what is wrong and how to call it. */
    public void fail(String problem) {
        exitWithUsage(problem, usage);
    }

    private static void exitWithUsage(String problem, String usage) {
        System.err.println(problem);
        System.err.println("usage: " + usage);
        System.exit(2);
    }
}
