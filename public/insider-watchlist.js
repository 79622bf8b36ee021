// Watchlist add/remove on /insider through the same API scripts use; the page reloads after a change.
(function () {
  var form = document.getElementById('watch-form');
  var error = document.getElementById('watch-error');
  // the session's CSRF token (from the layout), required on every change made with the session
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  function explain(res) {
    return res.json().then(function (body) {
      var msg = Array.isArray(body.message) ? body.message.join('; ') : body.message || res.statusText;
      throw new Error(msg);
    });
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    error.textContent = '';
    var body = { ticker: form.ticker.value.trim().toUpperCase() };
    if (form.alertThreshold.value !== '') body.alertThreshold = Number(form.alertThreshold.value);
    fetch('/api/insider/watchlist', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) })
      .then(function (res) { return res.ok ? window.location.reload() : explain(res); })
      .catch(function (e) { error.textContent = e.message; });
  });
  document.querySelectorAll('[data-unwatch]').forEach(function (button) {
    button.addEventListener('click', function () {
      fetch('/api/insider/watchlist/' + encodeURIComponent(button.dataset.unwatch), { method: 'DELETE', credentials: 'same-origin', headers: { 'X-CSRF-Token': csrf } })
        .then(function (res) { return res.ok ? window.location.reload() : explain(res); })
        .catch(function (e) { error.textContent = e.message; });
    });
  });
})();
