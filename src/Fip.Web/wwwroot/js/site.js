// Behaviour without inline script (the CSP forbids it).
(function () {
  'use strict';
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
