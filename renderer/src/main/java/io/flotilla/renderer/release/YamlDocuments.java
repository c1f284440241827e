package io.flotilla.renderer.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Multi-document YAML as Kubernetes reads it: each document becomes maps, lists and scalars, with
 * anchors, aliases and merge keys expanded and timestamps left as strings; empty documents (a lone
 * {@code ---}, only comments) are left out. A document whose aliases would multiply it beyond reason
 * (a YAML bomb) is refused rather than expanded.
 */
public final class YamlDocuments {

    /** As many aliases of collections as real manifests use, far fewer than a bomb needs. */
    private static final int MAX_COLLECTION_ALIASES = 50;

    /** A reader is costly to build and not thread-safe: each thread keeps its own. */
    private static final ThreadLocal<Readers> READERS = ThreadLocal.withInitial(YamlDocuments::readers);

    /**
     * The two ways of reading a text: from the parser's events where the text allows it ({@link EventDocuments}),
     * else SnakeYAML's loader.
     */
    private record Readers(EventDocuments events, Yaml loader) {
    }

    private YamlDocuments() {
    }

    public static List<Object> parse(String text) throws InvalidYamlException {
        Readers readers = READERS.get();
        List<Object> read = readers.events().read(text);
        return read != null ? read : load(readers.loader(), text);
    }

    private static List<Object> load(Yaml loader, String text) throws InvalidYamlException {
        List<Object> documents = new ArrayList<>();
        try {
            for (Object document : loader.loadAll(text)) {
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (MarkedYAMLException e) {
            throw invalid(e);
        } catch (YAMLException e) {
            throw new InvalidYamlException(1, 1, e.getMessage(), e);
        }
        return documents;
    }

    /** Far more than any config file; a file over it is reported as unreadable. */
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    private static Readers readers() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        // Past SnakeYAML's 3 MB default: a HelmRelease with values that large is read, so that it fails on its
        // values' size, naming them (flotilla.renderer.max-values-bytes), rather than as a file that is no YAML.
        options.setCodePointLimit(MAX_CODE_POINTS);
        DumperOptions unused = new DumperOptions();
        KubernetesResolver resolver = new KubernetesResolver();
        return new Readers(new EventDocuments(options, resolver),
                new Yaml(new SafeConstructor(options), new Representer(unused), unused, options, resolver));
    }

    private static InvalidYamlException invalid(MarkedYAMLException e) {
        Mark mark = e.getProblemMark();
        String reason = e.getContext() == null ? e.getProblem() : e.getContext() + ": " + e.getProblem();
        if (mark == null) {
            return new InvalidYamlException(1, 1, reason, e);
        }
        return new InvalidYamlException(mark.getLine() + 1, mark.getColumn() + 1, reason, e);
    }

    /**
     * YAML's implicit types less timestamps: Kubernetes and Helm keep a date-like value a string. SnakeYAML finds a
     * plain scalar's type by matching it against a regular expression for each type its first character may begin
     * (and, last, the empty string's).
     */
    static class KubernetesTypes extends Resolver {

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }

    /**
     * {@link KubernetesTypes} with words found by lookup: SnakeYAML's way costs a {@link java.util.regex.Matcher} per
     * type per scalar, a third of what reading Helm's output allocated. The outcome is the same; a scalar that may be a
     * number or a merge key still goes through the expressions.
     */
    static final class KubernetesResolver extends KubernetesTypes {

        /** What {@link Resolver#BOOL} matches. */
        private static final Set<String> BOOLEANS = Set.of("yes", "Yes", "YES", "no", "No", "NO", "true", "True",
                "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
        /** What {@link Resolver#NULL} matches among the scalars it is tried on: those that begin with {@code ~nN}. */
        private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");
        /** The first characters of {@link #INT}, {@link #FLOAT} and {@link #MERGE}. */
        private static final String BY_EXPRESSION = "-+0123456789.<";

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind != NodeId.scalar || !implicit || value.isEmpty() || BY_EXPRESSION.indexOf(value.charAt(0)) >= 0) {
                return super.resolve(kind, value, implicit);
            }
            if (BOOLEANS.contains(value)) {
                return Tag.BOOL;
            }
            return NULLS.contains(value) ? Tag.NULL : Tag.STR;
        }
    }
}
