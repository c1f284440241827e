package io.flotilla.renderer.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Documents built straight from SnakeYAML's parser events, without the node graph its loader composes first and
 * then walks: half the work for what nearly every manifest and values file is. Only documents with none of what
 * needs that graph are read here; a document with an anchor, an alias, an explicit tag, a merge key or nesting
 * near the loader's limit, or text that is no YAML, makes {@link #read} answer null, and the loader reads the whole
 * text instead, with its own result or its own message. What this reads, it reads as the loader does: the same
 * resolver and scalar constructors, maps in order, and a key given twice taking its last value at its last place.
 */
final class EventDocuments {

    /** Said by {@link #read} to hand the text to the loader; never seen outside. */
    private static final class NeedsLoader extends RuntimeException {
        NeedsLoader() {
            super(null, null, false, false);
        }
    }

    private static final NeedsLoader NEEDS_LOADER = new NeedsLoader();
    private static final String NON_SPECIFIC_TAG = "!";

    private final LoaderOptions options;
    private final Resolver resolver;
    private final Scalars scalars;

    EventDocuments(LoaderOptions options, Resolver resolver) {
        this.options = options;
        this.resolver = resolver;
        this.scalars = new Scalars(options);
    }

    /** The text's documents, empty ones left out; null when the loader must read it. */
    List<Object> read(String text) {
        Parser parser = new ParserImpl(new StreamReader(text), options);
        List<Object> documents = new ArrayList<>();
        try {
            parser.getEvent();
            while (!parser.checkEvent(Event.ID.StreamEnd)) {
                parser.getEvent();
                Object document = node(parser, 0);
                parser.getEvent();
                if (document != null) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Object node(Parser parser, int depth) {
        Event event = parser.getEvent();
        if (!(event instanceof NodeEvent node) || node.getAnchor() != null) {
            throw NEEDS_LOADER;
        }
        if (event instanceof ScalarEvent scalar) {
            return scalar(scalar);
        }
        CollectionStartEvent collection = (CollectionStartEvent) event;
        if (!isResolved(collection.getTag()) || depth + 1 >= options.getNestingDepthLimit()) {
            throw NEEDS_LOADER;
        }
        if (event.is(Event.ID.SequenceStart)) {
            List<Object> items = new ArrayList<>();
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                items.add(node(parser, depth + 1));
            }
            parser.getEvent();
            return items;
        }
        Map<Object, Object> fields = new LinkedHashMap<>();
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            if (!parser.checkEvent(Event.ID.Scalar)) {
                throw NEEDS_LOADER;
            }
            Object key = node(parser, depth + 1);
            Object value = node(parser, depth + 1);
            fields.remove(key);
            fields.put(key, value);
        }
        parser.getEvent();
        return fields;
    }

    private Object scalar(ScalarEvent event) {
        if (!isResolved(event.getTag())) {
            throw NEEDS_LOADER;
        }
        Tag tag = resolver.resolve(NodeId.scalar, event.getValue(), event.getImplicit().canOmitTagInPlainScalar());
        if (Tag.STR.equals(tag)) {
            return event.getValue();
        }
        if (Tag.MERGE.equals(tag)) {
            throw NEEDS_LOADER;
        }
        return scalars.construct(tag, event.getValue());
    }

    /** Whether the node's type is left to the resolver, as for all but explicitly tagged nodes. */
    private static boolean isResolved(String tag) {
        return tag == null || NON_SPECIFIC_TAG.equals(tag);
    }

    /** The loader's own constructors for the scalar types the resolver finds: booleans, numbers, null. */
    private static final class Scalars extends SafeConstructor {

        Scalars(LoaderOptions options) {
            super(options);
        }

        Object construct(Tag tag, String value) {
            return yamlConstructors.get(tag)
                    .construct(new ScalarNode(tag, value, null, null, DumperOptions.ScalarStyle.PLAIN));
        }
    }
}
