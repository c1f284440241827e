package io.flotilla.imageupdater.declaration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.events.GoDuration;
import io.flotilla.imageupdater.policy.ExcludingPolicy;
import io.flotilla.imageupdater.policy.ImagePolicySpec;
import io.flotilla.imageupdater.policy.PolicySyntaxException;
import io.flotilla.imageupdater.policy.TagPolicy;
import io.flotilla.imageupdater.registry.ImageRepository;

/**
 * The Flux v2 image automation of one commit ({@code image.toolkit.fluxcd.io}, any version): ImageRepositories
 * (the image, {@code interval}, {@code secretRef}, {@code insecure}, {@code exclusionList}), ImagePolicies (their
 * repository and policy) and ImageUpdateAutomations ({@code update.path}, {@code git.checkout.ref.branch},
 * {@code git.push.branch}, {@code git.commit.author}, {@code git.commit.messageTemplate}, {@code suspend}), put
 * together with the setter markers of the commit's files: a marker in a file under the path of an automation that
 * runs on the branch is a value its policy moves. Where several automations cover a file, the one with the
 * longest path wins. Objects are gathered with {@link #add} from every file first, since a policy may sit in
 * another file than its repository.
 */
public final class FluxV2Automations {

    private static final String GROUP = "image.toolkit.fluxcd.io/";
    private static final List<String> DEFAULT_EXCLUSIONS = List.of("^.*\\.sig$");

    private final Map<String, Repository> repositories = new LinkedHashMap<>();
    private final List<Policy> policies = new ArrayList<>();
    private final List<Automation> automations = new ArrayList<>();

    private record Repository(String file, String name, String image, ImageRepository repository, String secret,
            Duration interval, List<String> exclusions, boolean suspended) {
    }

    private record Policy(String file, String name, String repository, Map<String, ?> spec) {
    }

    private record Automation(String name, String path, String branch, CommitSettings commit, boolean suspended) {

        boolean covers(String file, String readBranch) {
            return !suspended && (branch == null || branch.equals(readBranch))
                    && (path.isEmpty() || file.startsWith(path + "/"));
        }
    }

    /** Takes {@code object} if it is a Flux v2 image object; a field that cannot be read goes to {@code errors}. */
    public void add(String file, Map<String, Object> object, List<AutomationError> errors) {
        if (!(object.get("apiVersion") instanceof String apiVersion) || !apiVersion.startsWith(GROUP)) {
            return;
        }
        Fields fields = new Fields(object);
        String kind = String.valueOf(object.get("kind"));
        String name = fields.namespace() + "/" + fields.text("metadata.name");
        String described = kind + " " + name;
        try {
            switch (kind) {
                case "ImageRepository" -> repositories.put(name, repository(file, name, fields));
                case "ImagePolicy" -> policies.add(new Policy(file, name, reference(fields), fields.map("spec")));
                case "ImageUpdateAutomation" -> automations.add(automation(name, fields));
                default -> {
                    // ImagePolicy and ImageRepository are what is followed; other kinds of the group are not read.
                }
            }
        } catch (IllegalArgumentException e) {
            errors.add(new AutomationError(file, described, file + ": " + described + ": " + e.getMessage()));
        }
    }

    private static Repository repository(String file, String name, Fields fields) {
        String image = fields.required("spec.image");
        boolean insecure = "true".equals(fields.text("spec.insecure"));
        ImageRepository repository = ImageRepository.parse(image, insecure);
        String interval = fields.text("spec.interval");
        List<String> exclusions = fields.list("spec.exclusionList").orElse(DEFAULT_EXCLUSIONS);
        return new Repository(file, name, image, repository, fields.text("spec.secretRef.name"),
                interval == null ? null : interval(interval), exclusions, "true".equals(fields.text("spec.suspend")));
    }

    private static Duration interval(String interval) {
        try {
            return GoDuration.parse(interval);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spec.interval " + e.getMessage());
        }
    }

    private static String reference(Fields fields) {
        String name = fields.required("spec.imageRepositoryRef.name");
        String namespace = fields.text("spec.imageRepositoryRef.namespace");
        return (namespace == null ? fields.namespace() : namespace) + "/" + name;
    }

