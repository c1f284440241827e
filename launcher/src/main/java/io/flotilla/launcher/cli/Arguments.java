package io.flotilla.launcher.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value}, repeatable, and flags ({@code --all}) and plain arguments
 * where a command takes them, checked against what the command takes.
 */
public final class Arguments {

    private final String command;
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> plain = new ArrayList<>();

    private Arguments(String command) {
        this.command = command;
    }

    /** Parses {@code args} for {@code command}, refusing options it does not take and plain arguments. */
    public static Arguments parse(String command, List<String> args, Set<String> accepted) {
        return parse(command, args, accepted, Set.of(), 0);
    }

    /**
     * Parses {@code args} for {@code command}, refusing options and flags it does not take, and more plain arguments
     * than {@code maxPlain}.
     *
     * @param flags options that take no value: present or not
     */
    public static Arguments parse(String command, List<String> args, Set<String> accepted, Set<String> flags,
            int maxPlain) {
        Arguments parsed = new Arguments(command);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (parsed.plain.size() >= maxPlain) {
                    throw new UsageException("'" + command + "' takes no argument '" + arg + "'");
                }
                parsed.plain.add(arg);
                continue;
            }
            if (flags.contains(arg.substring(2))) {
                parsed.options.computeIfAbsent(arg.substring(2), k -> new ArrayList<>()).add("true");
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (!accepted.contains(name)) {
                throw new UsageException("'" + command + "' has no option --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return parsed;
    }

    public Optional<String> value(String name) {
        List<String> values = options.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new UsageException("--" + name + " is given " + values.size() + " times; '" + command + "' takes one");
        }
        return values.stream().findFirst();
    }

    public List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    public int intValue(String name, int defaultValue) {
        return value(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " takes a whole number, not '" + v + "'");
            }
        }).orElse(defaultValue);
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** The plain arguments (not options), in order. */
    public List<String> plain() {
        return List.copyOf(plain);
    }

    /** A mistake in the command line: printed with the usage, exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
