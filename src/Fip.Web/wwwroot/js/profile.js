// Charts of a record page (Apache ECharts): an enterprise's yearly figures (amounts as bars, 从业人数 as a line on its own axis)
// and a project's yearly planned vs completed investment with the completion ratio. The same numbers are in the tables beside.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') return;
  var narrow = function () { return window.innerWidth < 576; };
  var charts = [];

  function figures(el, d) {
    var n = d.names;
    var years = d.years.map(function (y) { return String(y.year); });
    var bar = function (key, colour) {
      return { name: n[key], type: 'bar', data: d.years.map(function (y) { return y[key]; }), itemStyle: { color: colour } };
    };
    return {
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0, left: 0, type: 'scroll' },
      grid: { left: 8, right: 8, top: narrow() ? 72 : 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years },
      yAxis: [{ type: 'value', name: n.money, nameTextStyle: { align: 'left' } },
        { type: 'value', name: n.people, splitLine: { show: false }, minInterval: 1, nameTextStyle: { align: 'right' } }],
      series: [bar('revenue', '#0b4f8a'), bar('outputValue', '#2f7fc1'), bar('tax', '#1e7e34'), bar('rdExpense', '#b58100'),
        { name: n.employees, type: 'line', yAxisIndex: 1, data: d.years.map(function (y) { return y.employees; }), itemStyle: { color: '#b3261e' } }]
    };
  }

  function investment(el, d) {
    var n = d.names;
    return {
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0, left: 0 },
      grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d.years.map(function (y) { return String(y.year); }) },
      yAxis: [{ type: 'value', name: n.money, nameTextStyle: { align: 'left' } },
        { type: 'value', name: '%', splitLine: { show: false } }],
      series: [
        { name: n.planned, type: 'bar', data: d.years.map(function (y) { return y.planned; }), itemStyle: { color: '#9cc3e6' } },
        { name: n.completed, type: 'bar', data: d.years.map(function (y) { return y.completed; }), itemStyle: { color: '#0b4f8a' } },
        { name: n.ratio, type: 'line', yAxisIndex: 1, data: d.years.map(function (y) { return y.ratio; }), itemStyle: { color: '#b3261e' } }
      ]
    };
  }

  var kinds = { figures: figures, investment: investment };
  document.querySelectorAll('[data-profile-chart]').forEach(function (el) {
    var make = kinds[el.getAttribute('data-profile-chart')];
    if (!make) return;
    var c = echarts.init(el, null, { renderer: 'canvas' });
    c.setOption(Object.assign({ animation: false }, make(el, JSON.parse(el.getAttribute('data-json')))));
    el.setAttribute('data-ready', 'true');
    charts.push(c);
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
