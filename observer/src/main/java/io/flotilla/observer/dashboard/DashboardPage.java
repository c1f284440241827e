package io.flotilla.observer.dashboard;

/**
 * The dashboard as one HTML page: what needs attention, the cluster cards (chosen by labels), the release x cluster
 * matrix, the drift list, the held and halted rollouts, image automation, the replicas of autoscaled workloads, the
 * dead letters and the commits with a journey.
 * Plain HTML with inline styles and SVG, no front-end build; a few lines of script follow the observer's event stream
 * and swap in the fresh sections, without a reload.
 */
public final class DashboardPage {

    private DashboardPage() {
    }

    public static String render(Dashboard dashboard) {
        StringBuilder html = new StringBuilder(256 * 1024);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Flotilla fleet</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1rem;color:#222}
                .cards{display:flex;flex-wrap:wrap;gap:.5rem}
                .card{border:1px solid #ccc;border-radius:6px;padding:.5rem .75rem;min-width:12rem;font-size:.9rem}
                .card.down{border-color:#c00;background:#fee}.bad{color:#c00}
                table{border-collapse:collapse;font-size:.8rem;margin:.25rem 0}
                td,th{border:1px solid #ddd;padding:1px 5px;text-align:left;white-space:nowrap}
                .Ready{background:#cfc}.Failed,.Unreachable{background:#fcc}
                .Progressing{background:#ffc}td.drifted{outline:3px solid #e80;outline-offset:-3px}
                .nav{margin:.25rem 0}code{font-size:.8rem}
                </style></head><body>
                <h1>Flotilla fleet</h1>
                <h2>Clusters</h2>
                """);
        ClusterCards.filter(html, dashboard);
        AttentionLine.write(html, dashboard);
        ClusterCards.write(html, dashboard);
        ReleaseMatrix.filter(html, dashboard);
        html.append("<div id=\"live\">");
        ReleaseMatrix.write(html, dashboard);
        DriftList.write(html, dashboard);
        RolloutList.write(html, dashboard);
        ImageSection.write(html, dashboard);
        ReplicaCharts.write(html, dashboard);
        DeadLetterList.write(html, dashboard);
        html.append("</div>");
        CommitSection.write(html, dashboard);
        html.append("""
                <script>
                // Live: each event the observer keeps or finds brings the fresh sections of this very page (same
                // filter, page and commit), at most once a second, without reloading it.
                let pending = false;
                new EventSource('/api/events/stream').onmessage = () => {
                  if (pending) return;
                  pending = true;
                  setTimeout(() => fetch(location.pathname + location.search).then(r => r.text()).then(page => {
                    const fresh = new DOMParser().parseFromString(page, 'text/html');
                    for (const id of ['attention', 'clusters', 'live', 'commits']) {
                      document.getElementById(id).replaceWith(fresh.getElementById(id));
                    }
                  }).finally(() => pending = false), 1000);
                };
                // A dead letter back on its topic; the page follows once the observer has marked it.
                function replay(button, id) {
                  button.disabled = true;
                  fetch('/api/dead-letters/' + encodeURIComponent(id) + '/replay', {method: 'POST'})
                    .then(r => r.ok ? r.json() : r.text().then(why => { throw new Error(why); }))
                    .then(() => location.reload(), e => { button.disabled = false; alert(e.message); });
                }
                </script></body></html>
                """);
        return html.toString();
    }
}
