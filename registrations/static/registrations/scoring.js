/* Live total on a score sheet form (self-assessment, council scoring). The server computes
   and stores the real total and the stars (with the required criteria) on save; this only
   keeps the running total in view while ticking. Loaded as a static file (CSP-compatible). */
(function () {
  "use strict";
  document.querySelectorAll("form[data-scoring]").forEach(function (form) {
    function update() {
      var total = 0;
      var answered = 0;
      form.querySelectorAll("input[type=radio][data-points]:checked").forEach(function (input) {
        total += parseFloat(input.getAttribute("data-points")) || 0;
        answered += 1;
        var box = input.closest(".criterion");
        if (box) { box.classList.remove("criterion-unanswered"); }
      });
      total = Math.round(total * 100) / 100;
      form.querySelectorAll("[data-total]").forEach(function (el) {
        el.textContent = String(total).replace(".", ",");
      });
      form.querySelectorAll("[data-answered]").forEach(function (el) { el.textContent = answered; });
      form.querySelectorAll("[data-stars-note]").forEach(function (el) { el.hidden = false; });
    }
    form.addEventListener("change", update);
  });
})();
