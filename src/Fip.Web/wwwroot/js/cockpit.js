// The leaders' cockpit (驾驶舱): charts of the industry scale by year, track and district, chain coverage and the city map, all
// from the JSON the page carries (data-cockpit-json); one measure selector redraws them. Legends sit above a grid that
// contains its labels, so they never overlap the axes at 1440 px or 390 px.
(function () {
  'use strict';
  var root = document.querySelector('[data-cockpit-json]');
  if (!root || typeof echarts === 'undefined') return;
  var data = JSON.parse(root.getAttribute('data-cockpit-json'));
  var en = (document.documentElement.lang || '').indexOf('en') === 0;
  var dark = root.classList.contains('cockpit-screen');
  var T = en
    ? { firms: ' firms', yoy: 'YoY', nodata: 'No data yet', covered: 'Links with local firms', gaps: 'Gaps', strong: 'With a leading firm' }
    : { firms: ' 家', yoy: '同比', nodata: '暂无数据', covered: '有本地企业的环节', gaps: '缺失环节', strong: '有龙头企业' };
  var select = document.getElementById('cockpit-measure');
  var charts = {};
  var narrow = function () { return window.innerWidth < 576; };

  function chart(kind) {
    var el = root.querySelector('[data-cockpit-chart="' + kind + '"]');
    if (!el) return null;
    if (!charts[kind]) charts[kind] = echarts.init(el, dark ? 'dark' : null, { renderer: 'canvas' });
    return charts[kind];
  }
  function measure() {
    var key = select ? select.value : data.measures[0].key;
    return data.measures.find(function (m) { return m.key === key; }) || data.measures[0];
  }
  function scaled(v, m) { return v == null ? null : Math.round((v / m.scale) * 100) / 100; }
  function yoy(p) { return p == null ? '—' : (p > 0 ? '+' : '') + p.toFixed(1) + '%'; }
  var escapeHtml = window.fip.escapeHtml;

  function bars(kind, rows, m) {
    var c = chart(kind);
    if (!c) return;
    var list = rows.filter(function (r) { return r.values[m.key] != null; })
      .sort(function (a, b) { return b.values[m.key] - a.values[m.key]; });
    var el = c.getDom();
    el.style.height = Math.max(200, list.length * 28 + 60) + 'px';
    c.resize();
    c.setOption({
      backgroundColor: 'transparent', animation: false,
      title: list.length ? undefined : { text: T.nodata, left: 'center', top: 'middle', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, formatter: function (ps) {
        var r = list[ps[0].dataIndex];
        return escapeHtml(r.full) + '<br>' + escapeHtml(m.name) + ': ' + escapeHtml(ps[0].value) + ' ' + escapeHtml(m.unit) + '<br>' + T.yoy + ' ' + escapeHtml(yoy(r.yoy[m.key])) +
          ' · ' + escapeHtml(r.counts[m.key]) + escapeHtml(T.firms);
      } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: m.unit, nameLocation: 'end', nameGap: 4, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', inverse: true, data: list.map(function (r) { return r.name; }),
        axisLabel: { width: narrow() ? 84 : 160, overflow: 'truncate' } },
      series: [{ type: 'bar', data: list.map(function (r) { return scaled(r.values[m.key], m); }), itemStyle: { color: '#2f7fc1' },
        label: { show: true, position: 'right' } }]
    }, true);
  }

  function trend(m) {
    var c = chart('trend');
    if (!c) return;
    var years = data.trend[m.key] || [];
    c.setOption({
      backgroundColor: 'transparent', animation: false,
      tooltip: { trigger: 'axis', confine: true, formatter: function (ps) {
        var y = years[ps[0].dataIndex];
        return escapeHtml(y.year) + ': ' + escapeHtml(ps[0].value) + ' ' + escapeHtml(m.unit) + ' · ' + escapeHtml(y.enterprises) + escapeHtml(T.firms);
      } },
      grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years.map(function (y) { return String(y.year); }) },
      yAxis: { type: 'value', name: m.unit, nameGap: 8, nameTextStyle: { align: 'left' } },
      series: [{ type: 'bar', barMaxWidth: 48, data: years.map(function (y) { return scaled(y.sum, m); }), itemStyle: { color: '#0b4f8a' },
        label: { show: true, position: 'top' } }]
    }, true);
  }

  function chains() {
    var c = chart('chains');
    if (!c) return;
    var list = data.chains;
    c.getDom().style.height = Math.max(200, list.length * 26 + 70) + 'px';
    c.resize();
    c.setOption({
      backgroundColor: 'transparent', animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0, left: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: list.map(function (r) { return r.name; }),
        axisLabel: { width: narrow() ? 84 : 140, overflow: 'truncate' } },
      series: [
        { name: T.covered, type: 'bar', stack: 'links', data: list.map(function (r) { return r.covered; }), itemStyle: { color: '#1e7e34' } },
        { name: T.gaps, type: 'bar', stack: 'links', data: list.map(function (r) { return r.links - r.covered; }), itemStyle: { color: '#b3261e' } }
      ]
    }, true);
  }

  function draw() {
    var m = measure();
    trend(m);
    bars('tracks', data.tracks, m);
    bars('districts', data.districts, m);
    chains();
    document.dispatchEvent(new CustomEvent('cockpit:measure', { detail: m }));
  }
  if (select) select.addEventListener('change', draw);
  // On the meeting room's screen the figures renew themselves every five minutes (kept views make a reload cheap).
  if (dark) setTimeout(function () { window.location.reload(); }, 5 * 60 * 1000);
  draw();
  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); draw(); });
})();
