// Runs inside report.html (no modules, no network): draws every chart from the inline
// JSON, then marks each canvas data-rendered="true" and sets data-charts-rendered on body
// so a headless browser (and the tests) can tell the charts were really drawn.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('perflab-data').textContent);
  var COLORS = { naive: '#c62828', optimized: '#2e7d32' };
  var TONES = { good: '#2e7d32', bad: '#c62828', neutral: '#757575' };
  var DRIVER_DASHES = { autocannon: [], k6: [6, 4] };
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

  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
  }

  function dashOf(driver) {
    return DRIVER_DASHES[driver] || [2, 3];
  }

  function options(title, scales, extra, lines) {
    var base = {
      animation: false,
      responsive: false,
      // line legends show each series' colour and dash; bar charts keep each dataset's own marker
      plugins: { title: { display: true, text: title }, legend: { position: 'bottom', labels: lines ? { usePointStyle: true, pointStyle: 'line', pointStyleWidth: 26 } : { usePointStyle: true } } },
      scales: scales,
    };
    for (var key in extra || {}) base[key] = extra[key];
    return base;
  }

  function allPositive(values) {
    return values.length > 0 && values.every(function (value) { return value > 0; });
  }

  // Each bar's headline in words, right of its interval (left when there is no room).
  var summaryText = {
    id: 'perflabSummaryText',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var x = chart.scales.x;
      var y = chart.scales.y;
      ctx.save();
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillStyle = '#212121';
      ctx.textBaseline = 'middle';
      data.summary.forEach(function (bar, index) {
        var right = x.getPixelForValue(bar.interval ? bar.interval[1] : bar.estimate) + 10;
        var width = ctx.measureText(bar.text).width;
        var left = x.getPixelForValue(bar.interval ? bar.interval[0] : bar.estimate) - 10 - width;
        ctx.textAlign = 'left';
        ctx.fillText(bar.text, right + width <= chart.chartArea.right ? right : Math.max(chart.chartArea.left + 2, left), y.getPixelForValue(index));
      });
      ctx.restore();
    },
  };

  // The dashed line at 1×: left of it the naive side is better, right of it the optimized side.
  var parityLine = {
    id: 'perflabParity',
    afterDatasetsDraw: function (chart) {
      var x = chart.scales.x.getPixelForValue(1);
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = '#424242';
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(x, area.top);
      ctx.lineTo(x, area.bottom);
      ctx.stroke();
      ctx.restore();
    },
  };

  // Only 1, 2 and 5 times a power of ten are labelled: the log scale's own min/max ticks would collide.
  function ratioTick(value) {
    var mantissa = value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
    var round = [1, 2, 5].some(function (k) { return Math.abs(mantissa - k) < 1e-6; });
    return round ? Number(value.toPrecision(2)) + '×' : '';
  }

  function drawSummary(canvas) {
    var bars = data.summary;
    var values = [];
    bars.forEach(function (bar) {
      values.push(bar.estimate);
      if (bar.interval) values.push(bar.interval[0], bar.interval[1]);
    });
    var low = Math.min.apply(null, values.concat([1]));
    var high = Math.max.apply(null, values.concat([1]));
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: bars.map(function (bar) { return bar.label + ' (' + bar.metric + ')'; }),
        datasets: [
          {
            label: '95% interval',
            data: bars.map(function (bar) { return bar.interval ? bar.interval : [bar.estimate, bar.estimate]; }),
            backgroundColor: bars.map(function (bar) { return alpha(TONES[bar.tone], 0.3); }),
            borderColor: bars.map(function (bar) { return TONES[bar.tone]; }),
            borderWidth: 1,
            borderSkipped: false,
            barPercentage: 0.6,
          },
          {
            type: 'line',
            label: 'ratio (geometric mean)',
            data: bars.map(function (bar) { return bar.estimate; }),
            showLine: false,
            pointRadius: 6,
            pointHoverRadius: 7,
            pointStyle: bars.map(function (bar) { return bar.bound === '≥' ? 'triangle' : 'circle'; }),
            rotation: bars.map(function (bar) { return bar.bound === '≥' ? 90 : 0; }),
            backgroundColor: bars.map(function (bar) { return TONES[bar.tone]; }),
            borderColor: '#fff',
            indexAxis: 'y',
          },
        ],
      },
      options: options(
        'Optimized against naive: ratio (geometric mean over paired repeats) and 95% interval (log axis, > 1× = optimized better)',
        {
          x: {
            type: 'logarithmic',
            min: low / 1.3,
            max: high * 1.3,
            title: { display: true, text: 'ratio (req/s: optimized/naive · p95: naive/optimized · capacity: optimized/naive req/s)' },
            ticks: { autoSkip: false, callback: ratioTick },
          },
          y: { ticks: { autoSkip: false } },
        },
        {
          indexAxis: 'y',
          plugins: {
            title: { display: true, text: 'Optimized against naive: ratio (geometric mean over paired repeats) and 95% interval (log axis)' },
            legend: { display: false },
            tooltip: { callbacks: { label: function (item) { return bars[item.dataIndex].text; } } },
          },
        },
      ),
      plugins: [markRendered, parityLine, summaryText],
    });
  }

  function drawSpread(canvas, comparison, metric) {
    var spread = comparison.spread;
    var labels = spread.map(function (side) { return side.label; });
    var medians = spread.map(function (side) { return metric === 'throughput' ? side.throughput : side.p95; });
    var dots = [];
    spread.forEach(function (side) {
      (metric === 'throughput' ? side.throughputRuns : side.p95Runs).forEach(function (value) { dots.push({ x: side.label, y: value }); });
    });
    var logScale = metric === 'p95' && allPositive(dots.map(function (dot) { return dot.y; }));
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          {
            type: 'line',
            label: 'each repeat',
            data: dots,
            showLine: false,
            pointRadius: 4,
            pointStyle: 'circle',
            backgroundColor: '#212121',
            borderColor: '#fff',
            borderWidth: 1,
            order: 0,
          },
          {
            label: metric === 'throughput' ? 'median req/s' : 'p95 of all repeats',
            data: medians,
            backgroundColor: spread.map(function (side) { return alpha(COLORS[side.variant], 0.55); }),
            borderColor: spread.map(function (side) { return COLORS[side.variant]; }),
            borderWidth: 1,
            pointStyle: 'rect',
            order: 1,
          },
        ],
      },
      options: options(metric === 'throughput' ? 'Throughput per repeat (req/s)' : 'p95 per repeat (ms)', {
        y: logScale ? { type: 'logarithmic', title: { display: true, text: 'ms' } } : { beginAtZero: true, title: { display: true, text: metric === 'throughput' ? 'req/s' : 'ms' } },
      }),
      plugins: [markRendered],
    });
  }

  // latency over time: metric 'throughput' (req/s) or 'p95' (ms; a second with no success is a gap)
  function drawPerSecond(canvas, comparison, metric) {
    var valuesOf = function (run) { return metric === 'p95' ? run.p95 : run.values; };
    var longest = Math.max.apply(null, comparison.perSecond.map(function (run) { return run.values.length; }).concat([1]));
    var seconds = [];
    for (var s = 1; s <= longest; s++) seconds.push(s);
    var ys = [];
    comparison.perSecond.forEach(function (run) { valuesOf(run).forEach(function (y) { if (y !== null) ys.push(y); }); });
    var logScale = metric === 'p95' && allPositive(ys);
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: seconds,
        datasets: comparison.perSecond.map(function (run) {
          return {
            label: run.label,
            data: valuesOf(run),
            spanGaps: false,
            borderColor: alpha(COLORS[run.variant], 0.45 + 0.15 * ((run.repeat - 1) % 4)),
            backgroundColor: COLORS[run.variant],
            borderDash: dashOf(run.driver),
            borderWidth: 1.5,
            pointRadius: 0,
            tension: 0,
          };
        }),
      },
      options: options(metric === 'p95' ? 'p95 latency per second of each run (ms)' : 'Throughput per second of each run (req/s)', {
        x: { title: { display: true, text: 'second of the measured window' } },
        y: metric === 'p95'
          ? logScale ? { type: 'logarithmic', title: { display: true, text: 'ms (log)' } } : { beginAtZero: true, title: { display: true, text: 'ms' } }
          : { beginAtZero: true, title: { display: true, text: 'req/s' } },
      }, null, true),
      plugins: [markRendered],
    });
  }

  // HdrHistogram's plotter: x = 1/(1−p) on a log axis, so p90, p99, p99.9 … sit a decade apart.
  function percentileLabel(x) {
    var decades = Math.round(Math.log10(x));
    if (Math.abs(Math.log10(x) - decades) > 1e-9) return '';
    if (decades === 0) return 'p0';
    if (decades === 1) return 'p90';
    return 'p' + (100 - Math.pow(10, 2 - decades)).toFixed(decades - 2);
  }

  function drawPercentiles(canvas, comparison) {
    var curves = comparison.percentiles;
    var ys = [];
    curves.forEach(function (curve) { curve.points.forEach(function (point) { ys.push(point.y); }); });
    new Chart(canvas, {
      type: 'line',
      data: {
        datasets: curves.map(function (curve) {
          return {
            label: curve.label,
            data: curve.points,
            borderColor: COLORS[curve.variant],
            backgroundColor: COLORS[curve.variant],
            borderDash: dashOf(curve.driver),
            pointRadius: 2,
            tension: 0,
          };
        }),
      },
      options: options('Latency by percentile, all repeats merged (HDR)', {
        x: {
          type: 'logarithmic',
          min: 1,
          title: { display: true, text: 'percentile (1/(1−p) log axis; last point = max)' },
          ticks: { autoSkip: false, callback: function (value) { return percentileLabel(value); } },
        },
        y: allPositive(ys) ? { type: 'logarithmic', title: { display: true, text: 'ms (log)' } } : { beginAtZero: true, title: { display: true, text: 'ms' } },
      }, null, true),
      plugins: [markRendered],
    });
  }

  var summary = document.getElementById('summary-chart');
  if (summary) drawSummary(summary);
  data.comparisons.forEach(function (comparison, index) {
    drawSpread(document.getElementById('throughput-' + index), comparison, 'throughput');
    drawSpread(document.getElementById('p95-' + index), comparison, 'p95');
    drawPerSecond(document.getElementById('persecond-' + index), comparison, 'throughput');
    drawPerSecond(document.getElementById('p95persecond-' + index), comparison, 'p95');
    drawPercentiles(document.getElementById('percentiles-' + index), comparison);
  });

  if (total === 0) document.body.dataset.chartsRendered = '0';
})();
