// Classroom visits: a print button for the sign-in sheet, and the charts of visits given and
// received. Progressive enhancement: each chart's table holds the same numbers.
(function () {
  "use strict";

  function printButtons() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function charts() {
    if (typeof window.Chart === "undefined") { return; }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: [
            { label: canvas.dataset.givenLabel, data: data.given, backgroundColor: "#1f4e79" },
            { label: canvas.dataset.receivedLabel, data: data.received, backgroundColor: "#d4761c" }
          ]
        },
        options: {
          indexAxis: "y",
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: "bottom" } }
        }
      });
      canvas.parentElement.style.height = Math.max(160, 48 * data.labels.length + 80) + "px";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    printButtons();
    charts();
  });
})();
