package io.flotilla.gitwatcher.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.util.Date;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * An OpenPGP key made in the test (Ed25519, as {@code gpg --quick-generate-key} makes by default): its public
 * key armored as {@code gpg --armor --export} writes it, and detached signatures as {@code git commit -S} makes.
 */
public final class OpenPgpKey {

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final PGPKeyPair keyPair;
    private final PGPPublicKeyRing publicRing;
    private final PGPSecretKeyRing secretRing;

    private OpenPgpKey(PGPKeyPair keyPair, PGPPublicKeyRing publicRing, PGPSecretKeyRing secretRing) {
        this.keyPair = keyPair;
        this.publicRing = publicRing;
        this.secretRing = secretRing;
    }

    /** A new key for {@code userId}, such as {@code Ada Ops <ada@example.com>}. */
    public static OpenPgpKey generate(String userId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", BOUNCY_CASTLE);
            PGPKeyPair keyPair = new JcaPGPKeyPair(PublicKeyAlgorithmTags.EDDSA_LEGACY, generator.generateKeyPair(),
                    new Date());
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, keyPair, userId,
                    new JcaPGPDigestCalculatorProviderBuilder().setProvider(BOUNCY_CASTLE).build()
                            .get(HashAlgorithmTags.SHA1),
                    null, null, signerBuilder(), null);
            return new OpenPgpKey(keyPair, rings.generatePublicKeyRing(), rings.generateSecretKeyRing());
        } catch (GeneralSecurityException | PGPException e) {
            throw new IllegalStateException("cannot generate an OpenPGP key: " + e.getMessage(), e);
        }
    }

    /** The public key block a user lists in a source's signing keys. */
    public String armoredPublicKey() {
        return armor(out -> publicRing.encode(out, true));
    }

    /** The secret key, unprotected, as {@code gpg --armor --export-secret-keys} writes it. */
    public String armoredSecretKey() {
        return armor(out -> secretRing.encode(out));
    }

    /** A detached, armored signature of {@code payload}: what Git puts in a commit's {@code gpgsig} header. */
    public String sign(byte[] payload) {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(signerBuilder(), keyPair.getPublicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, keyPair.getPrivateKey());
            generator.update(payload);
            PGPSignature signature = generator.generate();
            return armor(signature::encode);
        } catch (PGPException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    private static JcaPGPContentSignerBuilder signerBuilder() {
        return new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256)
                .setProvider(BOUNCY_CASTLE);
    }

    private interface Encoder {
        void encode(java.io.OutputStream out) throws IOException;
    }

    private static String armor(Encoder encoder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            encoder.encode(armored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
