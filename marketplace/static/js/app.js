// Small behaviours the templates declare with data- attributes. The Content-Security-Policy
// forbids inline script (onclick=, onchange=, <script> blocks): everything lives here.
"use strict";

// <select data-autosubmit>: choosing an option sends its form (a <noscript> button is the fallback).
document.addEventListener("change", (event) => {
  const control = event.target;
  if (control instanceof HTMLElement && control.matches("[data-autosubmit]") && control.form) {
    if (control.form.requestSubmit) control.form.requestSubmit();
    else control.form.submit();
  }
});

// <input data-select-on-click>: one click selects the whole value, ready to copy.
document.addEventListener("click", (event) => {
  const field = event.target;
  if (field instanceof HTMLInputElement && field.matches("[data-select-on-click]")) field.select();
});
