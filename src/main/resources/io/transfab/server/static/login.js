// Token login: the form posts to /login; the server answers with a session cookie and a redirect.
"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  const form = document.getElementById("login-form");
  if (params.get("next")) {
    form.action = "/login?next=" + encodeURIComponent(params.get("next"));
  }
  if (params.get("error")) {
    say("login-message", "That token is not this server's token.", "error");
  }
})();
