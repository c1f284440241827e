package io.flotilla.imageupdater.declaration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.flotilla.imageupdater.policy.FluxV1Filter;
import io.flotilla.imageupdater.policy.PolicySyntaxException;
import io.flotilla.imageupdater.policy.TagPolicy;
import io.flotilla.imageupdater.registry.ImageRepository;

/**
 * The image automation a Flux v1 HelmRelease ({@code helm.fluxcd.io/v1}) declares, read as Flux v1 read it. A
 * release is automated when it says {@code fluxcd.io/automated: "true"} and not {@code fluxcd.io/locked: "true"}.
 * The older names of these annotations ({@code flux.weave.works/automated}, {@code fluxcd.io/tag.<container>}...)
 * are read as the current ones ({@link FluxV1Annotations}).
 * Its images are found under {@code spec.values}:
 * <ul>
 * <li>{@code chart-image}: {@code image}, either {@code repository} and {@code tag} fields under it or one
 * {@code repo/app:tag} string (with a {@code tag} beside it, the string is the repository alone);</li>
 * <li>any other container: {@code <container>.image}, in the same forms;</li>
 * <li>a container mapped by {@code repository.fluxcd.io/<container>} (a dot path under {@code spec.values}), with
 * {@code tag.fluxcd.io/<container>} for a separate tag and {@code registry.fluxcd.io/<container>} for a separate
 * registry; without a tag path, the repository path holds the whole reference. A mapping wins over what is found
 * at {@code <container>.image}.</li>
 * </ul>
 * Each image follows its {@code filter.fluxcd.io/<container>} ({@link FluxV1Filter}); an image with none takes the
 * most recently built tag, as {@code glob:*} does, which is what Flux v1 did. A container that an annotation names
 * must be there, a string where a string is meant, with a tag: otherwise the release is refused with a
 * {@link DeclarationException}. Images found without being named are skipped when they are not in that shape,
 * since {@code image} keys in values are not always images.
 */
public final class FluxV1Automations {

    /** The container name of the image at {@code spec.values.image}. */
    public static final String CHART_IMAGE = "chart-image";

    private static final String API_VERSION = "helm.fluxcd.io/v1";
    private static final String AUTOMATED = "fluxcd.io/automated";
    private static final String LOCKED = "fluxcd.io/locked";
    private static final String FILTER = "filter.fluxcd.io/";
    private static final String REPOSITORY = "repository.fluxcd.io/";
    private static final String TAG = "tag.fluxcd.io/";
    private static final String REGISTRY = "registry.fluxcd.io/";
    private static final List<String> MAPPING_PREFIXES = List.of(FILTER, REPOSITORY, TAG, REGISTRY);
    private static final String VALUES = "spec.values";
    private static final TagPolicy NEWEST_BUILT = FluxV1Filter.parse("glob:*");
    private static final Comparator<String> CHART_IMAGE_FIRST = Comparator
            .comparing((String container) -> !container.equals(CHART_IMAGE)).thenComparing(Comparator.naturalOrder());

    private FluxV1Automations() {
    }

