// Without htmx the progress box asks for a refresh; with it, the box polls itself.
document.addEventListener("DOMContentLoaded", () => {
  const refresh = document.getElementById("refresh-progress");
  if (refresh && window.htmx) refresh.hidden = true;
});
