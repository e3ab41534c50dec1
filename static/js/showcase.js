/* Public showcase: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Filters and sort apply as soon as a choice changes (the submit buttons stay for no-JS use).
  document.querySelectorAll("form.js-autosubmit").forEach(function (form) {
    form.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox], select")) {
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    });
    form.querySelectorAll(".js-hide").forEach(function (el) { el.hidden = true; });
  });

  // On a phone the filter panel starts folded, so the products come first.
  if (window.matchMedia("(max-width: 991.98px)").matches) {
    document.querySelectorAll("details.js-filters").forEach(function (details) {
      if (!details.querySelector("input:checked")) { details.open = false; }
    });
  }

  // Gallery: a thumbnail shows its photo in the main frame instead of opening the file.
  var mainImg = document.getElementById("gallery-main-img");
  var mainLink = document.getElementById("gallery-main-link");
  document.querySelectorAll(".js-gallery-thumb").forEach(function (thumb) {
    thumb.addEventListener("click", function (event) {
      if (!mainImg) { return; }
      event.preventDefault();
      mainImg.src = thumb.dataset.full;
      mainImg.alt = thumb.dataset.alt;
      if (mainLink) { mainLink.href = thumb.dataset.full; }
      document.querySelectorAll(".js-gallery-thumb").forEach(function (other) {
        other.classList.remove("is-current");
        other.removeAttribute("aria-current");
      });
      thumb.classList.add("is-current");
      thumb.setAttribute("aria-current", "true");
    });
  });
})();