    /**
     * The automated images of {@code object}, {@code chart-image} first, then by container name; none for an
     * object that is no Flux v1 HelmRelease, or is not automated, or is locked.
     *
     * @param source the file the object was read from, for messages
     * @param object the object as YAML parses it
     */
    public static List<Automation> read(String source, Map<String, ?> object) throws DeclarationException {
        if (!API_VERSION.equals(object.get("apiVersion")) || !"HelmRelease".equals(object.get("kind"))) {
            return List.of();
        }
        Map<?, ?> metadata = map(object.get("metadata"));
        FluxV1Annotations written = FluxV1Annotations.of(map(metadata.get("annotations")));
        Map<String, Object> annotations = written.byCurrentName();
        if (!isTrue(annotations.get(AUTOMATED)) || isTrue(annotations.get(LOCKED))) {
            return List.of();
        }
        Release release = new Release(source, "HelmRelease " + name(metadata), annotations,
                map(map(object.get("spec")).get("values")), written);

        Map<String, Image> images = new TreeMap<>(CHART_IMAGE_FIRST);
        release.found(release.values, VALUES).ifPresent(image -> images.put(CHART_IMAGE, image));
        for (Map.Entry<?, ?> entry : release.values.entrySet()) {
            if (entry.getKey() instanceof String key && entry.getValue() instanceof Map<?, ?> holder) {
                release.found(holder, VALUES + "." + key).ifPresent(image -> images.put(key, image));
            }
        }
        for (String container : release.named()) {
            images.put(container, release.named(container));
        }

        List<Automation> automations = new ArrayList<>();
        for (Map.Entry<String, Image> entry : images.entrySet()) {
            Image image = entry.getValue();
            automations.add(new Automation(entry.getKey(), image.repository(), image.tag(),
                    release.policy(entry.getKey()), image.repositoryPath(), image.tagPath()));
        }
        return automations;
    }

    private static boolean isTrue(Object annotation) {
        return annotation != null && "true".equals(String.valueOf(annotation).trim());
    }

