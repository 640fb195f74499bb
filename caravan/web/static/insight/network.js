// The cooperation network: highlight a member's partners while it is hovered or focused,
// and say its counts in a live region. The picture works without this script; it only adds
// emphasis. Members are SVG links, so the Tab key reaches them in document order.
(function () {
  "use strict";
  var svg = document.querySelector("svg.network-graph");
  var status = document.getElementById("network-status");
  if (!svg) return;

  function clear() {
    svg.classList.remove("is-focused");
    svg.querySelectorAll(".is-lit").forEach(function (el) { el.classList.remove("is-lit"); });
    if (status) status.textContent = "";
  }

  function light(node) {
    clear();
    var code = node.getAttribute("data-code");
    var neighbours = (node.getAttribute("data-neighbours") || "").split(" ").filter(Boolean);
    svg.classList.add("is-focused");
    node.classList.add("is-lit");
    svg.querySelectorAll("a.node").forEach(function (other) {
      if (neighbours.indexOf(other.getAttribute("data-code")) !== -1) other.classList.add("is-lit");
    });
    svg.querySelectorAll("line.edge").forEach(function (edge) {
      if (edge.getAttribute("data-a") === code || edge.getAttribute("data-b") === code) {
        edge.classList.add("is-lit");
      }
    });
    if (status) status.textContent = node.getAttribute("data-summary") || "";
  }

  svg.querySelectorAll("a.node").forEach(function (node) {
    node.addEventListener("mouseenter", function () { light(node); });
    node.addEventListener("focus", function () { light(node); });
    node.addEventListener("mouseleave", clear);
    node.addEventListener("blur", clear);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") clear();
  });
})();
