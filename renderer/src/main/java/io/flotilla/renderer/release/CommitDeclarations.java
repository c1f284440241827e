package io.flotilla.renderer.release;

import java.util.List;
import java.util.Map;

/**
 * What a commit declares: its releases, and the files that would declare releases but cannot be read. A
 * release missing from {@code releases} whose file is among {@code unreadableFiles} is not gone: its file broke.
 *
 * @param unreadableFiles why each file cannot be read (not YAML, a YAML bomb, a HelmRelease with no usable name),
 *                        by path
 */
public record CommitDeclarations(List<DeclaredRelease> releases, Map<String, String> unreadableFiles) {

    public CommitDeclarations {
        releases = List.copyOf(releases);
        unreadableFiles = Map.copyOf(unreadableFiles);
    }
}
