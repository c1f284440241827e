package io.flotilla.renderer.targeting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the targeting file's {@code tenants}, strictly as the rest of it: a tenant that could reach further than
 * its author meant (no namespaces, a folder that takes in the targeting file itself, a name given twice) fails the
 * file with its line.
 */
final class TenantsReader {

    private static final Set<String> TENANT = Set.of("name", "paths", "namespaces", "kinds", "serviceAccount",
            "quota", "limits", "networkPolicy");
    private static final Set<String> ACCOUNT = Set.of("name", "namespace", "clusters");
    private static final Set<String> ACCOUNT_ON_CLUSTER = Set.of("name", "namespace");
    /** A DNS label, as Kubernetes names namespaces and service accounts. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A namespace glob: a label's characters, {@code *} and {@code ?}. */
    private static final Pattern NAMESPACE_GLOB = Pattern.compile("[-a-z0-9*?]{1,63}");
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*(\\.[a-z0-9.-]+)?");
    private static final String SAME_NAMESPACE = "same-namespace";
    private static final String NONE = "none";

    private TenantsReader() {
    }

    static List<TenantDeclaration> read(YamlNode node) throws InvalidTargetingException {
        List<TenantDeclaration> tenants = new ArrayList<>();
        if (node == null || node.value() == null) {
            return tenants;
        }
        Set<String> names = new HashSet<>();
        List<YamlNode> items = TargetingFileReader.sequence(node, "tenants");
        for (int i = 0; i < items.size(); i++) {
            TenantDeclaration tenant = tenant(items.get(i), "tenants[" + i + "]");
            if (!names.add(tenant.name())) {
                throw new InvalidTargetingException(tenant.line(), "tenants[" + i + "].name: '" + tenant.name()
                        + "' names another tenant already");
            }
            tenants.add(tenant);
        }
        return tenants;
    }

    private static TenantDeclaration tenant(YamlNode node, String where) throws InvalidTargetingException {
        Map<String, YamlNode> fields = TargetingFileReader.mapping(node, where, TENANT);
        String name = label(fields, node, "name", where);
        List<PathGlob> paths = paths(fields.get("paths"), node, where + ".paths");
        List<String> namespaces = texts(fields.get("namespaces"), node, where + ".namespaces", NAMESPACE_GLOB,
                "a namespace, or a glob of namespaces such as team-a-*");
        List<String> kinds = fields.containsKey("kinds")
                ? texts(fields.get("kinds"), node, where + ".kinds", KIND, "a kind such as Deployment, or"
                        + " Kind.group such as Certificate.cert-manager.io")
                : TenantDeclaration.DEFAULT_KINDS;
        YamlNode accountNode = fields.get("serviceAccount");
        Map<String, YamlNode> account = accountNode == null || accountNode.value() == null ? Map.of()
                : TargetingFileReader.mapping(accountNode, where + ".serviceAccount", ACCOUNT);
        TenantDeclaration.ServiceAccount fallback = new TenantDeclaration.ServiceAccount(null,
                TenantDeclaration.SERVICE_ACCOUNT_PREFIX + name);
        TenantDeclaration.ServiceAccount serviceAccount = serviceAccount(account, accountNode, fallback,
                where + ".serviceAccount");
        if (serviceAccount.namespace() == null) {
            String first = namespaces.get(0);
            if (first.contains("*") || first.contains("?")) {
                throw new InvalidTargetingException(node.line(), where + ".serviceAccount.namespace is required:"
                        + " the first of the namespaces, '" + first + "', is a glob, not a namespace");
            }
            serviceAccount = new TenantDeclaration.ServiceAccount(first, serviceAccount.name());
        }
        Map<String, TenantDeclaration.ServiceAccount> byCluster = new LinkedHashMap<>();
        YamlNode clusters = account.get("clusters");
        if (clusters != null && clusters.value() != null) {
            for (Map.Entry<String, YamlNode> cluster : TargetingFileReader.mapping(clusters,
                    where + ".serviceAccount.clusters", null).entrySet()) {
                String at = where + ".serviceAccount.clusters." + cluster.getKey();
                byCluster.put(cluster.getKey(), serviceAccount(TargetingFileReader.mapping(cluster.getValue(), at,
                        ACCOUNT_ON_CLUSTER), cluster.getValue(), serviceAccount, at));
            }
        }
        Map<String, Object> quota = plainMapping(fields.get("quota"), where + ".quota");
        List<Object> limits = plainList(fields.get("limits"), where + ".limits");
        boolean guarded = networkPolicy(fields.get("networkPolicy"), where + ".networkPolicy");
        return new TenantDeclaration(name, node.line(), paths, namespaces, kinds, serviceAccount, byCluster, quota,
                limits, guarded);
    }

