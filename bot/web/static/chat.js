/* motcua web chat: vanilla JS, no build step, on the shared core (chat-core.js, loaded first).
   Reply text is plain text: never set as HTML. */
(function () {
  "use strict";

  var core = window.motcuaChat;
  var WARN_AT = 1800;

  var log = document.getElementById("log");
  var input = document.getElementById("input");
  var typing = document.getElementById("typing");
  var counter = document.getElementById("counter");

  var chat = core.conversation({
    log: log,
    form: document.getElementById("composer"),
    input: input,
    send: document.getElementById("send"),
    base: "",
    fetch: {},
    keys: "motcua.",
    max: 200,
    textClass: "bubble",
    inPlace: true,
    busy: function (on) {
      typing.hidden = !on;
      if (on) log.scrollTop = log.scrollHeight;
    },
    typed: resize,
    settled: function () { input.focus(); },
    ready: function () { return !streaming(); },
    visible: connectStream
  });

  /* ---------- messages pushed to this page (a volunteer's replies): a live stream (Server-Sent
     Events, resumed with Last-Event-ID); polled while the stream is down or unsupported ---------- */
  var stream = null;

  function showPushed(r) {
    if (!r || typeof r.id !== "number" || r.id <= chat.history.after) return;
    chat.show([r]);
    chat.history.seen(r.id);
  }

  function streaming() { return stream !== null && stream.readyState === 1; }

  function connectStream() {
    if (typeof window.EventSource !== "function" || stream) return;
    var user = encodeURIComponent(chat.history.user);
    stream = new EventSource("/api/chat/stream?user=" + user + "&after=" + chat.history.after);
    stream.onmessage = function (e) {
      try { showPushed(JSON.parse(e.data)); } catch (err) { /* a bad event is skipped */ }
    };
    stream.onopen = function () { chat.schedule(0); }; // streaming: clears the poll's timer
    stream.onerror = function () {
      if (stream && stream.readyState === 2) stream = null; // refused (e.g. 503): poll, retry later
      chat.schedule(core.POLL_MS);
    };
  }

  /* ---------- input box ---------- */
  function resize() {
    input.style.height = "";
    if (input.value) input.style.height = Math.min(input.scrollHeight + 2, 140) + "px";
    var n = input.value.length;
    if (n >= WARN_AT) {
      counter.hidden = false;
      counter.textContent = n + "/" + core.MAX_LEN;
      counter.classList.toggle("full", n >= core.MAX_LEN);
    } else {
      counter.hidden = true;
    }
  }

  input.addEventListener("input", resize);
  document.getElementById("reset").addEventListener("click", chat.reset);

  /* ---------- start: restore this browser's conversation, or ask for the greeting ---------- */
  if (chat.restore()) input.focus();
  else chat.ask("start");
  connectStream();
  chat.schedule(core.POLL_MS);
})();
