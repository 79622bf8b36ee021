// Live dashboard: when the server says something moved, reload the page's data in place.
(function () {
  var dot = document.getElementById('live');
  var text = document.getElementById('live-text');
  var pending = null;
  function setLive(on) {
    dot.className = 'dot ' + (on ? 'on' : 'off');
    text.textContent = on ? 'live' : 'reconnecting…';
  }
  function refresh() {
    if (pending) return;
    pending = setTimeout(function () {
      pending = null;
      fetch(window.location.pathname, { credentials: 'same-origin' })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var fresh = doc.querySelector('main');
          if (fresh) document.querySelector('main').innerHTML = fresh.innerHTML;
          dot = document.getElementById('live');
          text = document.getElementById('live-text');
          setLive(socket.connected);
        });
    }, 250);
  }
  if (typeof io !== 'function') { text.textContent = 'live updates unavailable'; return; }
  var socket = io({ transports: ['websocket', 'polling'] });
  socket.on('connect', function () { setLive(true); });
  socket.on('disconnect', function () { setLive(false); });
  ['position_update', 'order_update', 'signal', 'pnl_update', 'status'].forEach(function (name) { socket.on(name, refresh); });
})();