    private static Automation automation(String name, Fields fields) {
        String path = fields.text("spec.update.path");
        String normalized = path == null ? "" : path.trim().replaceAll("^(\\./)+", "").replaceAll("^\\.$", "")
                .replaceAll("/+$", "");
        String authorName = fields.text("spec.git.commit.author.name");
        String authorEmail = fields.text("spec.git.commit.author.email");
        String author = authorName == null ? null
                : authorName + (authorEmail == null ? "" : " <" + authorEmail + ">");
        return new Automation(name, normalized, fields.text("spec.git.checkout.ref.branch"),
                new CommitSettings(fields.text("spec.git.push.branch"), author,
                        fields.text("spec.git.commit.messageTemplate")),
                "true".equals(fields.text("spec.suspend")));
    }

    /**
     * Every ImagePolicy as an image to follow on {@code branch}, with the markers that name it as its targets;
     * policies that cannot be followed, and markers naming a policy the commit does not declare, go to
     * {@code errors}.
     */
    public List<AutomatedImage> resolve(String branch, List<SetterMarker> markers, List<AutomationError> errors) {
        List<AutomatedImage> images = new ArrayList<>();
        for (Policy policy : policies) {
            String described = "ImagePolicy " + policy.name();
            Repository repository = repositories.get(policy.repository());
            if (repository == null) {
                errors.add(new AutomationError(policy.file(), described, policy.file() + ": " + described
                        + ": spec.imageRepositoryRef names ImageRepository " + policy.repository()
                        + ", which no file of this commit declares"));
                continue;
            }
            if (repository.suspended()) {
                continue;
            }
            TagPolicy tagPolicy;
            try {
                tagPolicy = new ExcludingPolicy(ImagePolicySpec.read(policy.spec()), repository.exclusions());
            } catch (PolicySyntaxException e) {
                errors.add(new AutomationError(policy.file(), described, policy.file() + ": " + described + ": "
                        + e.getMessage()));
                continue;
            }
            List<EditTarget> targets = new ArrayList<>();
            for (SetterMarker marker : markers) {
                if (marker.policy().equals(policy.name())) {
                    coveringAutomation(marker.file(), branch).ifPresent(automation -> targets.add(new EditTarget(
                            marker.file(), marker.document(), marker.path(), marker.current(), marker.form(),
                            repository.image(), policy.name(), automation.commit())));
                }
            }
            images.add(new AutomatedImage(described, null, policy.file(), repository.repository(),
                    repository.secret(), repository.interval(), tagPolicy, targets));
        }
        for (SetterMarker marker : markers) {
            if (policies.stream().noneMatch(policy -> policy.name().equals(marker.policy()))) {
                errors.add(new AutomationError(marker.file(), null, marker.file() + ":" + marker.line()
                        + ": the setter marker names ImagePolicy " + marker.policy()
                        + ", which no file of this commit declares"));
            }
        }
        return images;
    }

    private Optional<Automation> coveringAutomation(String file, String branch) {
        return automations.stream().filter(automation -> automation.covers(file, branch))
                .max(Comparator.comparingInt(automation -> automation.path().length()));
    }

    /** Dotted reads of a parsed object, with the field named in errors. */
    private record Fields(Map<String, ?> object) {

        String namespace() {
            String namespace = text("metadata.namespace");
            return namespace == null ? "default" : namespace;
        }

        Object at(String path) {
            Object value = object;
            for (String key : path.split("\\.")) {
                if (!(value instanceof Map<?, ?> map)) {
                    return null;
                }
                value = map.get(key);
            }
            return value;
        }

        String text(String path) {
            Object value = at(path);
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
                throw new IllegalArgumentException(path + " must be a string");
            }
            return value == null ? null : value.toString();
        }

        String required(String path) {
            String value = text(path);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(path + " is missing");
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        Map<String, ?> map(String path) {
            Object value = at(path);
            if (value != null && !(value instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(path + " must be a mapping");
            }
            return value == null ? Map.of() : (Map<String, ?>) value;
        }

        Optional<List<String>> list(String path) {
            Object value = at(path);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof List<?> items)) {
                throw new IllegalArgumentException(path + " must be a list");
            }
            return Optional.of(items.stream().map(String::valueOf).toList());
        }
    }
}
