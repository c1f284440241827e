package io.flotilla.imageupdater.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flux v2's {@code filterTags}: only tags the {@code pattern} finds a match in are eligible, and the policy
 * compares what {@code extract} makes of the match instead of the whole tag. {@code extract} is written as Go's
 * {@code Regexp.Expand} takes it: {@code $1} or {@code ${1}} for a numbered group, {@code $ts} or {@code ${ts}}
 * for a named one, {@code $$} for a dollar; a group that did not match gives nothing. With no {@code extract},
 * the tag itself is compared.
 */
public final class TagFilter {

    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final String pattern;
    private final Pattern compiled;
    private final String extract;

    public TagFilter(String pattern, String extract) {
        this.pattern = pattern == null ? "" : pattern;
        // Go writes named groups (?P<name>...); Java (?<name>...).
        this.compiled = TagPatterns.compile(this.pattern.replace("(?P<", "(?<"));
        this.extract = extract == null ? "" : extract;
        checkGroups();
    }

    private void checkGroups() {
        Matcher reference = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))").matcher(extract.replace("$$", ""));
        while (reference.find()) {
            String group = reference.group(1) != null ? reference.group(1) : reference.group(2);
            boolean known = group.matches("\\d+")
                    ? Integer.parseInt(group) <= compiled.matcher("").groupCount()
                    : NAMED_GROUP.matcher(compiled.pattern()).results().anyMatch(named -> named.group(1).equals(group));
            if (!known) {
                throw new PolicySyntaxException("filterTags.extract '" + extract + "' names the group '" + group
                        + "', which filterTags.pattern '" + pattern + "' does not have");
            }
        }
    }

    /** What the policy compares for {@code tag}; empty if the tag is not eligible. */
    public Optional<String> valueOf(String tag) {
        Matcher matcher = compiled.matcher(tag);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(extract.isEmpty() ? tag : expand(matcher));
    }

    private String expand(Matcher matcher) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < extract.length()) {
            char c = extract.charAt(i);
            if (c != '$' || i + 1 == extract.length()) {
                out.append(c);
                i++;
            } else if (extract.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else {
                int start = i + 1;
                boolean braced = extract.charAt(start) == '{';
                int nameStart = braced ? start + 1 : start;
                int end = nameStart;
                while (end < extract.length() && (Character.isLetterOrDigit(extract.charAt(end)) || extract.charAt(end) == '_')) {
                    end++;
                }
                if (end == nameStart || (braced && (end == extract.length() || extract.charAt(end) != '}'))) {
                    out.append(c);
                    i++;
                    continue;
                }
                String group = extract.substring(nameStart, end);
                String value = group.matches("\\d+") ? matcher.group(Integer.parseInt(group)) : matcher.group(group);
                out.append(value == null ? "" : value);
                i = braced ? end + 1 : end;
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "filterTags.pattern '" + pattern + "'" + (extract.isEmpty() ? "" : " extract '" + extract + "'");
    }
}
