package io.flotilla.gitwatcher.source;

import java.util.regex.Pattern;

/**
 * The branches of a source's repository that are previewed when polled: a glob of branch names, {@code preview/*}
 * ({@code *} any characters but {@code /}, {@code ?} one of them).
 */
public record BranchGlob(String pattern) {

    public BranchGlob {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("a branch pattern cannot be empty");
        }
        pattern = pattern.strip();
    }

    /** The glob a user gave, or null when blank or absent: no branch is previewed. */
    public static BranchGlob ofNullable(String pattern) {
        return pattern == null || pattern.isBlank() ? null : new BranchGlob(pattern);
    }

    public boolean matches(String branch) {
        return regex().matcher(branch).matches();
    }

    private Pattern regex() {
        return RefGlob.regex(pattern);
    }
}
