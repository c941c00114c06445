// Runs inside scale.html (no modules, no network): draws each comparison's log–log chart from
// the inline JSON, then sets data-charts-rendered on body so a headless browser can tell.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('scale-data').textContent);
  var COLORS = { naive: '#c62828', optimized: '#2e7d32' };
  var DASHES = { p50: [], p95: [6, 4], fit: [2, 3] };
  var drawn = 0;
  var total = document.querySelectorAll('canvas.chart').length;
  var markRendered = {
    id: 'scaleRendered',
    afterRender: function (chart) {
      if (chart.canvas.dataset.rendered === 'true') return;
      chart.canvas.dataset.rendered = 'true';
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
      showLine: true,
      borderDash: DASHES[series.kind],
      pointRadius: series.kind === 'fit' ? 0 : 4,
      borderWidth: series.kind === 'fit' ? 1 : 2,
    };
  }
  data.forEach(function (c, i) {
    new Chart(document.getElementById('scale-' + i), {
      type: 'scatter',
      data: { datasets: c.series.map(dataset) },
      options: {
        animation: false,
        responsive: false,
        plugins: { title: { display: true, text: c.comparison + ': latency vs rows (log–log; slope = growth exponent)' }, legend: { position: 'bottom' } },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'products = orders in the data set (log)' } },
          y: { type: 'logarithmic', title: { display: true, text: 'latency ms (log)' } },
        },
      },
      plugins: [markRendered],
    });
  });
  if (total === 0) document.body.dataset.chartsRendered = '0';
})();
