package io.flotilla.gitwatcher.autorelease;

/**
 * Where one Auto-release commit goes: the repository (as the commits topic names it), the branch whose files were
 * read, and the branch pushed to, null for that same branch. Edits for one target share a commit.
 */
record ReleaseTarget(String repository, String branch, String pushBranch) {

    String pushTo() {
        return pushBranch == null || pushBranch.isBlank() ? branch : pushBranch;
    }

    @Override
    public String toString() {
        return repository + " (branch " + branch + (pushTo().equals(branch) ? "" : ", pushed to " + pushTo()) + ")";
    }
}
