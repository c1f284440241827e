package io.flotilla.observer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

class InformerStoreTest {

    @Test
    void anObjectNotComparedIsKeptByItsNamesAndVersion() {
        InformerStore<ConfigMap> store = InformerStore.namesOnly(ConfigMap::new);

        store.put("apps/web", configMap("apps", "web", "7"));

        ConfigMap kept = store.get("apps/web");
        assertThat(kept.getMetadata().getNamespace()).isEqualTo("apps");
        assertThat(kept.getMetadata().getName()).isEqualTo("web");
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(kept.getData()).isNullOrEmpty();
        assertThat(store.namesOnly("apps/web")).isTrue();
        assertThat(store.keySet()).containsExactly("apps/web");
        assertThat(store.values()).extracting(map -> map.getMetadata().getName()).containsExactly("web");
    }

    @Test
    void ofAnObjectComparedWhatIsComparedIsKept() {
        InformerStore<ConfigMap> store = InformerStore.keeping(map -> map.getMetadata().getName().equals("web")
                ? new ConfigMapBuilder(map).editMetadata().withLabels(null).endMetadata().build() : null, ConfigMap::new);

        store.put("apps/web", configMap("apps", "web", "7"));
        store.put("apps/other", configMap("apps", "other", "8"));

        assertThat(store.get("apps/web").getData()).containsEntry("greeting", "hello");
        assertThat(store.get("apps/web").getMetadata().getLabels()).isNullOrEmpty();
        assertThat(store.get("apps/other").getData()).isNullOrEmpty();
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.keptTree("apps/web").at("/data/greeting").asText()).isEqualTo("hello");
        assertThat(store.keptTree("apps/web").at("/metadata/resourceVersion").asText()).isEqualTo("7");
        assertThat(store.keptTree("apps/other").isMissingNode()).as("known by its names only").isTrue();
        assertThat(store.keptTree("apps/nothing")).isNull();
        assertThat(store.remove("apps/web").getData()).containsEntry("greeting", "hello");
        assertThat(store.get("apps/web")).isNull();
        assertThat(store.keptTree("apps/web")).isNull();
    }

    @Test
    void anObjectFetchedWholeReplacesItsNamesOnlyWhenItIsTheSameVersion() {
        InformerStore<ConfigMap> store = InformerStore.namesOnly(ConfigMap::new);
        store.put("apps/web", configMap("apps", "web", "7"));
        store.put("apps/api", configMap("apps", "api", "9"));

        store.keep("apps/web", configMap("apps", "web", "7"));
        store.keep("apps/api", configMap("apps", "api", "8"));

        assertThat(store.namesOnly("apps/web")).isFalse();
        assertThat(store.get("apps/web").getData()).containsEntry("greeting", "hello");
        assertThat(store.namesOnly("apps/api")).isTrue();
    }

    @Test
    void aClusterScopedObjectKeepsItsName() {
        InformerStore<ConfigMap> store = InformerStore.namesOnly(ConfigMap::new);

        store.put("web", configMap(null, "web", "3"));

        assertThat(store.get("web").getMetadata().getNamespace()).isNull();
        assertThat(store.get("web").getMetadata().getName()).isEqualTo("web");
    }

    private static ConfigMap configMap(String namespace, String name, String version) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .withResourceVersion(version).addToLabels("app", "web").endMetadata().addToData("greeting", "hello").build();
    }
}
