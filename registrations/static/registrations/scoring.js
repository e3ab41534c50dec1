/* Live total on a score sheet form (self-assessment, council scoring). The server computes
   and stores the real total and the stars (with the required criteria) on save; this only
   keeps the running total in view while ticking, and shows only the chosen case's criteria
   where a sheet has alternative cases (the others are hidden and disabled, so they are neither
   counted nor sent). Loaded as a static file (CSP-compatible). */
(function () {
  "use strict";
  document.querySelectorAll("form[data-scoring]").forEach(function (form) {
    function showCases(choiceBox) {
      var id = choiceBox.getAttribute("data-case-choice");
      var checked = choiceBox.querySelector("input[type=radio]:checked");
      if (!checked) { return; }
      form.querySelectorAll('.sheet-case[data-case-of="' + id + '"]').forEach(function (block) {
        var hide = block.getAttribute("data-case") !== checked.value;
        block.hidden = hide;
        block.querySelectorAll("fieldset.criterion").forEach(function (box) { box.disabled = hide; });
      });
      form.querySelectorAll('[data-case-prompt="' + id + '"]').forEach(function (el) { el.hidden = true; });
      var label = form.querySelector('label[for="' + checked.id + '"]');
      form.querySelectorAll('[data-case-chosen="' + id + '"]').forEach(function (el) {
        el.textContent = label ? label.textContent : "";
      });
      choiceBox.classList.remove("border-warning");
    }
    function update() {
      var total = 0;
      var answered = 0;
      form.querySelectorAll("input[type=radio][data-points]:checked").forEach(function (input) {
        if (input.matches(":disabled")) { return; } // inside a hidden case
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
    form.addEventListener("change", function (event) {
      var choiceBox = event.target.closest("[data-case-choice]");
      if (choiceBox) { showCases(choiceBox); }
      update();
    });
  });
})();
