// A form came back with errors: put focus on the summary at its top, so a screen reader reads it
// first and a keyboard user goes from there to each field. Without JavaScript the page still opens at
// the summary (the form posts to its #foutmelding anchor) and role="alert" announces it.
const summary = document.querySelector("[data-error-summary]");
if (summary) {
  summary.focus();
}
