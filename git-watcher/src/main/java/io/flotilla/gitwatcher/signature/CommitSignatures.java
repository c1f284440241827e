package io.flotilla.gitwatcher.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.Provider;
import java.util.Optional;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Checks that a commit carries an OpenPGP signature ({@code git commit -S}) made by one of a source's keys over
 * exactly the commit's content. The provider is handed to BouncyCastle directly rather than registered with
 * the JVM, so nothing else in the process changes.
 */
public final class CommitSignatures {

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private CommitSignatures() {
    }

    /** As {@link #verify(RevCommit, SigningKeys)}, for the commit {@code id} of {@code repository}. */
    public static String verify(Repository repository, ObjectId id, SigningKeys keys) {
        try (RevWalk walk = new RevWalk(repository)) {
            return verify(walk.parseCommit(id), keys);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read commit " + id.name() + " to check its signature: "
                    + e.getMessage(), e);
        }
    }

    /**
     * @return the fingerprint of the listed key that signed {@code commit}
     * @throws UnverifiedCommitException when it is unsigned, signed by a key not listed, or the signature does
     *                                   not match its content
     */
    public static String verify(RevCommit commit, SigningKeys keys) {
        String name = commit.abbreviate(10).name();
        SignedCommit signed = SignedCommit.of(commit.getRawBuffer()).orElseThrow(() -> new UnverifiedCommitException(
                "commit " + name + " is not signed; only commits signed by " + keys.fingerprints() + " are accepted"));
        PGPSignature signature = signature(signed.signature())
                .orElseThrow(() -> new UnverifiedCommitException("commit " + name
                        + " carries a signature that is not OpenPGP (an SSH or X.509 one?); only OpenPGP keys "
                        + keys.fingerprints() + " are accepted"));
        PGPPublicKey key = keys.key(signature.getKeyID()).orElseThrow(() -> new UnverifiedCommitException(
                "commit " + name + " is signed by key " + String.format("%016X", signature.getKeyID())
                        + ", which is not one of " + keys.fingerprints()));
        try {
            signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(BOUNCY_CASTLE), key);
            signature.update(signed.payload());
            if (!signature.verify()) {
                throw new UnverifiedCommitException("commit " + name + ": the signature of key "
                        + SigningKeys.fingerprint(key) + " does not match the commit's content (altered after signing)");
            }
            return SigningKeys.fingerprint(key);
        } catch (PGPException e) {
            throw new UnverifiedCommitException("commit " + name + ": the signature of key "
                    + SigningKeys.fingerprint(key) + " cannot be checked: " + e.getMessage());
        }
    }

    private static Optional<PGPSignature> signature(byte[] armored) {
        try {
            JcaPGPObjectFactory factory = new JcaPGPObjectFactory(PGPUtil.getDecoderStream(new ByteArrayInputStream(armored)));
            Object object = factory.nextObject();
            if (object instanceof PGPCompressedData compressed) {
                object = new JcaPGPObjectFactory(compressed.getDataStream()).nextObject();
            }
            return object instanceof PGPSignatureList list && !list.isEmpty() ? Optional.of(list.get(0)) : Optional.empty();
        } catch (IOException | PGPException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
