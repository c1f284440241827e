package io.flotilla.imageupdater.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpClient;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flotilla.imageupdater.policy.FluxV1Filter;
import io.flotilla.imageupdater.registry.Backoff;
import io.flotilla.imageupdater.registry.ImagePusher;
import io.flotilla.imageupdater.registry.ImageRepository;
import io.flotilla.imageupdater.registry.RegistryClient;
import io.flotilla.imageupdater.registry.RegistryCredentials;
import io.flotilla.imageupdater.registry.RegistryTransport;
import io.flotilla.imageupdater.scan.ChosenTag;
import io.flotilla.imageupdater.scan.RepositoryScan;
import io.flotilla.imageupdater.scan.SkippedTag;
import io.flotilla.testing.registry.DockerRegistry;

/**
 * The cosign check against a real registry (Debian's docker-registry): images and signatures pushed as CI and
 * {@code cosign sign --key} push them, signed with a P-256 key made here, and a policy that may take only the
 * tags signed with the configured key.
 */
class CosignVerificationTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    private static DockerRegistry registry;
    private static ImagePusher pusher;

    private final CosignSigner ours = CosignSigner.generate();
    private final CosignSigner theirs = CosignSigner.generate();
    private final CosignVerification verification = new CosignVerification(
            CosignPublicKey.parse(ours.publicKeyPem(), "cosign.pub"), List.of("*/signed/*"));

    @BeforeAll
    static void startRegistry() {
        registry = DockerRegistry.start();
        pusher = new ImagePusher(registry.host());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void onlyATagSignedWithTheConfiguredKeyForItsOwnDigestIsChosen() {
        String good = pusher.push("signed/shop", "1.0.1", MONDAY);
        ours.sign(pusher, registry.host(), "signed/shop", good);
        String other = pusher.push("signed/shop", "1.0.2", MONDAY.plusSeconds(60));
        theirs.sign(pusher, registry.host(), "signed/shop", other);
        String moved = pusher.push("signed/shop", "1.0.3", MONDAY.plusSeconds(120));
        ours.signAs(pusher, registry.host(), "signed/shop", moved, good);
        String unsigned = pusher.push("signed/shop", "1.0.4", MONDAY.plusSeconds(180));

        RepositoryScan scan = RepositoryScan.of(client(), repository("signed/shop"), verification);

        assertThat(scan.choose(FluxV1Filter.parse("semver:~1.0"))).map(ChosenTag::tag).contains("1.0.1");
        assertThat(scan.skipped()).extracting(SkippedTag::tag, SkippedTag::digest).containsExactly(
                tuple("1.0.4", unsigned),
                tuple("1.0.3", moved),
                tuple("1.0.2", other));
        assertThat(scan.skipped()).extracting(SkippedTag::reason).containsExactly(
                "unsigned: no cosign signature (tag " + unsigned.replace(':', '-') + ".sig)",
                "badly signed: the signed payload names another image (" + good + ") (tag "
                        + moved.replace(':', '-') + ".sig)",
                "badly signed: the signature does not verify with the key cosign.pub (tag "
                        + other.replace(':', '-') + ".sig)");
    }

    @Test
    void aTagSignedAfterAScanThatSkippedItIsChosenAtTheNext() {
        pusher.push("signed/late", "2.0.0", MONDAY);
        String late = pusher.push("signed/late", "2.1.0", MONDAY.plusSeconds(60));
        RegistryClient client = client();
        assertThat(RepositoryScan.of(client, repository("signed/late"), verification)
                .choose(FluxV1Filter.parse("semver:^2"))).isEmpty();

        ours.sign(pusher, registry.host(), "signed/late", late);

        assertThat(RepositoryScan.of(client, repository("signed/late"), verification)
                .choose(FluxV1Filter.parse("semver:^2"))).map(ChosenTag::tag).contains("2.1.0");
    }

    @Test
    void repositoriesTheGlobsDoNotCoverNeedNoSignature() {
        pusher.push("thirdparty/redis", "7.2.4", MONDAY);

        RepositoryScan scan = RepositoryScan.of(client(), repository("thirdparty/redis"), verification);

        assertThat(scan.choose(FluxV1Filter.parse("semver:~7.2"))).map(ChosenTag::tag).contains("7.2.4");
        assertThat(scan.skipped()).isEmpty();
    }

    @Test
    void aKeyThatIsNoP256PublicKeyIsRefusedNamingItsFile() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rsaPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                rsa.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
        p384.initialize(new ECGenParameterSpec("secp384r1"));
        String p384Pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                p384.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";

        assertThatThrownBy(() -> CosignPublicKey.parse(rsaPem, "keys/rsa.pub"))
                .hasMessageStartingWith("the cosign public key keys/rsa.pub is not an ECDSA public key");
        assertThatThrownBy(() -> CosignPublicKey.parse(p384Pem, "keys/p384.pub"))
                .hasMessage("the cosign public key keys/p384.pub is an ECDSA key on another curve than P-256, which"
                        + " keyed cosign signatures use");
        assertThatThrownBy(() -> CosignPublicKey.parse("-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----", "cosign.key"))
                .hasMessage("the cosign public key cosign.key holds no PEM public key (-----BEGIN PUBLIC KEY-----),"
                        + " as cosign.pub does");
    }

    private static RegistryClient client() {
        return new RegistryClient(RegistryTransport.over(HttpClient.newHttpClient()),
                RegistryCredentials.none(), new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 4), 0);
    }

    private static ImageRepository repository(String name) {
        return new ImageRepository(registry.host(), name, true);
    }
}
