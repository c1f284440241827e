package io.flotilla.git.secret;

/**
 * The Secrets a Flux source names for its credentials, and the source itself for messages.
 *
 * @param source     the source as a user finds it: {@code HelmRepository flux-system/charts}
 * @param secret     {@code spec.secretRef}: username and password, a bearer token, an SSH identity, a
 *                   {@code .dockerconfigjson}; null for none
 * @param certSecret {@code spec.certSecretRef}: {@code ca.crt} (and {@code tls.crt}, {@code tls.key}); null for none
 */
public record SourceAuth(String source, SecretRef secret, SecretRef certSecret) {

    /** A source that names no Secret. */
    public static final SourceAuth NONE = new SourceAuth(null, null, null);

    /**
     * The Secrets of the source {@code kind namespace/name} whose {@code spec.secretRef.name} and
     * {@code spec.certSecretRef.name} are given (null when absent), in the source's namespace as Flux reads them.
     */
    public static SourceAuth of(String kind, String namespace, String name, String secretName, String certSecretName) {
        if (secretName == null && certSecretName == null) {
            return NONE;
        }
        return new SourceAuth(kind + " " + namespace + "/" + name,
                secretName == null ? null : new SecretRef(namespace, secretName),
                certSecretName == null ? null : new SecretRef(namespace, certSecretName));
    }
}
