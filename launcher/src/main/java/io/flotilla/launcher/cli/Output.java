package io.flotilla.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import io.flotilla.events.EventCodec;
import io.flotilla.launcher.cli.Arguments.UsageException;

/**
 * How a reading command prints what it read: a table for people (the default), or the services' own JSON, or the
 * same as YAML, for scripts ({@code -o json}, {@code --output yaml}). JSON and YAML carry every field the API gave,
 * whatever the table leaves out.
 */
public enum Output {
    TABLE, JSON, YAML;

    static final String OPTION = "output";

    private static final ObjectMapper JSON_WRITER = EventCodec.mapper().copy()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML_WRITER = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .findAndRegisterModules();

    /** {@code -o X} written as {@code --output X}, so that {@link Arguments} reads both. */
    static List<String> longForm(List<String> args) {
        List<String> normalised = new ArrayList<>(args.size());
        for (String arg : args) {
            if (arg.equals("-o")) {
                normalised.add("--" + OPTION);
            } else if (arg.startsWith("-o") && !arg.startsWith("--")) {
                normalised.add("--" + OPTION + "=" + arg.substring(2));
            } else {
                normalised.add(arg);
            }
        }
        return normalised;
    }

    /** The output the command line asks for; a table when it asks for none. */
    static Output of(Arguments arguments) {
        String asked = arguments.value(OPTION).orElse("table");
        try {
            return valueOf(asked.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("-o takes table, json or yaml, not '" + asked + "'");
        }
    }

    /** {@code value} as JSON or YAML; for {@link #TABLE}, the table the command made. */
    String print(Object value, String table) {
        try {
            return switch (this) {
                case TABLE -> table;
                case JSON -> JSON_WRITER.writeValueAsString(value) + "\n";
                case YAML -> YAML_WRITER.writeValueAsString(value);
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print what the services answered", e);
        }
    }
}
