// The one-time secret of a set-password link travels in the address's fragment, which browsers never
// send to a server (so no access log, proxy or Referer sees it). Move it into the form, then drop it
// from the address bar and the history.
(function () {
  "use strict";
  var secret = window.location.hash.slice(1);
  var field = document.getElementById("veld-secret");
  if (!secret || !field) {
    return;
  }
  field.value = decodeURIComponent(secret);
  document.getElementById("code-field").hidden = true;
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
})();
