// Moderation charts: each figure as a floating bar from its interval's low to high end, with
// the value as a point. The tables beside each chart hold the same numbers.
(function () {
  "use strict";
  var source = document.getElementById("moderation-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);

  function intervalChart(id, rows, options) {
    var canvas = document.getElementById(id);
    if (!canvas || !rows.length) { return; }
    canvas.parentElement.style.height = Math.max(160, 34 * rows.length + 60) + "px";
    new Chart(canvas, {
      data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [
          { type: "bar", label: "95% interval", backgroundColor: "rgba(31, 78, 121, 0.35)",
            data: rows.map(function (r) { return r.low === null ? null : [r.low, r.high]; }) },
          { type: "scatter", label: "Value", backgroundColor: "#1f4e79", pointRadius: 5,
            data: rows.map(function (r) { return { x: r.value, y: r.label }; }) },
        ],
      },
      options: {
        indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { min: options.min, max: options.max, title: { display: true, text: options.axis } },
                  y: { type: "category" } },
      },
    });
  }

  intervalChart("agreement-chart", data.agreement, { min: -0.2, max: 1, axis: "agreement (share or kappa)" });
  intervalChart("bias-chart", data.bias, { axis: "shift from the family's boundary (logits)" });
  var scale = data.scale.slice().sort(function (a, b) { return a.theta - b.theta; });
  intervalChart("scale-chart", scale.map(function (s) {
    return { label: s.code + " (" + s.school + ")", value: s.theta,
             low: s.theta - 1.96 * s.se, high: s.theta + 1.96 * s.se };
  }), { axis: "position on the scale (logits)" });
})();
