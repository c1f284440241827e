package io.flotilla.embedded.clusters;

import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.embedded.clusters.apply.ManagedFields;
import io.flotilla.embedded.clusters.discovery.BuiltInResources;
import io.flotilla.embedded.clusters.wire.Timestamps;

/** What a cluster holds right after installation: its system namespaces, and one ready node named after it. */
final class InitialObjects {

    private static final List<String> NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private InitialObjects() {
    }

    static void install(ObjectStore store, String clusterName) {
        for (String name : NAMESPACES) {
            ObjectNode namespace = JSON.objectNode().put("apiVersion", "v1").put("kind", "Namespace");
            namespace.putObject("metadata").put("name", name);
            NamespaceLifecycle.prepareForCreate(namespace);
            store.create(NamespaceLifecycle.COLLECTION,
                    ManagedFields.update(null, namespace, "kube-apiserver", Timestamps.now()).object());
        }
        store.create("/api/v1/nodes", node(clusterName + "-control-plane"));
    }

    private static ObjectNode node(String name) {
        String version = BuiltInResources.KUBERNETES_VERSION;
        ObjectNode node = JSON.objectNode().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", name).putObject("labels")
                .put("kubernetes.io/hostname", name).put("kubernetes.io/os", "linux").put("kubernetes.io/arch", "amd64")
                .put("node-role.kubernetes.io/control-plane", "");
        ObjectNode status = node.putObject("status");
        status.putObject("nodeInfo").put("kubeletVersion", version).put("kubeProxyVersion", version)
                .put("operatingSystem", "linux").put("architecture", "amd64").put("osImage", "Flotilla simulated node")
                .put("containerRuntimeVersion", "simulated://1.0");
        status.putObject("capacity").put("cpu", "4").put("memory", "16Gi").put("pods", "110");
        status.putObject("allocatable").put("cpu", "4").put("memory", "16Gi").put("pods", "110");
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                .put("reason", "KubeletReady").put("message", "kubelet is posting ready status")
                .put("lastHeartbeatTime", Timestamps.now()).put("lastTransitionTime", Timestamps.now());
        return node;
    }
}
