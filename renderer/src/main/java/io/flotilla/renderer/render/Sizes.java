package io.flotilla.renderer.render;

import java.util.Locale;

/** A number of bytes as a user reads it in a message: {@code 5.2 MiB}, {@code 1 MiB}, {@code 900 KiB}. */
final class Sizes {

    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB"};

    private Sizes() {
    }

    static String of(long bytes) {
        double amount = bytes;
        int unit = 0;
        while (amount >= 1024 && unit < UNITS.length - 1) {
            amount /= 1024;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.1f", amount);
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        return number + " " + UNITS[unit];
    }
}
