package io.flotilla.launcher.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.flotilla.launcher.stack.StackException;

/**
 * The command line's config file, as a kubeconfig is kubectl's: named servers (a remote Flotilla's observer and
 * applier, or one gateway URL that serves both), each with the token the command line sends it, and the one in use.
 * <pre>
 * current-context: prod
 * servers:
 *   prod:
 *     gateway: https://flotilla.example.com
 *     token: ...
 *   lab:
 *     observer: http://lab-1:8080
 *     applier: http://lab-1:8083
 * </pre>
 * Without a current context the command line talks to the stack {@code ./flotilla up} runs here.
 *
 * @param currentContext the server in use; null for the local stack
 * @param servers        by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CliConfig(@JsonProperty("current-context") String currentContext,
        @JsonProperty("servers") Map<String, Server> servers) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public CliConfig {
        servers = servers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(servers));
    }

    /** No server, no context: the local stack. */
    public static CliConfig empty() {
        return new CliConfig(null, Map.of());
    }

    /**
     * One Flotilla the command line can talk to.
     *
     * @param gateway  one URL serving both services' APIs; or null, and then {@code observer} and {@code applier}
     * @param token    sent as {@code Authorization: Bearer <token>}; null for none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Server(String gateway, String observer, String applier, String token) {

        /** The observer's base URL. */
        public String observerUrl() {
            return gateway != null ? gateway : observer;
        }

        /** The applier's base URL. */
        public String applierUrl() {
            return gateway != null ? gateway : applier;
        }

        /** The same, its token hidden: what {@code config view} prints. */
        Server redacted() {
            return new Server(gateway, observer, applier, token == null ? null : "REDACTED");
        }

        /** Why the server cannot be used, or empty when it can. */
        Optional<String> mistake() {
            if (gateway != null && (observer != null || applier != null)) {
                return Optional.of("has a gateway and observer/applier URLs; give either the gateway or both others");
            }
            if (gateway == null && (observer == null || applier == null)) {
                return Optional.of("needs a gateway URL, or both an observer and an applier URL");
            }
            for (String url : new String[] {gateway, observer, applier}) {
                if (url != null && !isHttpUrl(url)) {
                    return Optional.of("'" + url + "' is not an http:// or https:// URL");
                }
            }
            if (token != null && token.isBlank()) {
                return Optional.of("has an empty token; leave the token out to send none");
            }
            return Optional.empty();
        }
    }

    /**
     * Reads the file; a file that does not exist is an empty config. A file that cannot be read, or says something
     * that cannot be used, is a {@link StackException} naming the file and the reason.
     */
    public static CliConfig read(Path file) {
        CliConfig config;
        try {
            String text = Files.readString(file);
            config = text.isBlank() ? empty() : YAML.readValue(text, CliConfig.class);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (UnrecognizedPropertyException e) {
            throw new StackException("config file " + file + ": " + path(e) + " is not a setting (known: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                    + ")", e);
        } catch (JsonMappingException e) {
            throw new StackException("config file " + file + ": " + path(e) + ": " + firstLine(e.getOriginalMessage()),
                    e);
        } catch (JsonProcessingException e) {
            throw new StackException("config file " + file + (e.getLocation() == null ? "" : ", line "
                    + e.getLocation().getLineNr()) + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new StackException("config file " + file + ": " + firstLine(e.getMessage()), e);
        }
        config.servers().forEach((name, server) -> server.mistake().ifPresent(mistake -> {
            throw new StackException("config file " + file + ": server '" + name + "' " + mistake);
        }));
        if (config.currentContext() != null && !config.servers().containsKey(config.currentContext())) {
            throw new StackException("config file " + file + ": current-context '" + config.currentContext()
                    + "' names no server (servers: " + String.join(", ", config.servers().keySet()) + ")");
        }
        return config;
    }

    /** Writes the file (and its folder), readable by its owner alone where the file system allows: it holds tokens. */
    public void write(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, ".config", ".tmp");
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temporary, YAML.writeValueAsString(this));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StackException("config file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** The server in use, if the config names one. */
    public Optional<Server> current() {
        return Optional.ofNullable(currentContext).map(servers::get);
    }

    /** The config with {@code server} added or replaced under {@code name}; the first server added is the current one. */
    public CliConfig withServer(String name, Server server) {
        Map<String, Server> changed = new TreeMap<>(servers);
        changed.put(name, server);
        return new CliConfig(currentContext == null ? name : currentContext, changed);
    }

    /** The config using the server {@code name}. */
    public CliConfig using(String name) {
        return new CliConfig(name, servers);
    }

    /** The config as {@code config view} prints it: every token hidden. */
    public String redactedYaml() {
        Map<String, Server> redacted = new TreeMap<>();
        servers.forEach((name, server) -> redacted.put(name, server.redacted()));
        try {
            return YAML.writeValueAsString(new CliConfig(currentContext, redacted));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the config cannot be written as YAML", e);
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Where in the file a mistake is, as {@code servers.prod.tokn}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
