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

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(String manifest) throws RenderException {
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
                if (!(object instanceof Map<?, ?> map)
                        || !(map.get("apiVersion") instanceof String) || !(map.get("kind") instanceof String)) {
                    throw new RenderException(source + ": rendered a document that is not a Kubernetes object"
                            + " (no apiVersion or kind)");
                }
                objects.add((Map<String, Object>) map);
            }
        }
        return objects;
    }
}
