// Runs inside report.html (no modules, no network): draws every chart from the inline
// JSON, then marks each canvas data-rendered="true" and sets data-charts-rendered on body
// so a headless browser (and the tests) can tell the charts were really drawn.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('perflab-data').textContent);
  var COLORS = { naive: '#c62828', optimized: '#2e7d32' };
  var DASHES = [[], [6, 4], [2, 3]];
  var drawn = 0;
  var total = document.querySelectorAll('canvas.chart').length;

  var markRendered = {
    id: 'perflabRendered',
    afterRender: function (chart) {
      if (chart.canvas.dataset.rendered === 'true') return;
      chart.canvas.dataset.rendered = 'true';
      drawn += 1;
      if (drawn === total) document.body.dataset.chartsRendered = String(drawn);
    },
  };

  data.charts.forEach(function (comparison, index) {
    new Chart(document.getElementById('throughput-' + index), {
      type: 'bar',
      data: {
        labels: comparison.throughput.drivers,
        datasets: [
          { label: 'naive', data: comparison.throughput.naive, backgroundColor: COLORS.naive },
          { label: 'optimized', data: comparison.throughput.optimized, backgroundColor: COLORS.optimized },
        ],
      },
      options: baseOptions('Throughput (req/s, median of repeats)', { y: { beginAtZero: true, title: { display: true, text: 'req/s' } } }),
      plugins: [markRendered],
    });

    var allPositive = comparison.latency.every(function (curve) {
      return curve.values.every(function (value) { return value === null || value > 0; });
    });
    new Chart(document.getElementById('latency-' + index), {
      type: 'line',
      data: {
        labels: data.latencyPoints,
        datasets: comparison.latency.map(function (curve, curveIndex) {
          return {
            label: curve.label,
            data: curve.values,
            borderColor: COLORS[curve.variant],
            backgroundColor: COLORS[curve.variant],
            borderDash: DASHES[Math.floor(curveIndex / 2) % DASHES.length],
            tension: 0,
          };
        }),
      },
      options: baseOptions('Latency percentiles (ms)', {
        y: { type: allPositive ? 'logarithmic' : 'linear', title: { display: true, text: 'ms' } },
      }),
      plugins: [markRendered],
    });
  });

  if (total === 0) document.body.dataset.chartsRendered = '0';

  function baseOptions(title, scales) {
    return {
      animation: false,
      responsive: false,
      plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
      scales: scales,
    };
  }
})();
