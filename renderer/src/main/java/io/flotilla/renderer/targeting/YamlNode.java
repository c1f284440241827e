package io.flotilla.renderer.targeting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML value with the line it starts on, so that a message about the targeting file can say where to look: a
 * plain tree (mappings, sequences, scalars) read with Jackson's streaming parser, which knows each token's location.
 *
 * @param value a {@code Map<String, YamlNode>} (in file order), a {@code List<YamlNode>}, a String, Number or
 *              Boolean, or null
 * @param line  the line the value starts on, from 1
 */
record YamlNode(Object value, int line) {

    private static final YAMLFactory YAML = new YAMLFactory();

    /**
     * The first document of {@code text}; a node of null value for an empty text.
     *
     * @throws InvalidTargetingException when the text is not YAML, or a mapping has a key twice
     */
    static YamlNode parse(String text) throws InvalidTargetingException {
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                return new YamlNode(null, 1);
            }
            return read(parser);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                String context = marked.getContext() == null ? "" : marked.getContext() + ", ";
                throw new InvalidTargetingException(marked.getProblemMark().getLine() + 1,
                        "not valid YAML: " + context + marked.getProblem());
            }
            JsonLocation location = e.getLocation();
            throw new InvalidTargetingException(location == null ? 0 : location.getLineNr(),
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidTargetingException(0, "cannot be read: " + e.getMessage());
        }
    }

    private static YamlNode read(JsonParser parser) throws IOException, InvalidTargetingException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    parser.nextToken();
                    if (fields.put(key, read(parser)) != null) {
                        throw new InvalidTargetingException(keyLine, "key '" + key + "' is given twice");
                    }
                }
                return new YamlNode(fields, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser));
                }
                return new YamlNode(items, line);
            }
            case VALUE_STRING -> {
                return new YamlNode(parser.getText(), line);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YamlNode(parser.getNumberValue(), line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode(parser.getBooleanValue(), line);
            }
            case VALUE_NULL -> {
                return new YamlNode(null, line);
            }
            default -> throw new InvalidTargetingException(line, "unexpected YAML content: " + token);
        }
    }

    boolean isMapping() {
        return value instanceof Map<?, ?>;
    }

    @SuppressWarnings("unchecked")
    Map<String, YamlNode> fields() {
        return (Map<String, YamlNode>) value;
    }

    @SuppressWarnings("unchecked")
    List<YamlNode> items() {
        return (List<YamlNode>) value;
    }

    /** The value as plain Java (maps, lists, scalars), as values files are read. */
    Object plain() {
        if (value instanceof Map<?, ?>) {
            Map<String, Object> plain = new LinkedHashMap<>();
            fields().forEach((key, node) -> plain.put(key, node.plain()));
            return plain;
        }
        if (value instanceof List<?>) {
            return items().stream().map(YamlNode::plain).toList();
        }
        return value;
    }
}
