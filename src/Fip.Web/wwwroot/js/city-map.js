// The city map of the cockpit (Apache ECharts): districts coloured by the figure or goal chosen in the map's selector, the
// functional zones without a boundary as points coloured the same way; a click opens the district's view. The boundaries come
// from the plan's map file (/Cockpit/Map), the values from the card's data-map-json; the same figures are in the table below.
(function () {
  'use strict';
  var card = document.querySelector('[data-map-json]');
  if (!card || typeof echarts === 'undefined') return;
  var el = card.querySelector('[data-city-map]');
  var select = card.querySelector('#map-measure');
  var data = JSON.parse(card.getAttribute('data-map-json'));
  var en = (document.documentElement.lang || '').indexOf('en') === 0;
  var dark = !!card.closest('.cockpit-screen');
  var T = en ? { nodata: 'No figure', target: 'district target', open: 'Click to open the district' }
    : { nodata: '无数据', target: '板块目标', open: '点击进入板块' };
  var escapeHtml = window.fip.escapeHtml;
  var chart = null;
  var map = null;

  function option() {
    var key = select ? select.value : data.options[0].key;
    return data.options.find(function (o) { return o.key === key; }) || data.options[0];
  }
  function value(o, id) {
    var v = o.values[String(id)];
    return v == null ? null : Math.round((v / o.scale) * 100) / 100;
  }
  function fmt(v) { return (Math.round(v * 100) / 100).toLocaleString(en ? 'en' : 'zh-CN'); }
  function tip(o, id, name, escapeHtml) {
    var v = value(o, id);
    var t = o.targets ? o.targets[String(id)] : null;
    return escapeHtml(name) + '<br>' + escapeHtml(o.name) + ': ' + (v == null ? T.nodata : escapeHtml(v) + ' ' + escapeHtml(o.unit)) +
      (t == null ? '' : '<br>' + T.target + ' ' + escapeHtml(t)) + '<br><small>' + T.open + '</small>';
  }

  function draw() {
    if (!map) return;
    var o = option();
    var areas = map.boundaries.features.map(function (f) {
      return { name: f.properties.name, id: f.properties.id, value: value(o, f.properties.id) };
    });
    var points = map.points.map(function (p) { return { name: p.name, id: p.id, value: [p.lon, p.lat, value(o, p.id)] }; });
    var all = areas.map(function (a) { return a.value; }).concat(points.map(function (p) { return p.value[2]; }))
      .filter(function (v) { return v != null; });
    var narrow = window.innerWidth < 576;
    chart.setOption({
      backgroundColor: 'transparent', animation: false,
      tooltip: { trigger: 'item', confine: true, formatter: function (p) { return tip(o, p.data.id, p.name, escapeHtml); } },
      visualMap: {
        type: 'continuous', min: all.length ? Math.min.apply(null, all) : 0, max: all.length ? Math.max.apply(null, all) : 1,
        calculable: false, orient: narrow ? 'horizontal' : 'vertical', left: narrow ? 'center' : 8, bottom: 4,
        text: all.length ? [fmt(Math.max.apply(null, all)) + ' ' + o.unit, fmt(Math.min.apply(null, all))] : [o.unit, ''], inRange: { color: ['#dbe9f6', '#6aa7d8', '#0b4f8a'] }, seriesIndex: [0, 1],
        textStyle: { color: dark ? '#e6edf5' : '#333' }
      },
      geo: { map: 'fip-city', roam: false, top: 8, bottom: narrow ? 48 : 8, label: { show: !narrow, fontSize: 11 },
        itemStyle: { borderColor: '#fff', areaColor: '#eef1f4' }, emphasis: { label: { show: true }, itemStyle: { areaColor: '#e0a800' } } },
      series: [
        { type: 'map', geoIndex: 0, data: areas },
        // The functional zones sit close together in the city centre: their names are moved apart (or, failing room, left to the
        // tooltip and the table below) rather than printed over each other.
        { type: 'scatter', coordinateSystem: 'geo', data: points, symbolSize: 16, itemStyle: { borderColor: '#b3261e', borderWidth: 2 },
          label: { show: true, position: 'right', formatter: '{b}', fontSize: 11, color: dark ? '#e6edf5' : '#1d2733',
            backgroundColor: dark ? 'rgba(10,22,40,.75)' : 'rgba(255,255,255,.8)', padding: [1, 3] },
          labelLayout: { moveOverlap: 'shiftY', hideOverlap: true } }
      ]
    }, true);
  }

  fetch(el.getAttribute('data-city-map'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (m) {
      map = m;
      echarts.registerMap('fip-city', m.boundaries);
      chart = echarts.init(el, dark ? 'dark' : null, { renderer: 'canvas' });
      chart.on('click', function (p) { if (p.data && p.data.id) window.location.href = '/Cockpit/District/' + p.data.id; });
      if (m.unplaced.length) {
        var note = card.querySelector('[data-map-unplaced]');
        note.querySelector('span').textContent = m.unplaced.join('、');
        note.classList.remove('d-none');
      }
      el.setAttribute('data-ready', 'true');
      draw();
    })
    .catch(function () { el.classList.add('chart-empty'); el.textContent = T.nodata; });
  if (select) select.addEventListener('change', draw);
  window.addEventListener('resize', function () { if (chart) { chart.resize(); draw(); } });
})();
