package io.flotilla.imageupdater.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.semver4j.Semver;

/**
 * Tags read as semantic versions the way Flux reads them (Masterminds' lenient parsing): a leading {@code v} and
 * missing minor or patch numbers are allowed ({@code v1.2} is 1.2.0), anything else that is not a version is not
 * one ({@code dev-abc}, {@code latest}).
 */
final class Versions {

    private static final Pattern LENIENT = Pattern.compile(
            "v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");

    private Versions() {
    }

    static Optional<Semver> parse(String tag) {
        Matcher matcher = LENIENT.matcher(tag);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String strict = number(matcher.group(1)) + "." + number(matcher.group(2)) + "." + number(matcher.group(3))
                + (matcher.group(4) == null ? "" : matcher.group(4))
                + (matcher.group(5) == null ? "" : matcher.group(5));
        return Optional.ofNullable(Semver.parse(strict));
    }

    private static String number(String digits) {
        return digits == null ? "0" : digits.replaceFirst("^0+(?=\\d)", "");
    }
}
