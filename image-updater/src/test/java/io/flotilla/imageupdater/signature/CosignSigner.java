package io.flotilla.imageupdater.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import io.flotilla.imageupdater.registry.ImagePusher;

/**
 * Signs images as {@code cosign sign --key} does, with an ECDSA P-256 key made for the test: the simple-signing
 * payload naming the image digest, signed with SHA-256, pushed as the layer of the {@code sha256-<hex>.sig} artifact
 * with the signature in its {@code dev.cosignproject.cosign/signature} annotation.
 */
public final class CosignSigner {

    private static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";

    private final KeyPair keys;

    private CosignSigner(KeyPair keys) {
        this.keys = keys;
    }

    /** A signer with a new P-256 key pair. */
    public static CosignSigner generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new CosignSigner(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code cosign.pub} and the private key ({@code cosign.key}, PKCS#8 PEM) into {@code dir}. */
    public void save(Path dir) {
        try {
            Files.writeString(dir.resolve("cosign.pub"), publicKeyPem());
            Files.writeString(dir.resolve("cosign.key"), "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signer whose keys {@link #save} wrote into {@code dir}. */
    public static CosignSigner load(Path dir) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            return new CosignSigner(new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(pem(dir.resolve("cosign.pub")))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(pem(dir.resolve("cosign.key"))))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pem(Path file) {
        try {
            return Base64.getMimeDecoder().decode(Files.readString(file).replaceAll("-----[A-Z ]+-----", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public key as {@code cosign.pub} holds it. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Signs the image {@code digest} of {@code registry/repository}, as cosign does. */
    public void sign(ImagePusher pusher, String registry, String repository, String digest) {
        signAs(pusher, registry, repository, digest, digest);
    }

    /**
     * Stores under {@code digest}'s signature tag a good signature of a payload naming {@code signedDigest}: what
     * copying another image's signature to this one gives.
     */
    public void signAs(ImagePusher pusher, String registry, String repository, String digest, String signedDigest) {
        byte[] payload = """
                {"critical":{"identity":{"docker-reference":"%s/%s"},"image":{"docker-manifest-digest":"%s"},\
                "type":"cosign container image signature"},"optional":null}""".formatted(registry, repository,
                signedDigest).getBytes(StandardCharsets.UTF_8);
        pusher.pushArtifact(repository, digest.replace(':', '-') + ".sig", SIMPLE_SIGNING, payload,
                Map.of("dev.cosignproject.cosign/signature", Base64.getEncoder().encodeToString(sign(payload))));
    }

    private byte[] sign(byte[] payload) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
