package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Where each release and cluster has its page, so every name on a page is one click from its answers. */
final class Links {

    private Links() {
    }

    static String release(String cluster, String namespace, String name) {
        return "/releases/" + segment(cluster) + "/" + segment(namespace) + "/" + segment(name);
    }

    static String cluster(String name) {
        return "/clusters/" + segment(name);
    }

    /** {@code <a href="/clusters/dev">dev</a>}. */
    static String toCluster(String name) {
        return "<a href=\"" + cluster(name) + "\">" + escape(name) + "</a>";
    }

    /** {@code <a href="/releases/dev/apps/web">dev/apps/web</a>}. */
    static String toRelease(String cluster, String namespace, String name) {
        return "<a href=\"" + release(cluster, namespace, name) + "\">" + escape(cluster + "/" + namespace + "/" + name)
                + "</a>";
    }

    /** A cluster's labels, each a link to the overview of the clusters that have it; nothing for none. */
    static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<div class=\"labels\">");
        new TreeMap<>(labels).forEach((key, value) -> html.append("<a class=\"label\" href=\"/?selector=")
                .append(URLEncoder.encode(key + "=" + value, StandardCharsets.UTF_8)).append("\">")
                .append(escape(key + "=" + value)).append("</a>"));
        return html.append("</div>").toString();
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
