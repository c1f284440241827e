package io.flotilla.applier.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flotilla.applier.cluster.ServedKinds;
import io.flotilla.applier.cluster.UnservedKindException;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.Tenant;

/**
 * What a tenant's release may apply, one rule each, all judged before anything is applied: a release that breaks one
 * is refused whole. The rules, by the name a message gives them:
 * <ul>
 * <li>{@code cluster-scoped}: a tenant declares namespaced objects only (the cluster says which kinds are);</li>
 * <li>{@code kind}: only the kinds its declaration lists;</li>
 * <li>{@code namespace}: every object, and the release itself (where Helm keeps its record), in one of its
 * namespaces;</li>
 * <li>{@code service-account}: a {@code serviceAccountName} it names is in one of its namespaces.</li>
 * </ul>
 */
public final class TenantRules {

    private TenantRules() {
    }

    /**
     * The rules broken by the release itself (its namespace, its service account) and by its objects.
     *
     * @param ofRelease the release's own, each failed as a Namespace or ServiceAccount with the rule and why
     * @param ofObjects the rendered objects', each failed with the rule, the file and the object's place in it
     */
    public record Broken(List<ObjectResult> ofRelease, List<ObjectResult> ofObjects) {

        public Broken {
            ofRelease = List.copyOf(ofRelease);
            ofObjects = List.copyOf(ofObjects);
        }

        /** Whether the release keeps every rule of its tenant (or has no tenant). */
        public boolean none() {
            return ofRelease.isEmpty() && ofObjects.isEmpty();
        }

        /** The release's own broken rules, then its objects'. */
        public List<ObjectResult> all() {
            List<ObjectResult> all = new ArrayList<>(ofRelease);
            all.addAll(ofObjects);
            return all;
        }
    }

    /**
     * What of the release breaks its tenant's rules; none for a release without a tenant, or one within its rules.
     *
     * @param objects the release's decoded objects, hooks included, in rendered order, not yet placed in a namespace
     */
    public static Broken broken(DesiredRelease desired, List<? extends HasMetadata> objects, ServedKinds kinds) {
        Tenant tenant = desired.tenant();
        if (tenant == null) {
            return new Broken(List.of(), List.of());
        }
        List<ObjectResult> broken = new ArrayList<>();
        String releaseNamespace = desired.release().namespace();
        // A folder of plain manifests is named in 'default' (default/<folder>) whoever owns it: its objects say their
        // namespaces, each checked below, and one that says none lands in 'default', which that check refuses.
        if (desired.format() != ReleaseFormat.MANIFESTS && !allowsNamespace(tenant, releaseNamespace)) {
            broken.add(ObjectResult.failed(new ObjectRef("v1", "Namespace", null, releaseNamespace),
                    desired.sourceFile() + ": rule namespace: the release's namespace '" + releaseNamespace
                            + "' is not among tenant '" + tenant.name() + "''s (" + String.join(", ",
                                    tenant.namespaces()) + ")"));
        }
        String serviceAccount = desired.options().serviceAccount();
        if (serviceAccount != null
                && !allowsNamespace(tenant, serviceAccount.substring(0, serviceAccount.indexOf('/')))) {
            broken.add(ObjectResult.failed(new ObjectRef("v1", "ServiceAccount",
                    serviceAccount.substring(0, serviceAccount.indexOf('/')),
                    serviceAccount.substring(serviceAccount.indexOf('/') + 1)), desired.sourceFile()
                            + ": rule service-account: spec.serviceAccountName names a service account outside tenant '"
                            + tenant.name() + "''s namespaces (" + String.join(", ", tenant.namespaces()) + ")"));
        }
        List<ObjectResult> ofObjects = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            HasMetadata object = objects.get(i);
            String where = desired.sourceFile() + " (rendered object #" + (i + 1) + "): ";
            breaks(tenant, object, kinds, releaseNamespace).ifPresent(reason -> ofObjects.add(ObjectResult.failed(
                    new ObjectRef(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(),
                            object.getMetadata().getName()), where + reason)));
        }
        return new Broken(broken, ofObjects);
    }

    /** The rule the object breaks and why, with where it is declared; empty when it keeps them all. */
    private static Optional<String> breaks(Tenant tenant, HasMetadata object, ServedKinds kinds,
            String releaseNamespace) {
        boolean allowedKind = allowsKind(tenant, object.getApiVersion(), object.getKind());
        Boolean namespaced;
        try {
            namespaced = kinds.namespaced(object.getApiVersion(), object.getKind());
        } catch (UnservedKindException e) {
            // A kind the cluster does not serve fails the dry run, unless the tenant may not use it at all.
            namespaced = null;
        }
        if (Boolean.FALSE.equals(namespaced)) {
            return Optional.of("rule cluster-scoped: " + object.getKind() + " is cluster-scoped; tenant '"
                    + tenant.name() + "' may declare namespaced objects only");
        }
        if (!allowedKind) {
            return Optional.of("rule kind: " + object.getKind() + " (" + object.getApiVersion() + ") is not among the"
                    + " kinds tenant '" + tenant.name() + "' may use (" + String.join(", ", tenant.kinds()) + ")");
        }
        String given = object.getMetadata().getNamespace();
        String namespace = given == null || given.isBlank() ? releaseNamespace : given;
        if (!allowsNamespace(tenant, namespace)) {
            return Optional.of("rule namespace: namespace '" + namespace + "' is not among tenant '" + tenant.name()
                    + "''s (" + String.join(", ", tenant.namespaces()) + ")");
        }
        return Optional.empty();
    }

    static boolean allowsNamespace(Tenant tenant, String namespace) {
        return tenant.namespaces().stream().anyMatch(glob -> globPattern(glob).matcher(namespace).matches());
    }

    /** {@code Kind} allows the kind in any API group; {@code Kind.group} in that group only. */
    static boolean allowsKind(Tenant tenant, String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return tenant.kinds().stream().anyMatch(allowed -> allowed.equals(kind)
                || allowed.equals(kind + "." + group));
    }

    private static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }
}