    private static List<PathGlob> paths(YamlNode node, YamlNode owner, String where)
            throws InvalidTargetingException {
        if (node == null || node.value() == null) {
            throw new InvalidTargetingException(owner.line(), where + " is required: the globs of the folders the"
                    + " tenant owns");
        }
        List<YamlNode> items = TargetingFileReader.sequence(node, where);
        if (items.isEmpty()) {
            throw new InvalidTargetingException(node.line(), where + " is empty: give at least one glob");
        }
        List<PathGlob> paths = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String text = TargetingFileReader.text(item, where + "[" + i + "]");
            PathGlob glob;
            try {
                glob = PathGlob.of(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidTargetingException(item.line(), where + "[" + i + "]: " + e.getMessage());
            }
            if (text.contains(PathGlob.CLUSTER)) {
                throw new InvalidTargetingException(item.line(), where + "[" + i + "]: '" + text + "': "
                        + PathGlob.CLUSTER + " chooses clusters, which a tenant's folders do not");
            }
            if (glob.match(TargetingFile.NAME).isPresent()) {
                throw new InvalidTargetingException(item.line(), where + "[" + i + "]: '" + text + "' takes in "
                        + TargetingFile.NAME + ", which declares the tenants: a tenant may not own it; give the"
                        + " tenant's own folders, such as teams/a/**");
            }
            paths.add(glob);
        }
        return paths;
    }

    private static TenantDeclaration.ServiceAccount serviceAccount(Map<String, YamlNode> fields, YamlNode owner,
            TenantDeclaration.ServiceAccount fallback, String where) throws InvalidTargetingException {
        String name = fields.containsKey("name") ? label(fields, owner, "name", where) : fallback.name();
        String namespace = fields.containsKey("namespace") ? label(fields, owner, "namespace", where)
                : fallback.namespace();
        return new TenantDeclaration.ServiceAccount(namespace, name);
    }

    private static String label(Map<String, YamlNode> fields, YamlNode owner, String field, String where)
            throws InvalidTargetingException {
        String text = TargetingFileReader.requiredText(fields, owner, field, where + ".");
        if (!LABEL.matcher(text).matches()) {
            throw new InvalidTargetingException(fields.get(field).line(), where + "." + field + ": '" + text
                    + "' is not a Kubernetes name (lower case letters, digits and '-', at most 63)");
        }
        return text;
    }

    /** A list of at least one text, each of {@code shape}. */
    private static List<String> texts(YamlNode node, YamlNode owner, String where, Pattern shape, String what)
            throws InvalidTargetingException {
        if (node == null || node.value() == null) {
            throw new InvalidTargetingException(owner.line(), where + " is required");
        }
        List<YamlNode> items = TargetingFileReader.sequence(node, where);
        if (items.isEmpty()) {
            throw new InvalidTargetingException(node.line(), where + " is empty: give at least one");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String text = TargetingFileReader.text(items.get(i), where + "[" + i + "]");
            if (!shape.matcher(text).matches()) {
                throw new InvalidTargetingException(items.get(i).line(), where + "[" + i + "]: '" + text
                        + "' is not " + what);
            }
            texts.add(text);
        }
        return texts;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plainMapping(YamlNode node, String where) throws InvalidTargetingException {
        if (node == null || node.value() == null) {
            return Map.of();
        }
        if (!node.isMapping()) {
            throw new InvalidTargetingException(node.line(), where + " must be a mapping");
        }
        return new HashMap<>((Map<String, Object>) node.plain());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> plainList(YamlNode node, String where) throws InvalidTargetingException {
        if (node == null || node.value() == null) {
            return List.of();
        }
        TargetingFileReader.sequence(node, where);
        return (List<Object>) node.plain();
    }

    private static boolean networkPolicy(YamlNode node, String where) throws InvalidTargetingException {
        if (node == null || node.value() == null) {
            return true;
        }
        String text = TargetingFileReader.text(node, where);
        if (text.equals(SAME_NAMESPACE) || text.equals(NONE)) {
            return text.equals(SAME_NAMESPACE);
        }
        throw new InvalidTargetingException(node.line(), where + ": '" + text + "' is neither " + SAME_NAMESPACE
                + " nor " + NONE);
    }
}
