// Small behaviours every page may use, declared in the markup so that no page needs an inline
// script or an on…= attribute (the Content-Security-Policy allows neither):
//   <button data-print>            prints the page
//   <select data-autosubmit>       submits its form when the choice changes
//   <form data-confirm="Sure?">    asks before submitting
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });
  document.addEventListener("change", function (event) {
    var select = event.target.closest("[data-autosubmit]");
    if (select && select.form) {
      select.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();
