// Meetings held against the rhythm, per pair: the table beside it has the same numbers.
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("rhythm-chart");
  const source = document.getElementById("rhythm-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  if (!data.labels.length) { canvas.parentElement.hidden = true; return; }
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Meetings held", data: data.held, backgroundColor: "#1f4e79" },
        { label: "Expected by now", data: data.expected, backgroundColor: "#b1b4b6" },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
});
