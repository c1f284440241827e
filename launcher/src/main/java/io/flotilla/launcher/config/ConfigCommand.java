package io.flotilla.launcher.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla config}: the servers the command line talks to, kept in its config file ({@link CliConfig}).
 * <ul>
 * <li>{@code set-server NAME (--gateway URL | --observer URL --applier URL) [--token TOKEN]}: adds or replaces a
 * server; the first one added is used from then on;</li>
 * <li>{@code use NAME}: talk to that server from now on ({@code use local}: to the stack here);</li>
 * <li>{@code view}: the file, every token shown as {@code REDACTED}.</li>
 * </ul>
 */
public final class ConfigCommand {

    /** The name {@code use} takes for the stack {@code ./flotilla up} runs on this machine. */
    public static final String LOCAL = "local";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private ConfigCommand() {
    }

    /** @return what to print */
    public static String run(List<String> args, Path file) {
        if (args.isEmpty()) {
            throw new UsageException("'config' takes set-server, use or view");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "set-server" -> setServer(rest, file);
            case "use" -> use(rest, file);
            case "view" -> {
                Arguments.parse("config view", rest, Set.of());
                yield "# " + file + "\n" + CliConfig.read(file).redactedYaml();
            }
            default -> throw new UsageException("'config " + args.get(0) + "' is no command: 'config' takes"
                    + " set-server, use or view");
        };
    }

    private static String setServer(List<String> args, Path file) {
        Arguments arguments = Arguments.parse("config set-server", args, Set.of("gateway", "observer", "applier",
                "token"), Set.of(), 1);
        String name = serverName(arguments, "config set-server");
        CliConfig.Server server = new CliConfig.Server(arguments.value("gateway").orElse(null),
                arguments.value("observer").orElse(null), arguments.value("applier").orElse(null),
                arguments.value("token").orElse(null));
        server.mistake().ifPresent(mistake -> {
            throw new UsageException("server '" + name + "' " + mistake);
        });
        CliConfig config = CliConfig.read(file).withServer(name, server);
        config.write(file);
        return "Server " + name + " set in " + file + (name.equals(config.currentContext())
                ? "; in use (" + name + ")" : "; ./flotilla config use " + name + " to talk to it") + ".\n";
    }

    private static String use(List<String> args, Path file) {
        Arguments arguments = Arguments.parse("config use", args, Set.of(), Set.of(), 1);
        String name = arguments.plain().isEmpty() ? null : arguments.plain().get(0);
        if (name == null) {
            throw new UsageException("'config use' takes a server's name, or local");
        }
        CliConfig config = CliConfig.read(file);
        if (name.equals(LOCAL)) {
            config.using(null).write(file);
            return "Using the stack ./flotilla up runs here.\n";
        }
        if (!config.servers().containsKey(name)) {
            throw new StackException("no server named '" + name + "' in " + file + " (servers: "
                    + (config.servers().isEmpty() ? "none; add one with ./flotilla config set-server"
                            : String.join(", ", config.servers().keySet())) + ")");
        }
        config.using(name).write(file);
        return "Using server " + name + ".\n";
    }

    private static String serverName(Arguments arguments, String command) {
        if (arguments.plain().isEmpty()) {
            throw new UsageException("'" + command + "' takes a server's name");
        }
        String name = arguments.plain().get(0);
        if (name.equals(LOCAL)) {
            throw new UsageException("'" + LOCAL + "' is the stack here; give the server another name");
        }
        if (name.length() > 63 || !NAME.matcher(name).matches()) {
            throw new UsageException("server name '" + name + "' is not valid: lower-case letters, digits and '-',"
                    + " starting and ending with a letter or digit, at most 63 characters");
        }
        return name;
    }
}
