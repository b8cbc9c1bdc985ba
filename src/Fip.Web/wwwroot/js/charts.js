// Charts of the goals pages (Apache ECharts). Containers declare what they show:
//   data-chart="spark|history|bars|heat|stack|scarcity|funnel", data-src (JSON URL, fetched once per URL) or data-json (inline data),
//   data-goal (spark from a list of goals), data-field (bars: byTrack or byDistrict).
(function () {
  'use strict';
  if (typeof echarts === 'undefined') return;
  var lang = document.documentElement.lang || 'zh-CN';
  var en = lang.indexOf('en') === 0;
  var T = en
    ? { target: 'Target', actual: 'Actual', projection: 'Projection', save: 'Save as image', count: 'Count', focus: 'Focus layout', nodata: 'No data yet', demand: 'Demand', supply: 'In the pool', index: 'Scarcity index', rank: 'Rank' }
    : { target: '目标', actual: '实际', projection: '预测', save: '保存为图片', count: '数量', focus: '重点布局', nodata: '暂无数据', demand: '需求', supply: '库内', index: '紧缺指数', rank: '排序' };
  var colours = { Met: '#1e7e34', OnTrack: '#0b4f8a', AtRisk: '#b58100', Behind: '#b3261e', NoTarget: '#56606b' };
  var cache = {};
  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
    }
    return cache[url];
  }
  var charts = [];
  function make(el) {
    var c = echarts.init(el, null, { renderer: 'canvas' });
    charts.push(c);
    return c;
  }
  function empty(el) { el.classList.add('chart-empty'); el.textContent = T.nodata; }
  // The toolbox (save as image) has a band of its own at the top right: plots start below it (BAND px) and legends end before it
  // (LEGEND_RIGHT px from the right, on one line that pages when it is too long), so its icon covers no label, legend entry or plot.
  var BAND = 32, LEGEND_RIGHT = 44;
  var toolbox = { feature: { saveAsImage: { title: T.save, pixelRatio: 2 } }, top: 0, right: 4, itemSize: 15, padding: 4 };
  function withToolbox(option) {
    option.toolbox = toolbox;
    if (option.grid) option.grid.top = Math.max(option.grid.top || 0, BAND);
    if (option.legend) { option.legend.type = 'scroll'; option.legend.right = LEGEND_RIGHT; }
    (option.series || []).forEach(function (s) { if (s.type === 'funnel') s.top = Math.max(s.top || 0, BAND); });
    return option;
  }

  function spark(el, series) {
    if (!series || !series.history || series.history.length === 0) return empty(el);
    var c = make(el);
    var colour = colours[series.status] || '#0b4f8a';
    c.setOption({
      animation: false, grid: { left: 2, right: 2, top: 4, bottom: 2 },
      xAxis: { type: 'category', show: false, data: series.history.map(function (p) { return p.month; }) },
      yAxis: { type: 'value', show: false, min: 0, max: function (v) { return Math.max(v.max, series.target || 0) * 1.05 || 1; } },
      tooltip: { trigger: 'axis', confine: true },
      series: [{ type: 'line', data: series.history.map(function (p) { return p.value; }), showSymbol: false, smooth: true,
        lineStyle: { color: colour, width: 2 }, areaStyle: { color: colour, opacity: 0.12 },
        markLine: series.target ? { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'dashed', color: '#b3261e' }, data: [{ yAxis: series.target }] } : undefined }]
    });
  }

  // A real time axis: months are dates, so a projection to a target year years away is drawn as long as it is.
  function history(el, s) {
    if (!s.history || s.history.length === 0) return empty(el);
    function pts(list) { return (list || []).map(function (p) { return [p.month.length === 7 ? p.month + '-01' : p.month, p.value]; }); }
    var actual = pts(s.history);
    var proj = pts(s.projection);
    var c = make(el);
    c.setOption(withToolbox({
      tooltip: { trigger: 'axis' }, legend: { top: 0, left: 0 },
      grid: { left: 8, right: 56, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', min: 0, max: function (v) { return Math.ceil(Math.max(v.max, s.target || 0) * 1.1) || 1; } },
      series: [
        { name: T.actual, type: 'line', data: actual, showSymbol: actual.length < 40, itemStyle: { color: '#0b4f8a' },
          markLine: s.target ? { symbol: 'none', label: { formatter: T.target + ' {c}' }, lineStyle: { color: '#b3261e', type: 'dashed' }, data: [{ yAxis: s.target }] } : undefined },
        { name: T.projection, type: 'line', data: proj, lineStyle: { type: 'dotted' }, itemStyle: { color: colours[s.status] || '#56606b' } }
      ]
    }));
  }

  function bars(el, b, field) {
    var rows = (b[field] || []).slice();
    if (rows.length === 0) return empty(el);
    var c = make(el);
    el.style.height = Math.max(220, rows.length * 26 + 48) + 'px';
    c.resize();
    c.setOption(withToolbox({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 30, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map(function (r) { return r.name; }) },
      series: [{ name: T.count, type: 'bar', data: rows.map(function (r) { return r.count; }), itemStyle: { color: '#0b4f8a' }, label: { show: true, position: 'right' } }]
    }));
  }

  function heat(el, b) {
    var h = b.heat;
    if (!h || h.tracks.length === 0) return empty(el);
    var c = make(el);
    el.style.height = Math.max(300, h.tracks.length * 28 + 112) + 'px';
    c.resize();
    c.setOption(withToolbox({
      // Tooltips are HTML: names are escaped (ECharts' own tooltips escape theirs; labels are drawn on the canvas as text).
      tooltip: { formatter: function (p) {
        var e = window.fip.escapeHtml;
        return e(h.tracks[p.value[1]]) + ' × ' + e(h.districts[p.value[0]]) + ': ' + e(p.value[2]) + (p.value[3] ? ' (' + e(T.focus) + ')' : '');
      } },
      grid: { left: 8, right: 8, top: 10, bottom: 44, containLabel: true },
      // Upright district names where a column is narrower than a slanted name (a phone): slanted, long names ran into each other.
      xAxis: { type: 'category', data: h.districts, axisLabel: { interval: 0, rotate: el.clientWidth < 640 ? 90 : 30 } },
      yAxis: { type: 'category', data: h.tracks, inverse: true },
      // The scale says what its ends count (enterprises), not only a colour.
      // Coloured by the count (dimension 2; ECharts' default is the last, here the focus flag, which painted 0 as the darkest).
      visualMap: { min: 0, max: Math.max(1, h.max), dimension: 2, calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
        text: [String(Math.max(1, h.max)), '0'], inRange: { color: ['#eef4fb', '#0b4f8a'] } },
      series: [{ type: 'heatmap', data: h.cells.map(function (x) { return [x[1], x[0], x[2], x[3]]; }),
        label: { show: true, formatter: function (p) { return p.value[2] + (p.value[3] ? '★' : ''); } },
        itemStyle: { borderColor: '#fff', borderWidth: 1 } }]
    }));
  }

  // 紧缺人才图谱: a row per track, its taxonomy entries ranked by scarcity index (× 100; null = no demand and no supply);
  // a click opens the cell's drill-down page.
  function scarcity(el, d) {
    if (!d.cells || d.cells.length === 0) return empty(el);
    var c = make(el);
    el.style.height = Math.max(300, d.tracks.length * 32 + 112) + 'px';
    c.resize();
    var width = d.cells.reduce(function (m, x) { return Math.max(m, x[0] + 1); }, 1);
    c.setOption(withToolbox({
      tooltip: { formatter: function (p) {
        var e = window.fip.escapeHtml, v = p.value;
        return e(d.tracks[v[1]]) + ' · ' + e(v[3]) + '<br>' + e(T.demand) + ' ' + e(v[5]) + ' / ' + e(T.supply) + ' ' + e(v[6]) +
          '<br>' + e(T.index) + ' ' + (v[2] === null ? '—' : e((v[2] / 100).toFixed(2)));
      } },
      grid: { left: 8, right: 8, top: 10, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: Array.from({ length: width }, function (_, i) { return String(i + 1); }), name: T.rank },
      yAxis: { type: 'category', data: d.tracks, inverse: true },
      visualMap: { min: 0, max: 100, dimension: 2, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, text: ['1.0', '0'],
        inRange: { color: ['#eef4fb', '#b42318'] } },
      series: [{ type: 'heatmap', data: d.cells.map(function (x) { return { value: [x[0], x[1], x[2], x[3], x[4], x[5], x[6]] }; }),
        // A cell's number only where the cell is wide enough for it (a phone shows 30 ranks ~7 px wide): the tooltip and the
        // table below the map give every value.
        label: { show: (el.clientWidth - 120) / width >= 28,
          formatter: function (p) { return p.value[2] === null ? '' : (p.value[2] / 100).toFixed(1); } },
        itemStyle: { borderColor: '#fff', borderWidth: 1 } }]
    }));
    c.on('click', function (p) { if (p.value && p.value[4]) window.location.href = p.value[4]; });
  }

  function stack(el, d) {
    if (!d.series || d.series.length === 0) return empty(el);
    var c = make(el);
    c.setOption(withToolbox({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: { top: 0, left: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d.categories, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: d.series.map(function (s) { return { name: s.name, type: 'bar', stack: d.grouped ? undefined : 'all', data: s.data }; })
    }));
  }

  // 场景转化漏斗: the total as a funnel (published → matched → awarded → each stage), its steps' counts as labels.
  function funnel(el, d) {
    if (!d.steps || d.steps.length === 0 || !d.total || d.total[0] === 0) return empty(el);
    var c = make(el);
    c.setOption(withToolbox({
      tooltip: { trigger: 'item', formatter: function (p) { var e = window.fip.escapeHtml; return e(p.name) + ': ' + e(String(p.value)); } },
      series: [{ type: 'funnel', sort: 'none', left: 8, right: 8, top: 28, bottom: 8, minSize: '8%', gap: 2,
        label: { show: true, position: 'inside', formatter: '{b} {c}', color: '#fff' },
        // An empty step is drawn at the funnel's least width, too narrow for white text inside: it is pale, its label dark.
        data: d.steps.map(function (name, i) {
          return d.total[i] === 0
            ? { name: name, value: 0, itemStyle: { color: '#e9ecef' }, label: { color: '#212529' } }
            : { name: name, value: d.total[i] };
        }) }]
    }));
  }

  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var kind = el.getAttribute('data-chart');
    var render = function (data) {
      if (kind === 'spark') {
        var goal = el.getAttribute('data-goal');
        if (goal) {
          var g = (data || []).find(function (x) { return String(x.targetId) === goal; });
          // A district's share without a target of its own is not drawn against the city's target.
          data = g ? { history: g.history, target: el.hasAttribute('data-city-target') ? null : g.target, status: g.status } : null;
        }
        spark(el, data);
      } else if (kind === 'history') history(el, data);
      else if (kind === 'bars') bars(el, data, el.getAttribute('data-field'));
      else if (kind === 'heat') heat(el, data);
      else if (kind === 'stack') stack(el, data);
      else if (kind === 'scarcity') scarcity(el, data);
      else if (kind === 'funnel') funnel(el, data);
    };
    var inline = el.getAttribute('data-json');
    if (inline) { render(JSON.parse(inline)); return; }
    load(el.getAttribute('data-src')).then(render).catch(function () { empty(el); });
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
