package io.flotilla.renderer.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.events.sealing.SopsObjects;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * The objects of a rendering that were committed SOPS-encrypted, each given the file it came from and that file's
 * text as committed ({@link SopsObjects#withOrigin}): the renderer cannot decrypt them (it holds no age identity), and
 * kustomize may have added to them, so the applier needs the file as committed to check its MAC. The file is found
 * by the MAC SOPS wrote into it, which no other file has.
 */
final class SopsOrigins {

    private SopsOrigins() {
    }

    static List<Map<String, Object>> attach(List<Map<String, Object>> objects, CommitSnapshot snapshot) {
        if (objects.stream().noneMatch(SopsObjects::isEncrypted)) {
            return objects;
        }
        Map<String, Optional<String>> fileByMac = new HashMap<>();
        List<Map<String, Object>> attached = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            if (SopsObjects.isEncrypted(object)
                    && ((Map<?, ?>) object.get(SopsObjects.METADATA)).get("mac") instanceof String mac) {
                Optional<String> file = fileByMac.computeIfAbsent(mac, any -> fileHolding(mac, snapshot));
                attached.add(file.map(path -> SopsObjects.withOrigin(object, path, snapshot.readText(path)))
                        .orElse(object));
            } else {
                attached.add(object);
            }
        }
        return attached;
    }

    private static Optional<String> fileHolding(String mac, CommitSnapshot snapshot) {
        return snapshot.files().keySet().stream()
                .filter(path -> path.endsWith(".yaml") || path.endsWith(".yml"))
                .filter(path -> snapshot.readText(path).contains(mac))
                .findFirst();
    }
}
