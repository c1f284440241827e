package io.flotilla.applier.ownership;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flotilla.events.ReleaseKey;

/**
 * What applying an object comes to for a release that did not have it yet, decided from the object of that name on
 * the cluster: created, taken up again, adopted, or refused because another release owns it.
 *
 * @param refusal why the release may not apply the object; null unless {@link Kind#REFUSE}
 */
public record Claim(Kind kind, String refusal) {

    static final String HELM_RELEASE_NAME = "meta.helm.sh/release-name";
    static final String HELM_RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";

    /** The four outcomes. */
    public enum Kind {
        /** Not on the cluster: the release creates it and owns it. */
        NEW,
        /**
         * Marked as this release's already, say by a revision whose record was lost, or put there by Helm (Helm
         * Operator, helm-controller) for the release of the same name and namespace, which Flotilla takes over: the
         * release goes on owning it.
         */
        OWN,
        /** On the cluster with no release's mark: applied, and marked adopted, so Flotilla never deletes it. */
        ADOPT,
        /** Another release owns it: nothing of the release is applied. */
        REFUSE
    }

    /**
     * @param sourceFile the file that declares {@code release}; null when not known
     * @param live       the metadata of the object on the cluster; null when there is none
     */
    public static Claim of(ReleaseKey release, String sourceFile, ObjectMeta live) {
        if (live == null) {
            return new Claim(Kind.NEW, null);
        }
        Owner owner = Owner.of(live);
        if (!owner.marked()) {
            return new Claim(installedByHelmAs(release, live) ? Kind.OWN : Kind.ADOPT, null);
        }
        if (owner.is(release)) {
            return new Claim(Kind.OWN, null);
        }
        String claimant = OwnershipMarks.releaseOf(release);
        return new Claim(Kind.REFUSE, "declared by release " + claimant + (sourceFile == null ? "" : " in " + sourceFile)
                + ", but " + owner.describe() + " owns it; declare it in one of the two only, or, if release "
                + owner.release() + " no longer needs it, remove its annotation " + OwnershipMarks.RELEASE
                + " so that release " + claimant + " adopts it");
    }

    /** Whether Helm's marks on the object name {@code release}: Helm installed it as part of that release. */
    static boolean installedByHelmAs(ReleaseKey release, ObjectMeta live) {
        Map<String, String> annotations = live.getAnnotations() == null ? Map.of() : live.getAnnotations();
        return release.name().equals(annotations.get(HELM_RELEASE_NAME))
                && release.namespace().equals(annotations.get(HELM_RELEASE_NAMESPACE));
    }
}
