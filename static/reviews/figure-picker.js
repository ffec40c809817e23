// The page form's figure picker: "Insert" puts a figure's code at the cursor of the text box
// last clicked in. Without JavaScript the codes stay listed, to copy by hand.
"use strict";
(function () {
  const picker = document.querySelector(".figure-picker");
  if (!picker) {
    return;
  }
  const status = picker.querySelector(".figure-picker-status");
  let target = null;

  document.addEventListener("focusin", function (event) {
    if (event.target instanceof HTMLTextAreaElement && event.target.form) {
      target = event.target;
    }
  });

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  picker.querySelectorAll(".figure-picker-insert").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      const reference = button.dataset.reference;
      if (!target || !document.body.contains(target)) {
        say("Click in a section, introduction or verdict first, then press Insert.");
        return;
      }
      const start = target.selectionStart;
      const end = target.selectionEnd;
      target.value = target.value.slice(0, start) + reference + target.value.slice(end);
      target.selectionStart = target.selectionEnd = start + reference.length;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      target.focus();
      say("Inserted " + reference + ".");
    });
  });
})();
