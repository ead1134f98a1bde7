// Live updates of the staff queue: the server says when the queue changed (Server-Sent Events),
// the page fetches the rows (rendered and escaped by the server) and swaps them in; the tab title
// carries the number of new orders. Without EventSource the page polls. Without JavaScript the
// page is still complete: it only stops updating itself.
(function () {
  'use strict';
  var status = document.getElementById('live-status');
  var queue = document.getElementById('queue');
  if (!status || !queue) return;
  var baseTitle = status.getAttribute('data-base-title') || document.title;
  var query = status.getAttribute('data-query') || '';
  var newOne = status.getAttribute('data-new-one') || '';
  var newOther = status.getAttribute('data-new-other') || '';
  var seen = {};
  Array.prototype.forEach.call(queue.querySelectorAll('tr[data-ref]'), function (tr) { seen[tr.getAttribute('data-ref')] = true; });
  var signature = null;
  var busy = false;

  function title(fresh) { document.title = fresh > 0 ? '(' + fresh + ') ' + baseTitle : baseTitle; }

  function refresh() {
    if (busy) return;
    busy = true;
    fetch('/staff/queue/rows' + (query ? '?' + query : ''), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) {
        // Signed out meanwhile: the request was sent to the login page.
        if (r.redirected) { window.location.href = '/staff/login?expired=1'; return null; }
        return r.ok ? r.json() : null;
      })
      .then(function (state) {
        if (!state) return;
        title(state.fresh);
        if (state.signature === signature) return;
        signature = state.signature;
        var added = state.refs.filter(function (ref) { return !seen[ref]; });
        queue.innerHTML = state.html;
        added.forEach(function (ref) {
          seen[ref] = true;
          var row = queue.querySelector('tr[data-ref="' + ref + '"]');
          if (row) row.classList.add('fresh');
        });
        if (added.length > 0) status.textContent = added.length === 1 ? newOne : newOther.replace('{{count}}', String(added.length));
      })
      .catch(function () { /* the next event or poll tries again */ })
      .then(function () { busy = false; });
  }

  title(Number(status.getAttribute('data-fresh') || 0));
  if (window.EventSource) {
    var events = new EventSource('/staff/queue/events' + (query ? '?' + query : ''));
    events.addEventListener('queue', function (e) {
      var data = JSON.parse(e.data);
      title(data.fresh);
      // Connected: the page (and a test) can tell live updates are on.
      if (signature === null) { signature = data.signature; status.setAttribute('data-live', 'connected'); return; }
      if (data.signature !== signature) refresh();
    });
    events.addEventListener('signed_out', function () { events.close(); window.location.href = '/staff/login?expired=1'; });
  } else {
    setInterval(refresh, 15000);
  }
})();
