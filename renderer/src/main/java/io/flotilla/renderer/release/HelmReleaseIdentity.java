package io.flotilla.renderer.release;

import java.util.Optional;

/**
 * What both Flux formats say about who a HelmRelease is: its own name and namespace, and where the Helm
 * release goes ({@code spec.targetNamespace}, {@code spec.releaseName}). The defaults differ per format.
 */
record HelmReleaseIdentity(String file, String name, String namespace, Optional<String> targetNamespace,
        Optional<String> releaseName) {

    static final String DEFAULT_NAMESPACE = "default";

    static HelmReleaseIdentity read(String file, int document, Fields fields) throws UnidentifiedDocumentException {
        String where = "HelmRelease in document " + document;
        try {
            String name = keySegment(fields.text("metadata.name"), "metadata.name")
                    .orElseThrow(() -> new InvalidFieldException("metadata.name is required"));
            String namespace = keySegment(fields.text("metadata.namespace"), "metadata.namespace")
                    .orElse(DEFAULT_NAMESPACE);
            where = "HelmRelease " + namespace + "/" + name;
            return new HelmReleaseIdentity(file, name, namespace,
                    keySegment(fields.text("spec.targetNamespace"), "spec.targetNamespace"),
                    keySegment(fields.text("spec.releaseName"), "spec.releaseName"));
        } catch (InvalidFieldException e) {
            throw new UnidentifiedDocumentException(file, where + ": " + e.getMessage());
        }
    }

    /** Where messages about this HelmRelease point: {@code <file>: HelmRelease <namespace>/<name>}. */
    String origin() {
        return file + ": HelmRelease " + namespace + "/" + name;
    }

    /** The namespace the Helm release is installed in. */
    String releaseNamespace() {
        return targetNamespace.orElse(namespace);
    }

    /** Names and namespaces become segments of a release key, so they cannot hold a {@code /}. */
    private static Optional<String> keySegment(Optional<String> value, String field) throws InvalidFieldException {
        if (value.isPresent() && value.get().contains("/")) {
            throw new InvalidFieldException(field + " '" + value.get() + "' must not contain '/'");
        }
        return value;
    }
}