    private static String name(Map<?, ?> metadata) {
        Object namespace = metadata.get("namespace");
        return (namespace == null ? "" : namespace + "/") + metadata.get("name");
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    /** An image found in the values: its repository, its tag now, and their paths from the object's root. */
    private record Image(ImageRepository repository, String tag, String repositoryPath, String tagPath) {
    }

    /** Why a place in the values holds no image an automation can follow. */
    private static final class NotAnImage extends Exception {

        NotAnImage(String reason) {
            super(reason);
        }
    }

    private record Release(String source, String object, Map<?, ?> annotations, Map<?, ?> values,
            FluxV1Annotations written) {

        /** The containers the annotations name. */
        Set<String> named() throws DeclarationException {
            Set<String> containers = new TreeSet<>();
            for (Object key : annotations.keySet()) {
                for (String prefix : MAPPING_PREFIXES) {
                    if (key instanceof String annotation && annotation.startsWith(prefix)) {
                        String container = annotation.substring(prefix.length());
                        if (container.isEmpty()) {
                            throw refused(annotation, "names no container: write " + prefix + "<container>");
                        }
                        containers.add(container);
                    }
                }
            }
            return containers;
        }

        /** The image of a container an annotation names; refused if it is not there as a followable image. */
        Image named(String container) throws DeclarationException {
            Object repositoryPath = annotations.get(REPOSITORY + container);
            if (repositoryPath == null) {
                for (String prefix : List.of(TAG, REGISTRY)) {
                    if (annotations.containsKey(prefix + container)) {
                        throw refused(prefix + container, "needs " + REPOSITORY + container
                                + " too, the path under spec.values of the image repository");
                    }
                }
                return conventional(container);
            }
            try {
                String repository = valueAt(String.valueOf(repositoryPath));
                Object tagPath = annotations.get(TAG + container);
                Object registryPath = annotations.get(REGISTRY + container);
                return image(repository, VALUES + "." + repositoryPath,
                        tagPath == null ? null : valueAt(String.valueOf(tagPath)), VALUES + "." + tagPath,
                        registryPath == null ? null : valueAt(String.valueOf(registryPath)));
            } catch (NotAnImage e) {
                throw refused(REPOSITORY + container, e.getMessage());
            }
        }

        private Image conventional(String container) throws DeclarationException {
            String annotation = FILTER + container;
            if (container.equals(CHART_IMAGE)) {
                try {
                    return image(values, VALUES);
                } catch (NotAnImage e) {
                    throw refused(annotation, e.getMessage());
                }
            }
            String base = VALUES + "." + container;
            if (!(values.get(container) instanceof Map<?, ?> holder)) {
                throw refused(annotation, "container '" + container + "' has no image: " + base
                        + ".image does not exist; name its paths with " + REPOSITORY + container + " and " + TAG
                        + container);
            }
            try {
                return image(holder, base);
            } catch (NotAnImage e) {
                throw refused(annotation, e.getMessage());
            }
        }

        /** The image at {@code base.image}, if there is one in a shape an automation can follow. */
        Optional<Image> found(Map<?, ?> holder, String base) {
            try {
                return Optional.of(image(holder, base));
            } catch (NotAnImage e) {
                return Optional.empty();
            }
        }

        private static Image image(Map<?, ?> holder, String base) throws NotAnImage {
            String imagePath = base + ".image";
            Object image = holder.get("image");
            if (image == null) {
                throw new NotAnImage(imagePath + " does not exist");
            }
            if (image instanceof Map<?, ?> fields) {
                if (!fields.containsKey("repository")) {
                    throw new NotAnImage(imagePath + " has no repository");
                }
                return image(text(fields.get("repository"), imagePath + ".repository"), imagePath + ".repository",
                        optionalText(fields, "tag", imagePath), imagePath + ".tag",
                        optionalText(fields, "registry", imagePath));
            }
            return image(text(image, imagePath), imagePath, optionalText(holder, "tag", base), base + ".tag",
                    optionalText(holder, "registry", base));
        }

        private static String optionalText(Map<?, ?> holder, String key, String base) throws NotAnImage {
            return holder.containsKey(key) ? text(holder.get(key), base + "." + key) : null;
        }

        private static Image image(String repository, String repositoryPath, String tag, String tagPath,
                String registry) throws NotAnImage {
            if (repository.contains("@")) {
                throw new NotAnImage(repositoryPath + " '" + repository
                        + "' is pinned by digest; an automation writes tags: give a tag instead");
            }
            boolean tagged = repository.lastIndexOf(':') > repository.lastIndexOf('/');
            String name = repository;
            String currentTag = tag;
            String writtenAt = tagPath;
            if (tag == null) {
                if (!tagged) {
                    throw new NotAnImage(repositoryPath + " '" + repository + "' has no tag");
                }
                name = repository.substring(0, repository.lastIndexOf(':'));
                currentTag = repository.substring(repository.lastIndexOf(':') + 1);
                writtenAt = repositoryPath;
            } else if (tagged) {
                throw new NotAnImage(repositoryPath + " '" + repository + "' has a tag, and " + tagPath
                        + " gives one too: write the repository alone");
            }
            if (currentTag.isBlank()) {
                throw new NotAnImage(writtenAt + " has an empty tag");
            }
            try {
                return new Image(ImageRepository.parse(registry == null ? name : registry + "/" + name, false),
                        currentTag, repositoryPath, writtenAt);
            } catch (IllegalArgumentException e) {
                throw new NotAnImage(repositoryPath + ": " + e.getMessage());
            }
        }

        private String valueAt(String path) throws NotAnImage {
            Object value = values;
            for (String key : path.split("\\.", -1)) {
                if (!(value instanceof Map<?, ?> map) || !map.containsKey(key)) {
                    throw new NotAnImage("points at " + VALUES + "." + path + ", which the HelmRelease does not have");
                }
                value = map.get(key);
            }
            return text(value, VALUES + "." + path);
        }

        private static String text(Object value, String path) throws NotAnImage {
            if (value instanceof String text) {
                return text.trim();
            }
            if (value instanceof Number || value instanceof Boolean) {
                throw new NotAnImage(path + " is " + value + " as YAML reads it, not a string: quote it");
            }
            throw new NotAnImage(path + " is " + (value == null ? "empty" : "not a string"));
        }

        TagPolicy policy(String container) throws DeclarationException {
            Object filter = annotations.get(FILTER + container);
            if (filter == null) {
                return NEWEST_BUILT;
            }
            try {
                return FluxV1Filter.parse(String.valueOf(filter));
            } catch (PolicySyntaxException e) {
                throw refused(FILTER + container, e.getMessage());
            }
        }

        private DeclarationException refused(String annotation, String reason) {
            return new DeclarationException(source, object, written.writtenAs(annotation), reason);
        }
    }
}
