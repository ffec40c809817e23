// Print buttons: markup carries them hidden, so a reader without JavaScript never sees a
// button that does nothing; here they are shown and print the page. No inline script:
// the Content-Security-Policy allows only this site's files.
"use strict";
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
