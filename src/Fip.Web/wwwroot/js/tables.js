// Tables at phone width (site.css, max-width 575.98px): each row becomes a card and each cell shows its column's name before
// its value. This copies every <th scope="col"> text into a data-label on the cells of its column (colspan counted), for every
// table on the page and for tables htmx swaps in later, so pages get it without code of their own.
(function () {
  'use strict';
  function label(table) {
    if (table.hasAttribute('data-no-cards')) return;
    var head = table.tHead && table.tHead.rows.length ? table.tHead.rows[table.tHead.rows.length - 1] : null;
    if (!head) return;
    var names = [];
    Array.prototype.forEach.call(head.cells, function (th) {
      var text = th.getAttribute('scope') === 'col' || th.tagName === 'TH' ? (th.getAttribute('data-label') || th.textContent) : '';
      text = text.replace(/\s+/g, ' ').trim();
      for (var i = 0; i < (th.colSpan || 1); i++) names.push(text);
    });
    table.classList.add('table-cards');
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var col = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (!cell.hasAttribute('data-label') && names[col]) cell.setAttribute('data-label', names[col]);
          col += cell.colSpan || 1;
        });
      });
    });
  }
  function all(root) { Array.prototype.forEach.call((root || document).querySelectorAll('table'), label); }
  all(document);
  document.addEventListener('htmx:afterSwap', function (e) { all(e.target); });
})();
