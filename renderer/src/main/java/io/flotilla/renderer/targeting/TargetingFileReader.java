package io.flotilla.renderer.targeting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.flotilla.clusters.ClusterLabels;
import io.flotilla.events.GoDuration;

/** Turns the targeting file's YAML into its entries, failing at the first field that is not as documented. */
final class TargetingFileReader {

    private static final Set<String> TOP = Set.of("apiVersion", "kind", "targets", "tenants");
    private static final Set<String> ENTRY = Set.of("name", "paths", "clusters", "exclude", "customizations",
            "rollout");
    private static final Set<String> SELECTOR = Set.of("names", "matchLabels", "matchExpressions");
    private static final Set<String> EXPRESSION = Set.of("key", "operator", "values");
    private static final Set<String> CUSTOMIZATION = Set.of("clusters", "values");
    private static final Set<String> ROLLOUT = Set.of("soak", "waves");
    private static final Set<String> WAVE = Set.of("name", "clusters", "batch");
    private static final Pattern BATCH = Pattern.compile("([1-9]\\d*)(%?)");

    private TargetingFileReader() {
    }

    static TargetingFile read(YamlNode root) throws InvalidTargetingException {
        if (root.value() == null) {
            throw new InvalidTargetingException(root.line(), "the file is empty; it needs apiVersion "
                    + TargetingFile.API_VERSION + ", kind " + TargetingFile.KIND + " and targets");
        }
        Map<String, YamlNode> top = mapping(root, "the document", TOP);
        String apiVersion = requiredText(top, root, "apiVersion", "");
        if (!apiVersion.equals(TargetingFile.API_VERSION)) {
            throw new InvalidTargetingException(top.get("apiVersion").line(), "apiVersion: '" + apiVersion
                    + "' is not known; use " + TargetingFile.API_VERSION);
        }
        String kind = requiredText(top, root, "kind", "");
        if (!kind.equals(TargetingFile.KIND)) {
            throw new InvalidTargetingException(top.get("kind").line(), "kind: '" + kind + "' is not known; use "
                    + TargetingFile.KIND);
        }
        YamlNode targets = top.get("targets");
        List<TargetEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (targets != null && targets.value() != null) {
            List<YamlNode> items = sequence(targets, "targets");
            for (int i = 0; i < items.size(); i++) {
                TargetEntry entry = entry(items.get(i), "targets[" + i + "]");
                if (!names.add(entry.name())) {
                    throw new InvalidTargetingException(entry.line(), "targets[" + i + "].name: '" + entry.name()
                            + "' names another entry already; each entry needs a name of its own");
                }
                entries.add(entry);
            }
        }
        return new TargetingFile(entries, TenantsReader.read(top.get("tenants")));
    }

    private static TargetEntry entry(YamlNode node, String where) throws InvalidTargetingException {
        Map<String, YamlNode> fields = mapping(node, where, ENTRY);
        String name = requiredText(fields, node, "name", where + ".");
        YamlNode pathsNode = fields.get("paths");
        if (pathsNode == null || pathsNode.value() == null) {
            throw new InvalidTargetingException(node.line(), where + ".paths is required: the globs of the files"
                    + " whose releases this entry targets");
        }
        List<PathGlob> paths = new ArrayList<>();
        List<YamlNode> globs = sequence(pathsNode, where + ".paths");
        if (globs.isEmpty()) {
            throw new InvalidTargetingException(pathsNode.line(), where + ".paths is empty: give at least one glob");
        }
        for (int i = 0; i < globs.size(); i++) {
            YamlNode glob = globs.get(i);
            String text = text(glob, where + ".paths[" + i + "]");
            try {
                paths.add(PathGlob.of(text));
            } catch (IllegalArgumentException e) {
                throw new InvalidTargetingException(glob.line(), where + ".paths[" + i + "]: " + e.getMessage());
            }
        }
        ClusterSelector clusters = selector(fields.get("clusters"), where + ".clusters");
        ClusterSelector exclude = selector(fields.get("exclude"), where + ".exclude");
        List<Customization> customizations = new ArrayList<>();
        YamlNode customizationsNode = fields.get("customizations");
        if (customizationsNode != null && customizationsNode.value() != null) {
            List<YamlNode> items = sequence(customizationsNode, where + ".customizations");
            for (int i = 0; i < items.size(); i++) {
                customizations.add(customization(items.get(i), where + ".customizations[" + i + "]"));
            }
        }
        YamlNode rollout = fields.get("rollout");
        return new TargetEntry(name, node.line(), paths, clusters, exclude, customizations,
                rollout == null || rollout.value() == null ? null : rollout(rollout, where + ".rollout"));
    }

