// Runs inside a capacity run's report.html (no modules, no network): draws each comparison's two charts from
// the inline JSON, then sets data-charts-rendered on body so a headless browser can tell.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('capacity-data').textContent);
  var COLORS = { naive: '#c62828', optimized: '#2e7d32', slo: '#1565c0' };
  var DASHES = { p50: [2, 3], p95: [], p99: [8, 4] };
  var drawn = 0;
  var total = document.querySelectorAll('canvas.chart').length;
  var markRendered = {
    id: 'capacityRendered',
    afterRender: function (chart) {
      if (chart.canvas.dataset.rendered === 'true') return;
      chart.canvas.dataset.rendered = 'true';
      // what was laid out, per series (label=points on the canvas), so a headless check sees data, not just a frame
      chart.canvas.dataset.series = chart.data.datasets
        .map(function (d, i) {
          var laidOut = chart.getDatasetMeta(i).data.filter(function (el) { return isFinite(el.x) && isFinite(el.y); });
          return d.label + '=' + laidOut.length;
        })
        .join('|');
      drawn += 1;
      if (drawn === total) document.body.dataset.chartsRendered = String(drawn);
    },
  };
  function dataset(series) {
    var color = COLORS[series.variant];
    return {
      label: series.label,
      data: series.points,
      borderColor: color,
      backgroundColor: color,
      showLine: series.kind !== 'points' || !!series.dash,
      borderDash: series.kind === 'marker' ? [4, 4] : DASHES[series.dash] || [],
      pointRadius: series.kind === 'points' ? 3 : 0,
      borderWidth: series.kind === 'marker' ? 1.5 : 2,
    };
  }
  function draw(id, title, xTitle, yTitle, series, logY) {
    new Chart(document.getElementById(id), {
      type: 'scatter',
      data: { datasets: series.map(dataset) },
      options: {
        animation: false,
        responsive: false,
        plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
        scales: { x: { title: { display: true, text: xTitle } }, y: { type: logY ? 'logarithmic' : 'linear', title: { display: true, text: yTitle } } },
      },
      plugins: [markRendered],
    });
  }
  data.forEach(function (c, i) {
    draw('scaling-' + i, c.comparison + ': throughput vs concurrency (closed model) with the USL fit', 'concurrent clients N', 'successful req/s', c.scaling, false);
    draw('latency-' + i, c.comparison + ': latency vs offered rate (open model), SLO line and maximum', 'offered req/s', 'latency ms (log)', c.latency, true);
  });
  if (total === 0) document.body.dataset.chartsRendered = '0';
})();
