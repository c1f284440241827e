package io.flotilla.bench.images;

import io.flotilla.bench.ServiceHttp;

/**
 * The image-updater's counters, from its Prometheus page: requests sent to registries (all hosts together) and
 * scans that ended well.
 */
public final class ImageUpdaterMetrics {

    private final ServiceHttp imageUpdater;

    public ImageUpdaterMetrics(ServiceHttp imageUpdater) {
        this.imageUpdater = imageUpdater;
    }

    /** {@code flotilla_images_registry_requests_total}, summed over registry hosts. */
    public long registryRequests() {
        return sum("flotilla_images_registry_requests_total", "");
    }

    /** {@code flotilla_images_scans_total{outcome="scanned"}}. */
    public long scans() {
        return sum("flotilla_images_scans_total", "outcome=\"scanned\"");
    }

    private long sum(String name, String label) {
        double total = 0;
        for (String line : imageUpdater.text("/q/metrics").split("\n")) {
            if (line.startsWith(name + "{") && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(total);
    }
}
