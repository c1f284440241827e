package io.flotilla.embedded.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Impersonation and RBAC as a real API server has them, checked with kubectl ({@code --as}, {@code auth can-i}) and
 * fabric8 (impersonating a service account, as the applier does): the kubeconfig's credentials are the
 * administrator; an impersonated service account may do what the Roles and ClusterRoles bound to it, its groups or
 * its name allow, and is refused with the API server's 403 otherwise.
 */
class ImpersonationAndRbacTest extends OnASimulatedCluster {

    private static final String DEPLOYER = "system:serviceaccount:team-a:deployer";

    @BeforeAll
    static void grantTheDeployerConfigMapsInItsNamespace() {
        for (String name : List.of("team-a", "team-b")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                    .build()).create();
        }
        client.rbac().roles().inNamespace("team-a").resource(new RoleBuilder().withNewMetadata()
                .withName("configmaps").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                        .withVerbs("get", "list", "create", "patch").build(),
                        new PolicyRuleBuilder().withApiGroups("").withResources("secrets").withResourceNames("only-this")
                                .withVerbs("get").build())
                .build()).create();
        client.rbac().roleBindings().inNamespace("team-a").resource(new RoleBindingBuilder().withNewMetadata()
                .withName("deployer").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role").withName("configmaps").endRoleRef().addNewSubject().withKind("ServiceAccount")
                .withName("deployer").withNamespace("team-a").endSubject().build()).create();
        client.rbac().clusterRoles().resource(new ClusterRoleBuilder()
                .withNewMetadata().withName("namespace-reader").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("namespaces").withVerbs("list")
                        .build()).build()).create();
        client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
                .withName("service-accounts-list-namespaces").endMetadata().withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("namespace-reader")
                .endRoleRef().addNewSubject().withKind("Group").withName("system:serviceaccounts:team-a")
                .withApiGroup("rbac.authorization.k8s.io").endSubject().build()).create();
    }

    @Test
    void kubectlAuthCanIAnswersAsTheRolesBoundToTheImpersonatedServiceAccount() throws Exception {
        assertThat(canI("create", "configmaps", "--namespace", "team-a")).isEqualTo("yes");
        assertThat(canI("create", "configmaps", "--namespace", "team-b")).as("bound in team-a only").isEqualTo("no");
        assertThat(canI("delete", "configmaps", "--namespace", "team-a")).as("a verb not given").isEqualTo("no");
        assertThat(canI("create", "deployments.apps", "--namespace", "team-a")).as("a resource not given")
                .isEqualTo("no");
        assertThat(canI("get", "secrets/only-this", "--namespace", "team-a")).as("a name given").isEqualTo("yes");
        assertThat(canI("get", "secrets/another", "--namespace", "team-a")).as("a name not given").isEqualTo("no");
        assertThat(canI("list", "namespaces")).as("through its group system:serviceaccounts:team-a")
                .isEqualTo("yes");
        assertThat(lastLine(kubectl(0, "auth", "can-i", "create", "clusterroles")))
                .as("the administrator, not impersonating").isEqualTo("yes");
    }

    @Test
    void kubectlCreatingAsTheServiceAccountIsRefusedWhereRbacDoesNotAllowItWithTheApiServersWords()
            throws Exception {
        assertThat(kubectl(0, "--as", DEPLOYER, "create", "configmap", "allowed", "--namespace", "team-a"))
                .isEqualTo("configmap/allowed created");

        assertThat(kubectl(1, "--as", DEPLOYER, "create", "configmap", "refused", "--namespace", "team-b"))
                .isEqualTo("error: failed to create configmap: configmaps is forbidden: User \"" + DEPLOYER
                        + "\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"team-b\"");
        assertThat(kubectl(1, "--as", DEPLOYER, "get", "deployments", "--namespace", "team-a"))
                .isEqualTo("Error from server (Forbidden): deployments.apps is forbidden: User \"" + DEPLOYER
                        + "\" cannot list resource \"deployments\" in API group \"apps\" in the namespace \"team-a\"");
        assertThat(client.configMaps().inNamespace("team-b").withName("refused").get()).isNull();
    }

    @Test
    void fabric8ImpersonatingTheServiceAccountAppliesWhatItMayAndIsRefusedTheRest() {
        Config config = new ConfigBuilder(client.getConfiguration()).build();
        config.setImpersonateUsername(DEPLOYER);
        try (KubernetesClient deployer = new KubernetesClientBuilder().withConfig(config).build()) {
            deployer.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("applied").withNamespace("team-a").endMetadata().addToData("k", "v").build())
                    .fieldManager("flotilla").forceConflicts().serverSideApply();
            assertThat(client.configMaps().inNamespace("team-a").withName("applied").get().getData())
                    .containsEntry("k", "v");

            assertThatThrownBy(() -> deployer.configMaps().inNamespace("team-b").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("applied").withNamespace("team-b").endMetadata().build())
                    .fieldManager("flotilla").forceConflicts().serverSideApply())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
                        assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"applied\" is forbidden: User \""
                                + DEPLOYER + "\" cannot patch resource \"configmaps\" in API group \"\" in the"
                                + " namespace \"team-b\"");
                    });
        }
    }

    private static String canI(String verb, String resource, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--as", DEPLOYER, "auth", "can-i", verb, resource));
        args.addAll(List.of(more));
        // kubectl auth can-i exits 1 when the answer is no.
        return lastLine(kubectl(-1, args.toArray(String[]::new)));
    }

    /** The answer, after kubectl's warnings (such as a namespace given for a cluster-scoped resource). */
    private static String lastLine(String output) {
        return output.lines().reduce((first, last) -> last).orElse("");
    }

    /** @param exitCode the exit code kubectl must end with; -1 for any */
    private static String kubectl(int exitCode, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--server", cluster.url(), "--token", "simulated"));
        command.addAll(List.of(args));
        Process kubectl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (exitCode >= 0) {
            assertThat(kubectl.exitValue()).as(output).isEqualTo(exitCode);
        }
        return output;
    }
}
