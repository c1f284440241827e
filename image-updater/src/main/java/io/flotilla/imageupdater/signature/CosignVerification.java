package io.flotilla.imageupdater.signature;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.flotilla.imageupdater.registry.ImageRepository;
import io.flotilla.imageupdater.registry.RegistryClient;

/**
 * The optional cosign check: in the repositories it covers, a tag may run only if its image digest carries a
 * cosign signature made with the configured key ({@code flotilla.images.cosign.public-key}), whose payload names
 * that digest. The key is one for the whole image-updater, not per ImagePolicy: a signing key belongs to who
 * builds the images, and Flux's ImagePolicy has no field for one. {@code flotilla.images.cosign.repositories}
 * limits the check to repositories matching its globs ({@code *} any characters, {@code /} included), so that
 * third-party images signed by no one can still be automated.
 * <p>
 * A digest found well signed is remembered (its signature cannot become bad with the same key); an unsigned or
 * badly signed one is asked again at each scan, since CI usually signs after it pushes.
 */
public final class CosignVerification implements TagVerification {

    private final CosignPublicKey key;
    private final List<String> globs;
    private final List<Pattern> covered;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    /** Checks the repositories matching one of {@code repositoryGlobs} ({@code registry/name}) with {@code key}. */
    public CosignVerification(CosignPublicKey key, List<String> repositoryGlobs) {
        this.key = key;
        this.globs = List.copyOf(repositoryGlobs);
        this.covered = repositoryGlobs.stream().map(CosignVerification::glob).toList();
    }

    @Override
    public Optional<String> refusal(RegistryClient registry, ImageRepository repository, String tag, String digest) {
        if (covered.stream().noneMatch(glob -> glob.matcher(repository.toString()).matches())
                || verified.contains(repository + "@" + digest)) {
            return Optional.empty();
        }
        Optional<List<CosignSignatures.Signed>> signatures = CosignSignatures.of(registry, repository, digest);
        if (signatures.isEmpty() || signatures.get().isEmpty()) {
            return Optional.of("unsigned: no cosign signature (tag " + CosignSignatures.tagOf(digest) + ")");
        }
        String reason = "the signature does not verify with the key " + key.origin();
        for (CosignSignatures.Signed signed : signatures.get()) {
            if (!key.verifies(signed.payload(), signed.signature())) {
                continue;
            }
            try {
                SimpleSigningPayload payload = SimpleSigningPayload.read(signed.payload());
                if (!payload.digest().equals(digest)) {
                    reason = "the signed payload names another image (" + payload.digest() + ")";
                } else if (!payload.type().equals(SimpleSigningPayload.COSIGN_TYPE)) {
                    reason = "the signed payload's type is '" + payload.type() + "', not '"
                            + SimpleSigningPayload.COSIGN_TYPE + "'";
                } else {
                    verified.add(repository + "@" + digest);
                    return Optional.empty();
                }
            } catch (IllegalArgumentException e) {
                reason = e.getMessage();
            }
        }
        return Optional.of("badly signed: " + reason + " (tag " + CosignSignatures.tagOf(digest) + ")");
    }

    private static Pattern glob(String glob) {
        return Pattern.compile(Stream.of(glob.trim().split("\\*", -1)).map(Pattern::quote)
                .collect(Collectors.joining(".*")));
    }

    /** For messages: the key and the repositories checked. */
    @Override
    public String toString() {
        return "cosign signatures checked with " + key.origin() + " for " + globs;
    }
}
