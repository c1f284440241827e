package io.flotilla.observer.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.events.ReleaseKey;

/** Where people's browsers reach the dashboard's pages, for the links in commit statuses and notifications. */
@ApplicationScoped
public class DashboardLinks {

    private final String base;

    public DashboardLinks(@ConfigProperty(name = "flotilla.dashboard.public-url") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The overview showing the journey of the commit across the fleet. */
    public String journey(String sha) {
        return base + "/?commit=" + URLEncoder.encode(sha, StandardCharsets.UTF_8) + "#commits-heading";
    }

    /** The release's page on its cluster. */
    public String release(ReleaseKey release) {
        return base + "/releases/" + segment(release.cluster()) + "/" + segment(release.namespace()) + "/"
                + segment(release.name());
    }

    /** The page of a pull request's or branch's preview. */
    public String preview(String id) {
        return base + "/previews/" + segment(id);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
