package io.flotilla.gitwatcher.autorelease;

import java.io.StringReader;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds one scalar of a YAML file by document and path, with where its text starts and ends in the file. The
 * parser's marks give the place, so that a writer changes only the scalar's own characters. Documents are counted
 * as the YAML stream has them, from 0, an empty one ({@code ---} followed by nothing) included.
 */
final class YamlScalars {

    /** Far more than a config file; past it the file is reported as unreadable rather than parsed. */
    private static final int MAX_CODE_POINTS = 16 * 1024 * 1024;

    private YamlScalars() {
    }

    /**
     * The scalar at {@code path} (mapping keys, and sequence indexes as decimal strings) of document {@code document}.
     *
     * @throws EditRefusedException when the file is no YAML, or the path leads nowhere or to something not a scalar
     */
    static YamlScalar find(String text, int document, List<String> path) {
        Node root = document(text, document);
        Node node = root;
        for (int i = 0; i < path.size(); i++) {
            node = child(node, path.get(i), path.subList(0, i + 1));
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw new EditRefusedException(describe(path) + " is not a scalar");
        }
        if (scalar.getStartMark() == null || scalar.getEndMark() == null) {
            throw new EditRefusedException(describe(path) + " has no place in the file");
        }
        if (scalar.getAnchor() != null) {
            // Other places may alias it: changing it there would change them too.
            throw new EditRefusedException(describe(path) + " is the anchor &" + scalar.getAnchor()
                    + ", shared by its aliases");
        }
        int start = text.offsetByCodePoints(0, scalar.getStartMark().getIndex());
        int end = text.offsetByCodePoints(0, scalar.getEndMark().getIndex());
        return new YamlScalar(scalar.getValue(), start, end, scalar.getScalarStyle(), scalar.getTag());
    }

    private static Node document(String text, int index) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        int count = 0;
        try {
            for (Node node : new Yaml(options).composeAll(new StringReader(text))) {
                if (count++ == index) {
                    return node;
                }
            }
        } catch (YAMLException e) {
            throw new EditRefusedException("is not readable YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        throw new EditRefusedException("has " + count + " YAML document(s), no document " + index);
    }

    private static Node child(Node node, String key, List<String> pathSoFar) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple entry : mapping.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)) {
                    return entry.getValueNode();
                }
            }
        } else if (node instanceof SequenceNode sequence && key.matches("\\d{1,9}")) {
            int index = Integer.parseInt(key);
            if (index < sequence.getValue().size()) {
                return sequence.getValue().get(index);
            }
        }
        throw new EditRefusedException("has no " + describe(pathSoFar));
    }

    static String describe(List<String> path) {
        return path.isEmpty() ? "document root" : String.join(".", path);
    }
}
