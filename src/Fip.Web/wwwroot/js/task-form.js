// Task form (/Supervision/Edit): a filter box over each list of unit checkboxes, and milestones as a list of rows to add and
// remove. Progressive enhancement: without this script the checkboxes and one empty milestone row still work.
(function () {
  'use strict';

  function format(template, value) { return (template || '').replace('{0}', value); }

  document.querySelectorAll('[data-picker]').forEach(function (picker) {
    var filter = picker.querySelector('[data-picker-filter]');
    var label = picker.querySelector('[data-picker-label]');
    var status = picker.querySelector('[data-picker-status]');
    var none = picker.querySelector('[data-picker-none]');
    var items = Array.prototype.slice.call(picker.querySelectorAll('[data-picker-item]'));
    function count() {
      var picked = items.filter(function (i) { return i.querySelector('input').checked; }).length;
      status.textContent = format(status.getAttribute('data-template'), picked);
    }
    function apply() {
      var q = filter.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (i) {
        var match = !q || (i.getAttribute('data-names') || '').toLowerCase().indexOf(q) >= 0;
        i.hidden = !match;
        if (match) shown++;
      });
      none.hidden = shown > 0;
    }
    filter.hidden = false;
    label.hidden = false;
    filter.addEventListener('input', apply);
    // Enter in the filter box ticks the only match instead of submitting the form.
    filter.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      var visible = items.filter(function (i) { return !i.hidden; });
      if (visible.length === 1) {
        var box = visible[0].querySelector('input');
        box.checked = !box.checked;
        count();
      }
    });
    picker.addEventListener('change', count);
    count();
  });

  var list = document.querySelector('[data-milestone-list]');
  if (!list) return;
  var add = document.querySelector('[data-add-milestone]');

  // Names must run 0, 1, 2 … for the form to bind them, so every change renumbers the rows.
  function renumber() {
    list.querySelectorAll('[data-milestone]').forEach(function (row, i) {
      row.querySelectorAll('input').forEach(function (input) {
        input.name = input.name.replace(/\[\d+\]/, '[' + i + ']');
        input.id = input.id.replace(/-\d+$/, '-' + i);
      });
      row.querySelectorAll('label').forEach(function (l) { l.htmlFor = l.htmlFor.replace(/-\d+$/, '-' + i); });
      row.querySelector('[data-label-title]').textContent = format(add.getAttribute('data-label'), i + 1);
      var remove = row.querySelector('[data-remove-milestone]');
      remove.setAttribute('aria-label', format(remove.getAttribute('data-label'), i + 1));
    });
  }

  function wire(row) {
    var remove = row.querySelector('[data-remove-milestone]');
    remove.hidden = false;
    remove.addEventListener('click', function () {
      var next = row.nextElementSibling || row.previousElementSibling;
      if (list.querySelectorAll('[data-milestone]').length === 1) {
        row.querySelectorAll('input').forEach(function (input) { input.value = ''; });
        row.querySelector('input').focus();
        return;
      }
      row.remove();
      renumber();
      (next ? next.querySelector('input') : add).focus();
    });
  }

  list.querySelectorAll('[data-milestone]').forEach(wire);
  add.hidden = false;
  add.addEventListener('click', function () {
    var rows = list.querySelectorAll('[data-milestone]');
    var row = rows[rows.length - 1].cloneNode(true);
    row.querySelectorAll('input').forEach(function (input) { input.value = ''; });
    list.appendChild(row);
    wire(row);
    renumber();
    row.querySelector('input').focus();
  });
})();
