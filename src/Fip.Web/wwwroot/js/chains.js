// 产业链图谱: the ECharts tree of a track's chain (no inline script: the CSP forbids it).
(function () {
  'use strict';
  var el = document.getElementById('chain-map');
  if (!el || !window.echarts) return;
  var colours = { gap: '#c0392b', some: '#e0a800', strong: '#2e7d32', segment: '#4a6fa5', root: '#1f3b63' };
  var english = el.getAttribute('data-english') === 'true';
  var chart = null;
  var nodesById = {};

  function label(n) { return (english && n.nameEn) ? n.nameEn : n.name; }

  function toTree(map) {
    var byParent = {};
    map.nodes.forEach(function (n) {
      nodesById[n.id] = n;
      var key = n.parentId == null ? 'root' : String(n.parentId);
      (byParent[key] = byParent[key] || []).push(n);
    });
    function build(n) {
      var kids = (byParent[String(n.id)] || []).map(build);
      var strength = n.strength.toLowerCase();
      var colour = n.isLeaf ? colours[strength] : colours.segment;
      return {
        name: label(n) + ' (' + n.enterprises + ')',
        value: n.enterprises,
        linkId: n.id,
        strength: n.isLeaf ? strength : 'segment',
        children: kids,
        itemStyle: { color: colour, borderColor: colour },
        symbolSize: n.isLeaf ? 12 : 9
      };
    }
    var positions = ['Upstream', 'Midstream', 'Downstream'];
    var top = byParent.root || [];
    var children = positions.map(function (p) {
      return {
        name: el.getAttribute('data-label-' + p.toLowerCase()),
        children: top.filter(function (n) { return n.position === p; }).map(build),
        itemStyle: { color: colours.root, borderColor: colours.root },
        symbolSize: 8
      };
    }).filter(function (p) { return p.children.length > 0; });
    return { name: el.getAttribute('data-track-name'), children: children, itemStyle: { color: colours.root }, symbolSize: 10,
      label: { position: 'top', align: 'center', verticalAlign: 'bottom', fontWeight: 'bold' } };
  }

  function leaves(node) { return node.children && node.children.length ? node.children.reduce(function (s, c) { return s + leaves(c); }, 0) : 1; }

  function render(map) {
    var tree = toTree(map);
    el.style.height = Math.max(420, leaves(tree) * 26) + 'px';
    if (!chart) chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      // No toolbox: the page's own labelled button saves the map as an image ([data-chain-save]), and an untitled icon over the
      // top right leaves' labels was a second way to do the same.
      // Tooltips are HTML: names are escaped (labels are drawn on the canvas as text).
      tooltip: { trigger: 'item', formatter: function (p) { return window.fip.escapeHtml(p.name); } },
      series: [{
        type: 'tree', data: [tree], orient: 'LR', left: '6%', right: '22%', top: 28, bottom: 16,
        initialTreeDepth: -1, expandAndCollapse: false, roam: false,
        label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: 13 },
        leaves: { label: { position: 'right', align: 'left' } },
        lineStyle: { color: '#b8c4d6', width: 1.2 }
      }]
    }, true);
    chart.off('click');
    chart.on('click', function (p) { if (p.data && p.data.linkId) openPanel(p.data.linkId); });
  }

  // reveal: opened from the list below the map, so the panel (above it, or beside the map) is scrolled into view.
  function openPanel(id, reveal) {
    var url = el.getAttribute('data-panel-url').replace('{id}', id);
    var panel = document.getElementById('link-panel');
    fetch(url, { credentials: 'same-origin', headers: { 'HX-Request': 'true' } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        panel.innerHTML = html;
        if (window.htmx) window.htmx.process(panel);
        if (reveal || window.matchMedia('(max-width: 1199px)').matches) {
          panel.scrollIntoView({ block: 'start' });
          panel.focus({ preventScroll: true });
        }
      })
      .catch(function () { panel.textContent = '—'; });
  }

  // For tests and for keyboard users: the list's links open the panel too (the page link still works without script).
  document.querySelectorAll('[data-link-open]').forEach(function (a) {
    a.addEventListener('click', function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      openPanel(a.getAttribute('data-link-open'), true);
    });
  });

  var saveButton = document.querySelector('[data-chain-save]');
  if (saveButton) saveButton.addEventListener('click', function () {
    if (!chart) return;
    var a = document.createElement('a');
    a.href = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    a.download = (el.getAttribute('data-track-name') || 'chain') + '.png';
    document.body.appendChild(a); a.click(); a.remove();
  });
  var printButton = document.querySelector('[data-print]');
  if (printButton) printButton.addEventListener('click', function () { window.print(); });

  window.addEventListener('resize', function () { if (chart) chart.resize(); });

  /** The colour a link has on the chart now, and where it is on screen (used by the browser tests). */
  window.fipChain = {
    colourOf: function (id) {
      var data = chart.getModel().getSeriesByIndex(0).getData();
      for (var i = 0; i < data.count(); i++) {
        var item = data.getRawDataItem(i);
        if (item && item.linkId === id) return data.getItemVisual(i, 'style').fill;
      }
      return null;
    },
    pointOf: function (id) {
      var data = chart.getModel().getSeriesByIndex(0).getData();
      for (var i = 0; i < data.count(); i++) {
        var item = data.getRawDataItem(i);
        if (item && item.linkId === id) {
          var g = data.getItemGraphicEl(i);
          var p = g.transformCoordToGlobal(0, 0);
          var box = el.getBoundingClientRect();
          var y = box.top + p[1];
          if (y < 40 || y > window.innerHeight - 40) { window.scrollBy(0, y - window.innerHeight / 2); box = el.getBoundingClientRect(); }
          return { x: box.left + p[0], y: box.top + p[1] };
        }
      }
      return null;
    },
    ready: false
  };

  fetch(el.getAttribute('data-src'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.json(); })
    .then(function (map) {
      render(map);
      window.fipChain.ready = true;
      el.setAttribute('data-ready', 'true');
      var open = el.getAttribute('data-open');
      if (open) openPanel(open);
    });
})();
