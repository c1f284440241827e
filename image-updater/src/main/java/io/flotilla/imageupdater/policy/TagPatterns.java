package io.flotilla.imageupdater.policy;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles the regular expressions users write in filters, with a message saying what is wrong. */
final class TagPatterns {

    private TagPatterns() {
    }

    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new PolicySyntaxException("regular expression '" + regex + "' does not parse: "
                    + e.getDescription() + " near index " + e.getIndex(), e);
        }
    }
}
