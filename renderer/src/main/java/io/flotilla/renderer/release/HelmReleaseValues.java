package io.flotilla.renderer.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.renderer.release.ValuesLayer.ChartFile;
import io.flotilla.renderer.release.ValuesLayer.External;
import io.flotilla.renderer.release.ValuesLayer.Read;

/**
 * The values a HelmRelease gives its chart: {@code spec.valuesFrom} in order, then the inline
 * {@code spec.values} over them. ConfigMaps and Secrets are looked up among the repository's own objects; an
 * optional source that is missing is skipped, a required one fails the release.
 */
final class HelmReleaseValues {

    private static final String DEFAULT_KEY = "values.yaml";

    private HelmReleaseValues() {
    }

    static Map<String, Object> inline(Fields fields) throws InvalidFieldException {
        return fields.mapping("spec.values").orElse(Map.of());
    }

    /** Flux v2: {@code {kind: ConfigMap|Secret, name, valuesKey, targetPath, optional}} in the release's namespace. */
    static List<ValuesLayer> fluxV2(Fields fields, String namespace, RepositoryValues repository)
            throws InvalidFieldException {
        return valuesFrom(fields, (reference, field) -> {
            String kind = reference.requiredText("kind");
            if (!kind.equals(RepositoryValues.CONFIG_MAP) && !kind.equals(RepositoryValues.SECRET)) {
                throw new InvalidFieldException(field + ".kind '" + kind + "' must be ConfigMap or Secret");
            }
            String name = reference.requiredText("name");
            String key = reference.text("valuesKey").orElse(DEFAULT_KEY);
            Optional<String> targetPath = reference.text("targetPath");
            Optional<String> text = lookUp(repository, kind, namespace, name, key, reference.flag("optional"), field);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> values = targetPath.isPresent()
                    ? HelmValues.at(targetPath.get(), text.get())
                    : parse(text.get(), field, kind, namespace, name, key);
            return Optional.of(new Read(field, values, kind.equals(RepositoryValues.SECRET)));
        });
    }

    /**
     * Flux v1 (Helm Operator): {@code configMapKeyRef} and {@code secretKeyRef} ({@code name}, {@code namespace},
     * {@code key}), {@code externalSourceRef} ({@code url}) and {@code chartFileRef} ({@code path}), each with
     * {@code optional}.
     */
    static List<ValuesLayer> fluxV1(Fields fields, String namespace, RepositoryValues repository)
            throws InvalidFieldException {
        return valuesFrom(fields, (source, field) -> {
            if (source.has("configMapKeyRef") || source.has("secretKeyRef")) {
                String ref = source.has("configMapKeyRef") ? "configMapKeyRef" : "secretKeyRef";
                String kind = ref.equals("configMapKeyRef") ? RepositoryValues.CONFIG_MAP : RepositoryValues.SECRET;
                String name = source.requiredText(ref + ".name");
                String objectNamespace = source.text(ref + ".namespace").orElse(namespace);
                String key = source.text(ref + ".key").orElse(DEFAULT_KEY);
                Optional<String> text = lookUp(repository, kind, objectNamespace, name, key,
                        source.flag(ref + ".optional"), field + "." + ref);
                return text.isEmpty() ? Optional.empty() : Optional.of(new Read(field,
                        parse(text.get(), field + "." + ref, kind, objectNamespace, name, key),
                        kind.equals(RepositoryValues.SECRET)));
            }
            if (source.has("externalSourceRef")) {
                return Optional.of(new External(field + ".externalSourceRef",
                        source.requiredText("externalSourceRef.url"), source.flag("externalSourceRef.optional")));
            }
            if (source.has("chartFileRef")) {
                return Optional.of(new ChartFile(field + ".chartFileRef", source.requiredText("chartFileRef.path"),
                        source.flag("chartFileRef.optional")));
            }
            throw new InvalidFieldException(field + " must have one of configMapKeyRef, secretKeyRef,"
                    + " externalSourceRef, chartFileRef");
        });
    }

    /** One entry of {@code spec.valuesFrom} read: its layer, or none when an optional source is missing. */
    @FunctionalInterface
    private interface EntryReading {
        Optional<ValuesLayer> read(Fields entry, String field) throws InvalidFieldException;
    }

    /** Every entry of {@code spec.valuesFrom}, in order, each a mapping named by its field for messages. */
    private static List<ValuesLayer> valuesFrom(Fields fields, EntryReading reading) throws InvalidFieldException {
        List<ValuesLayer> layers = new ArrayList<>();
        int index = 0;
        for (Object entry : fields.list("spec.valuesFrom")) {
            String field = "spec.valuesFrom[" + index++ + "]";
            reading.read(entry(entry, field), field).ifPresent(layers::add);
        }
        return layers;
    }

    /** An entry of a list of mappings, such as {@code spec.valuesFrom[1]}, read by field. */
    static Fields entry(Object entry, String field) throws InvalidFieldException {
        if (!(entry instanceof Map<?, ?> map)) {
            throw new InvalidFieldException(field + " must be a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return new Fields(typed);
    }

    private static Optional<String> lookUp(RepositoryValues repository, String kind, String namespace, String name,
            String key, boolean optional, String field) throws InvalidFieldException {
        if (!repository.has(kind, namespace, name)) {
            if (optional) {
                return Optional.empty();
            }
            throw new InvalidFieldException(field + ": " + kind + " " + namespace + "/" + name
                    + " is not in the repository");
        }
        Optional<String> text = repository.text(kind, namespace, name, key);
        if (text.isEmpty() && !optional) {
            throw new InvalidFieldException(field + ": " + kind + " " + namespace + "/" + name + " has no key '"
                    + key + "'");
        }
        return text;
    }

    private static Map<String, Object> parse(String text, String field, String kind, String namespace, String name,
            String key) throws InvalidFieldException {
        try {
            return HelmValues.parse(text);
        } catch (InvalidFieldException e) {
            throw new InvalidFieldException(field + ": " + kind + " " + namespace + "/" + name + " key '" + key
                    + "' " + e.getMessage());
        }
    }
}
