package io.flotilla.imageupdater.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public key cosign signatures are checked with: the PEM file {@code cosign generate-key-pair} writes as
 * {@code cosign.pub} ({@code -----BEGIN PUBLIC KEY-----}, an ECDSA P-256 key). Cosign signs the SHA-256 of the
 * payload and stores the signature DER-encoded, as Java's {@code SHA256withECDSA} reads it.
 */
public final class CosignPublicKey {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");
    /** The order of P-256's base point: what tells that curve apart from others. */
    private static final String P256_ORDER =
            "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

    private final PublicKey key;
    private final String origin;

    private CosignPublicKey(PublicKey key, String origin) {
        this.key = key;
        this.origin = origin;
    }

    /** The key in the PEM file {@code file}; a file that holds no ECDSA P-256 public key is refused, named. */
    public static CosignPublicKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cosign public key " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** The key in {@code pem}; {@code origin} names it in messages. */
    public static CosignPublicKey parse(String pem, String origin) {
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the cosign public key " + origin
                    + " holds no PEM public key (-----BEGIN PUBLIC KEY-----), as cosign.pub does");
        }
        PublicKey key;
        try {
            byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the cosign public key " + origin
                    + " is not an ECDSA public key: " + e.getMessage(), e);
        }
        ECParameterSpec curve = ((ECPublicKey) key).getParams();
        if (!curve.getOrder().toString(16).equals(P256_ORDER)) {
            throw new IllegalArgumentException("the cosign public key " + origin
                    + " is an ECDSA key on another curve than P-256, which keyed cosign signatures use");
        }
        return new CosignPublicKey(key, origin);
    }

    /** Whether {@code signature} (DER) is this key's signature of {@code payload}. */
    public boolean verifies(byte[] payload, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java cannot verify ECDSA signatures", e);
        }
    }

    /** Where the key came from, for messages. */
    public String origin() {
        return origin;
    }
}
