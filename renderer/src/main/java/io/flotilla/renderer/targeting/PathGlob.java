package io.flotilla.renderer.targeting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path glob of the targeting file, matched against the path of the file that declares a release (a folder of
 * plain manifests: the folder). Segments are separated by {@code /}; {@code **} as a whole segment matches any
 * number of segments, none too (so {@code flux/common/**} matches the folder {@code flux/common} and all below);
 * {@code *} matches any part of one segment and {@code ?} one character of it; {@code {cluster}} matches a part of
 * one segment and says the release goes to the cluster of that name only ({@code flux/cluster_{cluster}/**}).
 */
public final class PathGlob {

    static final String CLUSTER = "{cluster}";
    private static final String ANY_DEPTH = "**";

    private final String glob;
    /** Each segment as a pattern; null for {@code **}. */
    private final List<Pattern> segments;

    private PathGlob(String glob, List<Pattern> segments) {
        this.glob = glob;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException saying what is wrong with the glob */
    public static PathGlob of(String glob) {
        if (glob.isEmpty() || glob.startsWith("/") || glob.endsWith("/") || glob.contains("//")) {
            throw new IllegalArgumentException("path '" + glob + "' must be relative to the repository root, with"
                    + " no empty segment (no leading, trailing or double '/')");
        }
        List<Pattern> segments = new ArrayList<>();
        for (String segment : glob.split("/")) {
            if (segment.equals(ANY_DEPTH)) {
                segments.add(null);
            } else if (segment.contains(ANY_DEPTH)) {
                throw new IllegalArgumentException("path '" + glob + "': '**' must be a whole segment, as in a/**/b");
            } else {
                segments.add(segmentPattern(segment));
            }
        }
        return new PathGlob(glob, Collections.unmodifiableList(segments));
    }

    private static Pattern segmentPattern(String segment) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < segment.length()) {
            if (segment.startsWith(CLUSTER, i)) {
                regex.append("([^/]+)");
                i += CLUSTER.length();
                continue;
            }
            char c = segment.charAt(i);
            if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Pattern.compile(regex.toString());
    }

    /**
     * @param path a file's path or a folder's, relative to the repository root ({@code ""} for the root)
     * @return empty when the path does not match; else the match, with the cluster {@code {cluster}} stood for
     */
    public Optional<Match> match(String path) {
        String[] parts = path.isEmpty() ? new String[0] : path.split("/");
        List<String> clusters = new ArrayList<>();
        if (!match(0, parts, 0, clusters)) {
            return Optional.empty();
        }
        String cluster = clusters.isEmpty() ? null : clusters.get(0);
        if (clusters.stream().anyMatch(other -> !other.equals(cluster))) {
            return Optional.empty();
        }
        return Optional.of(new Match(cluster));
    }

    private boolean match(int segment, String[] parts, int part, List<String> clusters) {
        if (segment == segments.size()) {
            return part == parts.length;
        }
        Pattern pattern = segments.get(segment);
        if (pattern == null) {
            for (int next = part; next <= parts.length; next++) {
                int captured = clusters.size();
                if (match(segment + 1, parts, next, clusters)) {
                    return true;
                }
                clusters.subList(captured, clusters.size()).clear();
            }
            return false;
        }
        if (part == parts.length) {
            return false;
        }
        Matcher matcher = pattern.matcher(parts[part]);
        if (!matcher.matches()) {
            return false;
        }
        int captured = clusters.size();
        for (int group = 1; group <= matcher.groupCount(); group++) {
            clusters.add(matcher.group(group));
        }
        if (match(segment + 1, parts, part + 1, clusters)) {
            return true;
        }
        clusters.subList(captured, clusters.size()).clear();
        return false;
    }

    @Override
    public String toString() {
        return glob;
    }

    /** @param cluster the cluster {@code {cluster}} stood for; null when the glob has none */
    public record Match(String cluster) {
    }
}
