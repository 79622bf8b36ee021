// "Check TradingView routing" on a Tradovate account's credentials page.
(function () {
  var button = document.getElementById('routing');
  button.addEventListener('click', async function () {
    var out = document.getElementById('routing-result');
    out.textContent = 'checking…';
    var res = await fetch('/api/accounts/' + encodeURIComponent(button.dataset.account) + '/check-tradingview-routing?refresh=1', { credentials: 'same-origin' });
    var r = await res.json();
    out.textContent = (r.enabled === true ? 'enabled' : r.enabled === false ? 'not enabled' : 'unknown') + ' (' + r.source + '): ' + r.detail;
  });
})();
