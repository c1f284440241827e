package io.flotilla.applier.sops;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** Bech32 (BIP 173) as age writes its keys: {@code age1...} recipients, {@code AGE-SECRET-KEY-1...} identities. */
final class Bech32 {

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private Bech32() {
    }

    /** The bytes of {@code text} when its human-readable part is {@code hrp}. */
    static byte[] decode(String hrp, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.equals(text) && !text.toUpperCase(Locale.ROOT).equals(text)) {
            throw new IllegalArgumentException("mixes upper and lower case");
        }
        int separator = lower.lastIndexOf('1');
        if (separator < 1 || !lower.substring(0, separator).equals(hrp) || lower.length() - separator - 1 < 6) {
            throw new IllegalArgumentException("does not start with " + hrp + "1");
        }
        int[] data = new int[lower.length() - separator - 1];
        for (int i = 0; i < data.length; i++) {
            data[i] = CHARSET.indexOf(lower.charAt(separator + 1 + i));
            if (data[i] < 0) {
                throw new IllegalArgumentException("has a character bech32 does not use");
            }
        }
        if (polymod(hrp, data, data.length) != 1) {
            throw new IllegalArgumentException("its checksum does not match: mistyped or cut");
        }
        return fromFiveBits(data, data.length - 6);
    }

    /** {@code bytes} written with {@code hrp}, lower case. */
    static String encode(String hrp, byte[] bytes) {
        int[] five = toFiveBits(bytes);
        int[] data = new int[five.length + 6];
        System.arraycopy(five, 0, data, 0, five.length);
        int checksum = polymod(hrp, data, data.length) ^ 1;
        for (int i = 0; i < 6; i++) {
            data[five.length + i] = (checksum >>> 5 * (5 - i)) & 31;
        }
        StringBuilder text = new StringBuilder(hrp).append('1');
        for (int value : data) {
            text.append(CHARSET.charAt(value));
        }
        return text.toString();
    }

    private static int polymod(String hrp, int[] data, int length) {
        int check = 1;
        for (int i = 0; i < hrp.length(); i++) {
            check = step(check, hrp.charAt(i) >> 5);
        }
        check = step(check, 0);
        for (int i = 0; i < hrp.length(); i++) {
            check = step(check, hrp.charAt(i) & 31);
        }
        for (int i = 0; i < length; i++) {
            check = step(check, data[i]);
        }
        return check;
    }

    private static int step(int check, int value) {
        int top = check >>> 25;
        check = (check & 0x1ffffff) << 5 ^ value;
        for (int i = 0; i < 5; i++) {
            if ((top >>> i & 1) == 1) {
                check ^= GENERATOR[i];
            }
        }
        return check;
    }

    private static byte[] fromFiveBits(int[] data, int length) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int accumulator = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            accumulator = accumulator << 5 | data[i];
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                bytes.write(accumulator >>> bits & 0xff);
            }
        }
        if (bits >= 5 || (accumulator & (1 << bits) - 1) != 0) {
            throw new IllegalArgumentException("has padding bech32 does not allow");
        }
        return bytes.toByteArray();
    }

    private static int[] toFiveBits(byte[] bytes) {
        int[] five = new int[(bytes.length * 8 + 4) / 5];
        int accumulator = 0;
        int bits = 0;
        int next = 0;
        for (byte value : bytes) {
            accumulator = accumulator << 8 | value & 0xff;
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                five[next++] = accumulator >>> bits & 31;
            }
        }
        if (bits > 0) {
            five[next] = accumulator << 5 - bits & 31;
        }
        return five;
    }
}
