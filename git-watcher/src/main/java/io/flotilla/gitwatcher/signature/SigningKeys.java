package io.flotilla.gitwatcher.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPPublicKeyRingCollection;

/**
 * The OpenPGP public keys whose signatures a source accepts. Each entry is either an armored key block
 * ({@code -----BEGIN PGP PUBLIC KEY BLOCK-----}, several may follow each other) or the path of a file holding
 * such blocks, as {@code gpg --armor --export} writes them. Entries are kept as given, so a key file replaced
 * on disk is read anew when the watcher restarts.
 */
public final class SigningKeys {

    private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";

    private final List<String> entries;
    private final List<PGPPublicKeyRing> rings;

    private SigningKeys(List<String> entries, List<PGPPublicKeyRing> rings) {
        this.entries = entries;
        this.rings = rings;
    }

    /**
     * @throws IllegalArgumentException naming the entry that is neither a readable key block nor a file of them
     */
    public static SigningKeys parse(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("signing keys: give at least one armored public key or key file");
        }
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            String armored = entry.contains(BEGIN) ? entry : read(i, entry);
            int found = 0;
            for (String block : blocks(armored)) {
                try {
                    JcaPGPPublicKeyRingCollection collection = new JcaPGPPublicKeyRingCollection(
                            PGPUtil.getDecoderStream(new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII))));
                    for (PGPPublicKeyRing ring : collection) {
                        rings.add(ring);
                        found++;
                    }
                } catch (IOException | PGPException | RuntimeException e) {
                    throw new IllegalArgumentException("signing key " + (i + 1) + " (" + describe(entry)
                            + ") is not an OpenPGP public key block: " + e.getMessage(), e);
                }
            }
            if (found == 0) {
                throw new IllegalArgumentException("signing key " + (i + 1) + " (" + describe(entry)
                        + ") holds no OpenPGP public key block (" + BEGIN + ")");
            }
        }
        return new SigningKeys(List.copyOf(entries), List.copyOf(rings));
    }

    /** The entries as given: armored blocks and key file paths. */
    public List<String> entries() {
        return entries;
    }

    /** The key (primary or subkey) with this id, if one of the listed keys has it. */
    Optional<PGPPublicKey> key(long keyId) {
        for (PGPPublicKeyRing ring : rings) {
            PGPPublicKey key = ring.getPublicKey(keyId);
            if (key != null) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** The primary keys' fingerprints, in upper-case hex as {@code gpg --fingerprint} shows them. */
    public List<String> fingerprints() {
        return rings.stream().map(ring -> fingerprint(ring.getPublicKey())).toList();
    }

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    @Override
    public String toString() {
        return fingerprints().toString();
    }

    private static String read(int index, String path) {
        try {
            return Files.readString(Path.of(path.strip()), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("signing key " + (index + 1) + " is neither an armored public key ("
                    + BEGIN + ") nor a readable key file: " + describe(path) + ": " + e.getMessage(), e);
        }
    }

    private static List<String> blocks(String armored) {
        List<String> blocks = new ArrayList<>();
        int start = armored.indexOf(BEGIN);
        while (start >= 0) {
            int next = armored.indexOf(BEGIN, start + BEGIN.length());
            blocks.add(next < 0 ? armored.substring(start) : armored.substring(start, next));
            start = next;
        }
        return blocks;
    }

    private static String describe(String entry) {
        return entry.contains(BEGIN) ? "an armored block" : entry.strip();
    }
}
