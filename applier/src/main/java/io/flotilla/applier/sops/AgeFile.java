package io.flotilla.applier.sops;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An age file (age-encryption.org/v1), ASCII-armored as SOPS keeps it under {@code sops.age[].enc}: its X25519
 * stanzas are tried with each identity; the header's MAC is checked with the file key found, then the payload is
 * opened (STREAM of ChaCha20-Poly1305 chunks of 64 KiB).
 */
final class AgeFile {

    private static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
    private static final String END = "-----END AGE ENCRYPTED FILE-----";
    private static final String VERSION = "age-encryption.org/v1";
    private static final int CHUNK = 64 * 1024;
    private static final int TAG = 16;
    private static final Base64.Decoder RAW = Base64.getDecoder();

    private AgeFile() {
    }

    /**
     * The payload of {@code armored}, if one of {@code identities} opens it.
     *
     * @throws IllegalArgumentException when it is not an age file, or was altered
     */
    static Optional<byte[]> open(String armored, List<AgeIdentity> identities) {
        byte[] file = dearmor(armored);
        int headerEnd = indexOf(file, "\n--- ".getBytes(StandardCharsets.US_ASCII));
        if (headerEnd < 0) {
            throw new IllegalArgumentException("not an age file: no header end");
        }
        int macStart = headerEnd + 5;
        int macEnd = indexOf(file, new byte[] {'\n'}, macStart);
        if (macEnd < 0) {
            throw new IllegalArgumentException("not an age file: no payload");
        }
        String[] lines = new String(file, 0, headerEnd, StandardCharsets.US_ASCII).split("\n", -1);
        if (!lines[0].equals(VERSION)) {
            throw new IllegalArgumentException("not an age v1 file");
        }
        List<byte[][]> x25519 = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].startsWith("-> ")) {
                throw new IllegalArgumentException("not an age file: a stanza is malformed");
            }
            String[] arguments = lines[i].substring(3).split(" ");
            StringBuilder body = new StringBuilder();
            while (true) {
                i++;
                if (i >= lines.length) {
                    throw new IllegalArgumentException("not an age file: a stanza is cut");
                }
                body.append(lines[i]);
                if (lines[i].length() < 64) {
                    break;
                }
            }
            if (arguments[0].equals("X25519") && arguments.length == 2) {
                x25519.add(new byte[][] {RAW.decode(arguments[1]), RAW.decode(body.toString())});
            }
        }
        for (byte[][] stanza : x25519) {
            for (AgeIdentity identity : identities) {
                Optional<byte[]> fileKey = identity.unwrap(stanza[0], stanza[1]);
                if (fileKey.isPresent()) {
                    checkHeader(file, headerEnd + 4, RAW.decode(new String(file, macStart, macEnd - macStart,
                            StandardCharsets.US_ASCII)), fileKey.get());
                    return Optional.of(payload(fileKey.get(), Arrays.copyOfRange(file, macEnd + 1, file.length)));
                }
            }
        }
        return Optional.empty();
    }

    private static void checkHeader(byte[] file, int covered, byte[] mac, byte[] fileKey) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(AgeIdentity.hkdf(fileKey, new byte[0],
                    "header".getBytes(StandardCharsets.US_ASCII)), "HmacSHA256"));
            hmac.update(file, 0, covered);
            if (!MessageDigest.isEqual(hmac.doFinal(), mac)) {
                throw new IllegalArgumentException("the age header's MAC does not match: the file was altered");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HMAC-SHA256: " + e.getMessage(), e);
        }
    }

    private static byte[] payload(byte[] fileKey, byte[] payload) {
        if (payload.length < 16 + TAG) {
            throw new IllegalArgumentException("the age payload is cut");
        }
        try {
            byte[] key = AgeIdentity.hkdf(fileKey, Arrays.copyOf(payload, 16),
                    "payload".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            int offset = 16;
            long counter = 0;
            while (true) {
                int length = Math.min(CHUNK + TAG, payload.length - offset);
                boolean last = offset + length == payload.length;
                byte[] nonce = new byte[12];
                for (int i = 0; i < 8; i++) {
                    nonce[10 - i] = (byte) (counter >>> 8 * i);
                }
                nonce[11] = (byte) (last ? 1 : 0);
                plain.writeBytes(AgeIdentity.chaCha20Poly1305Open(key, nonce,
                        Arrays.copyOfRange(payload, offset, offset + length)));
                offset += length;
                counter++;
                if (last) {
                    return plain.toByteArray();
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the age payload does not open: altered or cut", e);
        }
    }

    private static byte[] dearmor(String armored) {
        String text = armored.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IllegalArgumentException("not an armored age file (" + BEGIN + ")");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an armored age file that is not base64", e);
        }
    }

    private static int indexOf(byte[] data, byte[] part) {
        return indexOf(data, part, 0);
    }

    private static int indexOf(byte[] data, byte[] part, int from) {
        outer:
        for (int i = from; i <= data.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
