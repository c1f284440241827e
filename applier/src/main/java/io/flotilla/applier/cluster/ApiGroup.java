package io.flotilla.applier.cluster;

/** The API group of an {@code apiVersion}: {@code apps} of {@code apps/v1}, empty for the core {@code v1}. */
public final class ApiGroup {

    private ApiGroup() {
    }

    public static String of(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
