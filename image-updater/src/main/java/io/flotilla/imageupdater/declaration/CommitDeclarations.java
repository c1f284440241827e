package io.flotilla.imageupdater.declaration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads what a commit declares about image automation: every YAML file that mentions Flux's automation (a Flux v1
 * annotation, a Flux v2 image object, a setter marker) is parsed, Flux v1 HelmReleases are read with
 * {@link FluxV1Automations}, Flux v2 objects and markers with {@link FluxV2Automations}. What cannot be followed
 * is an {@link AutomationError} naming the file and the object; the rest of the commit is followed. The
 * declarations are read in the source files, not in the rendered releases: a rendering no longer shows the
 * annotations' values paths nor the markers, which are comments.
 */
public final class CommitDeclarations {

    private static final Pattern MENTIONS_AUTOMATION = Pattern.compile(
            "fluxcd\\.io/|flux\\.weave\\.works/|image\\.toolkit\\.fluxcd\\.io|\\$imagepolicy");

    private CommitDeclarations() {
    }

    /** The declarations of commit {@code sha} of {@code branch} of {@code source}, whose files are {@code files}. */
    public static Declarations read(String source, String branch, String sha, SourceFiles files) {
        List<AutomatedImage> images = new ArrayList<>();
        List<AutomationError> errors = new ArrayList<>();
        List<SetterMarker> markers = new ArrayList<>();
        FluxV2Automations fluxV2 = new FluxV2Automations();
        for (String path : files.paths().stream().sorted().toList()) {
            if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
                continue;
            }
            String text = files.read(path);
            if (!MENTIONS_AUTOMATION.matcher(text).find()) {
                continue;
            }
            YamlFile yaml;
            try {
                yaml = YamlFile.parse(path, text);
            } catch (InvalidYamlException e) {
                errors.add(new AutomationError(path, null, e.getMessage()));
                continue;
            }
            for (YamlFile.Document document : yaml.documents()) {
                Map<String, Object> object = document.object();
                fluxV1(path, document.index(), object, images, errors);
                fluxV2.add(path, object, errors);
            }
            markers.addAll(SetterMarkers.find(yaml, text, errors));
        }
        images.addAll(fluxV2.resolve(branch, markers, errors));
        return new Declarations(source, branch, sha, images, errors);
    }

    private static void fluxV1(String file, int document, Map<String, Object> object, List<AutomatedImage> images,
            List<AutomationError> errors) {
        List<Automation> automations;
        try {
            automations = FluxV1Automations.read(file, object);
        } catch (DeclarationException e) {
            errors.add(new AutomationError(file, e.object(), e.getMessage()));
            return;
        }
        if (automations.isEmpty()) {
            return;
        }
        String release = release(object);
        for (Automation automation : automations) {
            String written = String.valueOf(valueAt(object, automation.tagPath()));
            EditTarget target = automation.oneString()
                    ? new EditTarget(file, document, path(automation.tagPath()), written, ValueForm.IMAGE,
                            written.substring(0, written.lastIndexOf(':')), release, CommitSettings.DEFAULTS)
                    : new EditTarget(file, document, path(automation.tagPath()), written, ValueForm.TAG,
                            String.valueOf(valueAt(object, automation.repositoryPath())), release,
                            CommitSettings.DEFAULTS);
            images.add(new AutomatedImage("HelmRelease " + release, automation.container(), file,
                    automation.imageRepository(), null, null, automation.policy(), List.of(target)));
        }
    }

    private static String release(Map<String, Object> object) {
        Object metadata = object.get("metadata");
        Map<?, ?> fields = metadata instanceof Map<?, ?> map ? map : Map.of();
        Object namespace = fields.get("namespace");
        return (namespace == null ? "default" : namespace) + "/" + fields.get("name");
    }

    private static List<String> path(String dotted) {
        return Arrays.asList(dotted.split("\\."));
    }

    private static Object valueAt(Map<String, Object> object, String dotted) {
        Object value = object;
        for (String key : path(dotted)) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return value;
    }
}
