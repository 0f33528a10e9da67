// The conversation box stays scrolled to the newest message: on load and after each swap of new messages.
// A static file (no inline script), so the Content-Security-Policy can forbid inline scripts.
(function () {
  function toBottom() {
    var box = document.getElementById("messages-scroll");
    if (box) { box.scrollTop = box.scrollHeight; }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", toBottom);
  } else {
    toBottom();
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "message-list") { toBottom(); }
  });
})();
