// Behaviour without inline script (the CSP forbids it).
(function () {
  'use strict';
  // Unsafe requests made with the sign-in cookie must carry the page's antiforgery token in the
  // RequestVerificationToken header: the API refuses them otherwise (Infrastructure/ApiAntiforgery.cs).
  var tokenMeta = document.querySelector('meta[name="request-verification-token"]');
  var token = tokenMeta ? tokenMeta.getAttribute('content') : null;
  function needsToken(method, url) {
    if (!token || /^(GET|HEAD|OPTIONS|TRACE)$/i.test(method || 'GET')) return false;
    return new URL(url, window.location.href).origin === window.location.origin; // never hand the token to another site
  }
  // htmx requests (hx-post, hx-put, hx-delete …).
  document.addEventListener('htmx:configRequest', function (e) {
    if (needsToken(e.detail.verb, e.detail.path)) e.detail.headers.RequestVerificationToken = token;
  });
  // fetch for scripts: window.fip.fetch(url, { method: 'POST', … }) adds the header where it is needed.
  window.fip = window.fip || {};
  window.fip.fetch = function (url, options) {
    options = Object.assign({ credentials: 'same-origin' }, options || {});
    if (needsToken(options.method, String(url))) {
      var headers = new Headers(options.headers || {});
      headers.set('RequestVerificationToken', token);
      options.headers = headers;
    }
    return fetch(url, options);
  };

  // Text put into HTML by script: ECharts tooltips are HTML, so a custom tooltip formatter passes every name and value through
  // this (a chain link named <img src=x onerror=…> must show as text).
  window.fip.escapeHtml = function (value) {
    return String(value == null ? '' : value).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  };

  // User form: show only the scope field that the chosen role needs.
  function syncScope(select) {
    var form = select.closest('form');
    if (!form) return;
    form.querySelectorAll('[data-scope-for]').forEach(function (el) {
      var show = el.getAttribute('data-scope-for') === select.value;
      el.hidden = !show;
    });
  }
  document.querySelectorAll('select[data-scope-switch]').forEach(function (select) {
    syncScope(select);
    select.addEventListener('change', function () { syncScope(select); });
  });
})();