    private static Customization customization(YamlNode node, String where) throws InvalidTargetingException {
        Map<String, YamlNode> fields = mapping(node, where, CUSTOMIZATION);
        YamlNode values = fields.get("values");
        if (values == null || values.value() == null) {
            throw new InvalidTargetingException(node.line(), where + ".values is required: the values merged over"
                    + " the release's on the clusters selected");
        }
        if (!values.isMapping()) {
            throw new InvalidTargetingException(values.line(), where + ".values must be a mapping of values");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) values.plain();
        return new Customization(selector(fields.get("clusters"), where + ".clusters"), plain);
    }

    private static RolloutPlan rollout(YamlNode node, String where) throws InvalidTargetingException {
        Map<String, YamlNode> fields = mapping(node, where, ROLLOUT);
        Duration soak = Duration.ZERO;
        YamlNode soakNode = fields.get("soak");
        if (soakNode != null && soakNode.value() != null) {
            try {
                soak = GoDuration.parse(String.valueOf(soakNode.value()));
            } catch (IllegalArgumentException e) {
                throw new InvalidTargetingException(soakNode.line(), where + ".soak: " + e.getMessage());
            }
        }
        YamlNode wavesNode = fields.get("waves");
        if (wavesNode == null || wavesNode.value() == null) {
            throw new InvalidTargetingException(node.line(), where + ".waves is required: the waves in order");
        }
        List<YamlNode> items = sequence(wavesNode, where + ".waves");
        if (items.isEmpty()) {
            throw new InvalidTargetingException(wavesNode.line(), where + ".waves is empty: give at least one wave");
        }
        List<Wave> waves = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = where + ".waves[" + i + "]";
            Map<String, YamlNode> wave = mapping(items.get(i), at, WAVE);
            String name = requiredText(wave, items.get(i), "name", at + ".");
            if (!names.add(name)) {
                throw new InvalidTargetingException(items.get(i).line(), at + ".name: '" + name
                        + "' names another wave already");
            }
            waves.add(new Wave(name, selector(wave.get("clusters"), at + ".clusters"),
                    batch(wave.get("batch"), at + ".batch")));
        }
        return new RolloutPlan(soak, waves);
    }

    private static WaveBatch batch(YamlNode node, String where) throws InvalidTargetingException {
        if (node == null || node.value() == null) {
            return null;
        }
        Matcher matcher = BATCH.matcher(String.valueOf(node.value()).strip());
        if (!(node.value() instanceof String || node.value() instanceof Integer) || !matcher.matches()) {
            throw new InvalidTargetingException(node.line(), where + ": '" + node.value()
                    + "' is neither a count of clusters (such as 2) nor a percentage (such as 25%)");
        }
        int size = Integer.parseInt(matcher.group(1));
        boolean percent = !matcher.group(2).isEmpty();
        if (percent && size > 100) {
            throw new InvalidTargetingException(node.line(), where + ": " + size + "% is more than 100%");
        }
        return new WaveBatch(size, percent);
    }

    private static ClusterSelector selector(YamlNode node, String where) throws InvalidTargetingException {
        if (node == null || node.value() == null) {
            return ClusterSelector.NOTHING_SAID;
        }
        Map<String, YamlNode> fields = mapping(node, where, SELECTOR);
        List<String> names = null;
        YamlNode namesNode = fields.get("names");
        if (namesNode != null && namesNode.value() != null) {
            names = new ArrayList<>();
            List<YamlNode> items = sequence(namesNode, where + ".names");
            for (int i = 0; i < items.size(); i++) {
                names.add(text(items.get(i), where + ".names[" + i + "]"));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        YamlNode labelsNode = fields.get("matchLabels");
        if (labelsNode != null && labelsNode.value() != null) {
            Map<String, YamlNode> given = mapping(labelsNode, where + ".matchLabels", null);
            for (Map.Entry<String, YamlNode> label : given.entrySet()) {
                String value = scalar(label.getValue(), where + ".matchLabels." + label.getKey());
                checkLabel(label.getKey(), value, label.getValue().line(), where + ".matchLabels");
                labels.put(label.getKey(), value);
            }
        }
        List<LabelExpression> expressions = new ArrayList<>();
        YamlNode expressionsNode = fields.get("matchExpressions");
        if (expressionsNode != null && expressionsNode.value() != null) {
            List<YamlNode> items = sequence(expressionsNode, where + ".matchExpressions");
            for (int i = 0; i < items.size(); i++) {
                expressions.add(expression(items.get(i), where + ".matchExpressions[" + i + "]"));
            }
        }
        return new ClusterSelector(names, labels, expressions);
    }

    private static LabelExpression expression(YamlNode node, String where) throws InvalidTargetingException {
        Map<String, YamlNode> fields = mapping(node, where, EXPRESSION);
        String key = requiredText(fields, node, "key", where + ".");
        checkLabel(key, "", fields.get("key").line(), where);
        String operatorText = requiredText(fields, node, "operator", where + ".");
        LabelExpression.Operator operator = Arrays.stream(LabelExpression.Operator.values())
                .filter(known -> known.name().equals(operatorText)).findFirst()
                .orElseThrow(() -> new InvalidTargetingException(fields.get("operator").line(), where
                        + ".operator: '" + operatorText + "' is not an operator of a label selector; use In, NotIn,"
                        + " Exists or DoesNotExist"));
        List<String> values = new ArrayList<>();
        YamlNode valuesNode = fields.get("values");
        if (valuesNode != null && valuesNode.value() != null) {
            List<YamlNode> items = sequence(valuesNode, where + ".values");
            for (int i = 0; i < items.size(); i++) {
                values.add(scalar(items.get(i), where + ".values[" + i + "]"));
            }
        }
        boolean needsValues = operator == LabelExpression.Operator.In || operator == LabelExpression.Operator.NotIn;
        if (needsValues && values.isEmpty()) {
            throw new InvalidTargetingException(node.line(), where + ": operator " + operator
                    + " needs at least one value in values");
        }
        if (!needsValues && !values.isEmpty()) {
            throw new InvalidTargetingException(valuesNode.line(), where + ": operator " + operator
                    + " takes no values");
        }
        return new LabelExpression(key, operator, values);
    }

    private static void checkLabel(String key, String value, int line, String where)
            throws InvalidTargetingException {
        try {
            ClusterLabels.check(key, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidTargetingException(line, where + ": " + e.getMessage());
        }
    }

    /** A mapping whose keys are all among {@code known} (any keys when null). */
    static Map<String, YamlNode> mapping(YamlNode node, String where, Set<String> known)
            throws InvalidTargetingException {
        if (!node.isMapping()) {
            throw new InvalidTargetingException(node.line(), where + " must be a mapping");
        }
        if (known != null) {
            for (Map.Entry<String, YamlNode> field : node.fields().entrySet()) {
                if (!known.contains(field.getKey())) {
                    throw new InvalidTargetingException(field.getValue().line(), where + ": unknown field '"
                            + field.getKey() + "'; the fields are " + known.stream().sorted()
                                    .collect(Collectors.joining(", ")));
                }
            }
        }
        return node.fields();
    }

    static List<YamlNode> sequence(YamlNode node, String where) throws InvalidTargetingException {
        if (!(node.value() instanceof List<?>)) {
            throw new InvalidTargetingException(node.line(), where + " must be a list");
        }
        return node.items();
    }

    static String requiredText(Map<String, YamlNode> fields, YamlNode owner, String field, String prefix)
            throws InvalidTargetingException {
        YamlNode node = fields.get(field);
        if (node == null || node.value() == null) {
            throw new InvalidTargetingException(owner.line(), prefix + field + " is required");
        }
        String text = text(node, prefix + field);
        if (text.isBlank()) {
            throw new InvalidTargetingException(node.line(), prefix + field + " is empty");
        }
        return text;
    }

    static String text(YamlNode node, String where) throws InvalidTargetingException {
        if (!(node.value() instanceof String text)) {
            throw new InvalidTargetingException(node.line(), where + " must be a string");
        }
        return text;
    }

    /** A label value as Kubernetes takes it: a string, a number or a boolean written as text. */
    private static String scalar(YamlNode node, String where) throws InvalidTargetingException {
        Object value = node.value();
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new InvalidTargetingException(node.line(), where + " must be a string");
    }
}
