// Flotilla's pages follow the fleet without a reload: each event the observer keeps or finds brings the fresh parts
// of this very page (same filters, same page), at most once a second. Parts are the elements marked data-live;
// what a person types in a form stays, because forms are outside them. A page that names a stream of its own in
// data-follow (a release's page: its events and its tree on the cluster) follows that one instead of every event.
(() => {
  let pending = false;
  const follow = () => fetch(location.pathname + location.search, {headers: {Accept: 'text/html'}})
    .then(r => r.ok ? r.text() : Promise.reject(new Error(r.status)))
    .then(page => {
      const fresh = new DOMParser().parseFromString(page, 'text/html');
      for (const part of document.querySelectorAll('[data-live]')) {
        const next = fresh.getElementById(part.id);
        if (next) {
          part.replaceWith(next);
        }
      }
    })
    .finally(() => { pending = false; });
  const own = document.querySelector('[data-follow]');
  new EventSource(own ? own.dataset.follow : '/api/events/stream').onmessage = () => {
    if (pending) return;
    pending = true;
    setTimeout(follow, 1000);
  };
})();

// A dead letter back on its topic; the page follows once the observer has marked it.
function replay(button, id) {
  button.disabled = true;
  fetch('/api/dead-letters/' + encodeURIComponent(id) + '/replay', {method: 'POST'})
    .then(r => r.ok ? r.json() : r.text().then(why => { throw new Error(why); }))
    .then(() => location.reload(), e => { button.disabled = false; alert(e.message); });
}
