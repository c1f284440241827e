package io.flotilla.renderer.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;

/**
 * The objects of a manifest Helm rendered. Helm separates documents with {@code ---} and heads each with
 * {@code # Source: <chart>/templates/<file>}: that line tells a user which template made a broken object.
 * Empty documents (a template that rendered nothing) are left out.
 */
final class HelmOutput {

    private static final Pattern DOCUMENT_START = Pattern.compile("(?m)^(?=---)");
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (.+)$");

    private HelmOutput() {
    }

    /**
     * Read in one go, which is what it costs for a chart that rendered well; a manifest with something wrong is
     * read again document by document to say which template made it.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(String manifest) throws RenderException {
        try {
            List<Object> parsed = YamlDocuments.parse(manifest);
            if (parsed.stream().allMatch(HelmOutput::isObject)) {
                List<Map<String, Object>> objects = new ArrayList<>(parsed.size());
                parsed.forEach(object -> objects.add((Map<String, Object>) object));
                return objects;
            }
        } catch (InvalidYamlException e) {
            // Said below, with the template that rendered the broken document.
        }
        return byDocument(manifest);
    }

    private static boolean isObject(Object document) {
        return document instanceof Map<?, ?> map && map.get("apiVersion") instanceof String
                && map.get("kind") instanceof String;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> byDocument(String manifest) throws RenderException {
        List<Map<String, Object>> objects = new ArrayList<>();
        String source = "the rendered chart";
        for (String document : DOCUMENT_START.split(manifest)) {
            Matcher sourceLine = SOURCE.matcher(document);
            if (sourceLine.find()) {
                source = sourceLine.group(1).trim();
            }
            List<Object> parsed;
            try {
                parsed = YamlDocuments.parse(document);
            } catch (InvalidYamlException e) {
                throw new RenderException(source + ": " + e.getMessage(), e);
            }
            for (Object object : parsed) {
                if (!isObject(object)) {
                    throw new RenderException(source + ": rendered a document that is not a Kubernetes object"
                            + " (no apiVersion or kind)");
                }
                objects.add((Map<String, Object>) object);
            }
        }
        return objects;
    }
}
