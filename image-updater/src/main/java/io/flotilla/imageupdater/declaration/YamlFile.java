package io.flotilla.imageupdater.declaration;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The documents of one YAML file as the composer sees them: each with its index in the file (counting every
 * document the file separates with {@code ---}, empty ones too, as an edit's {@code document} counts them), its
 * value as plain maps, lists and strings, and its scalars with the path from the document's root and where they
 * sit in the file. Scalars read as text: {@code "true"}, {@code "1"}; YAML's null reads as null.
 */
public final class YamlFile {

    private final String path;
    private final List<Document> documents;

    private YamlFile(String path, List<Document> documents) {
        this.path = path;
        this.documents = documents;
    }

    /** One document: its index from 0, its root node (null for an empty document) and its value. */
    public record Document(int index, Node root, Object value) {

        /** The value as an object (a mapping), or an empty map when it is something else. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> object() {
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        /** Every scalar that is a value (not a key), with its path of keys and list indexes from the root. */
        public void eachValue(BiConsumer<List<String>, ScalarNode> visitor) {
            visit(root, new ArrayList<>(), visitor);
        }

        private static void visit(Node node, List<String> path, BiConsumer<List<String>, ScalarNode> visitor) {
            if (node instanceof ScalarNode scalar) {
                visitor.accept(List.copyOf(path), scalar);
            } else if (node instanceof SequenceNode sequence) {
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    path.add(Integer.toString(i));
                    visit(sequence.getValue().get(i), path, visitor);
                    path.remove(path.size() - 1);
                }
            } else if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    path.add(keyOf(tuple.getKeyNode()));
                    visit(tuple.getValueNode(), path, visitor);
                    path.remove(path.size() - 1);
                }
            }
        }
    }

    /**
     * Parses {@code text}, the content of {@code path}.
     *
     * @throws InvalidYamlException naming the file and the line where it does not parse
     */
    public static YamlFile parse(String path, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Document> documents = new ArrayList<>();
        try {
            for (Node root : new Yaml(options).composeAll(new StringReader(text))) {
                documents.add(new Document(documents.size(), root, valueOf(root)));
            }
        } catch (MarkedYAMLException e) {
            throw new InvalidYamlException(path + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + e.getProblem());
        } catch (YAMLException e) {
            throw new InvalidYamlException(path + ": not valid YAML: " + e.getMessage());
        }
        return new YamlFile(path, List.copyOf(documents));
    }

    public String path() {
        return path;
    }

    public List<Document> documents() {
        return documents;
    }

    private static Object valueOf(Node node) {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return Tag.NULL.equals(scalar.getTag()) ? null : scalar.getValue();
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            sequence.getValue().forEach(item -> list.add(valueOf(item)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            map.put(keyOf(tuple.getKeyNode()), valueOf(tuple.getValueNode()));
        }
        return map;
    }

    private static String keyOf(Node key) {
        return key instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(valueOf(key));
    }
}
