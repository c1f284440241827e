package io.flotilla.gitwatcher.autorelease;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.Iterator;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.GpgSignature;

/**
 * Signs Auto-release commits as {@code git commit -S} does: a detached, armored OpenPGP signature of the commit's
 * content in its {@code gpgsig} header, made with the first signing key of an armored secret key file
 * ({@code gpg --armor --export-secret-keys}). The key is read once, at start: a wrong file or passphrase stops the
 * service with the reason rather than leaving commits unsigned.
 */
final class OpenPgpSigner {

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final PGPSecretKey key;
    private final PGPPrivateKey privateKey;

    private OpenPgpSigner(PGPSecretKey key, PGPPrivateKey privateKey) {
        this.key = key;
        this.privateKey = privateKey;
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    static OpenPgpSigner fromFile(Path file, String passphrase) {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            PGPSecretKeyRingCollection rings = new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator());
            for (Iterator<PGPSecretKeyRing> ringsLeft = rings.getKeyRings(); ringsLeft.hasNext();) {
                for (Iterator<PGPSecretKey> keys = ringsLeft.next().getSecretKeys(); keys.hasNext();) {
                    PGPSecretKey key = keys.next();
                    if (key.isSigningKey() && !key.isPrivateKeyEmpty()) {
                        return new OpenPgpSigner(key, key.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder()
                                .setProvider(BOUNCY_CASTLE)
                                .build((passphrase == null ? "" : passphrase).toCharArray())));
                    }
                }
            }
            throw new IllegalArgumentException("flotilla.git.auto-release.signing-key " + file
                    + " holds no OpenPGP secret key able to sign (export one with gpg --armor --export-secret-keys)");
        } catch (IOException | PGPException e) {
            throw new IllegalArgumentException("flotilla.git.auto-release.signing-key " + file
                    + " cannot be read as an armored OpenPGP secret key (wrong passphrase?): " + e.getMessage(), e);
        }
    }

    /** The signing key's id, as {@code gpg} shows it. */
    String keyId() {
        return String.format("%016X", key.getKeyID());
    }

    void sign(CommitBuilder commit) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(
                    key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256).setProvider(BOUNCY_CASTLE),
                    key.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, privateKey);
            generator.update(commit.build());
            ByteArrayOutputStream armored = new ByteArrayOutputStream();
            try (ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(armored)) {
                generator.generate().encode(out);
            }
            commit.setGpgSignature(new GpgSignature(armored.toString(StandardCharsets.US_ASCII)
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (PGPException e) {
            throw new IllegalStateException("cannot sign the Auto-release commit with key " + keyId() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
