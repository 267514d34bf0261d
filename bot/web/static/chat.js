/* motcua web chat: vanilla JS, no build step. Reply text is plain text: never set as HTML. */
(function () {
  "use strict";

  var USER_KEY = "motcua.user";
  var LOG_KEY = "motcua.log";
  var AFTER_KEY = "motcua.after"; // id of the last pushed message shown (volunteer relay)
  var MAX_LEN = 2000;
  var WARN_AT = 1800;
  var MAX_SAVED = 200;
  var TIMEOUT_MS = 20000;
  var POLL_MS = 4000; // while the page is visible, ask for pushed messages this often
  var POLL_MAX_MS = 60000; // slower and slower after errors, up to this
  var ERROR_TEXT = "Không kết nối được, bạn thử lại nhé.";
  var URL_RE = /https?:\/\/[^\s<>"'\u00a0]+/g;

  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("input");
  var send = document.getElementById("send");
  var typing = document.getElementById("typing");
  var counter = document.getElementById("counter");
  var reset = document.getElementById("reset");
  var busy = false;

  /* ---------- storage (localStorage may be unavailable: private mode, blocked cookies) ---------- */
  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) { /* not persisted: the chat still works for this page view */ }
  }

  function newId() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === "function") return c.randomUUID();
    var bytes = new Uint8Array(16);
    if (c && typeof c.getRandomValues === "function") c.getRandomValues(bytes);
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" +
      hex.slice(16, 20) + "-" + hex.slice(20);
  }

  var user = load(USER_KEY);
  if (!user) { user = newId(); save(USER_KEY, user); }

  var saved = [];
  try { saved = JSON.parse(load(LOG_KEY) || "[]"); } catch (e) { saved = []; }
  if (!Array.isArray(saved)) saved = [];

  var after = parseInt(load(AFTER_KEY) || "0", 10);
  if (!(after >= 0)) after = 0;

  function remember(entry) {
    saved.push(entry);
    if (saved.length > MAX_SAVED) saved = saved.slice(-MAX_SAVED);
    save(LOG_KEY, JSON.stringify(saved));
  }

  /* ---------- rendering: DOM nodes and text nodes only ---------- */
  function appendLinkified(parent, text) {
    var last = 0;
    text.replace(URL_RE, function (match, offset) {
      var url = match.replace(/[.,;:!?)\]}»”’]+$/, "");
      if (offset > last) parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var a = document.createElement("a");
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = url;
      parent.appendChild(a);
      last = offset + url.length;
      return match;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function addMessage(who, text, buttons) {
    var row = document.createElement("div");
    row.className = "msg " + who;
    var bubble = document.createElement("div");
    bubble.className = "bubble";
    if (who === "me") bubble.textContent = text;
    else appendLinkified(bubble, text);
    row.appendChild(bubble);
    if (buttons && buttons.length) {
      var group = document.createElement("div");
      group.className = "buttons";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Lựa chọn");
      buttons.forEach(function (b) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.className = "choice";
        btn.textContent = b.label;
        btn.addEventListener("click", function () { choose(b.label, b.action, row); });
        group.appendChild(btn);
      });
      row.appendChild(group);
    }
    log.appendChild(row);
    scrollDown();
    return row;
  }

  function cleanButtons(list) {
    if (!Array.isArray(list)) return [];
    return list.filter(function (b) {
      return b && typeof b.label === "string" && typeof b.action === "string";
    }).map(function (b) { return { label: b.label, action: b.action }; });
  }

  function setBusy(on) {
    busy = on;
    send.disabled = on;
    typing.hidden = !on;
    log.setAttribute("aria-busy", on ? "true" : "false");
    if (on) scrollDown();
  }

  /* ---------- talking to the server ---------- */
  /* A message is sent with an id of its own, so that sending it again after a time-out or a
     503 (the server at capacity) is answered once; retried up to RETRIES times, waiting longer
     each time (or as long as the server's Retry-After asks, at most 10 s). */
  var RETRIES = 3;

  function wait(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }

  function post(payload) {
    payload.id = newId();
    var attempt = 0;
    function again(err) {
      if (attempt >= RETRIES || (err && err.status && err.status !== 503)) throw err;
      attempt += 1;
      var asked = err && err.retryAfter ? err.retryAfter * 1000 : 0;
      var ms = Math.min(10000, Math.max(asked, 500 * Math.pow(2, attempt)));
      return wait(ms * (0.75 + Math.random() / 2)).then(function () {
        return postOnce(payload).catch(again);
      });
    }
    return postOnce(payload).catch(again);
  }

  function postOnce(payload) {
    var ctrl = typeof AbortController === "function" ? new AbortController() : null;
    var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, TIMEOUT_MS) : null;
    return fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      signal: ctrl ? ctrl.signal : undefined
    }).then(function (res) {
      if (!res.ok) {
        var err = new Error("HTTP " + res.status);
        err.status = res.status;
        err.retryAfter = parseInt(res.headers.get("Retry-After") || "0", 10) || 0;
        throw err;
      }
      return res.json();
    }).then(function (data) {
      if (!data || !Array.isArray(data.replies)) throw new Error("bad reply");
      return data.replies;
    }).finally(function () { if (timer) clearTimeout(timer); });
  }

  function exchange(payload, onError, replace) {
    setBusy(true);
    return post(payload).then(function (replies) { showReplies(replies, replace); }).catch(function () {
      addMessage("bot error", ERROR_TEXT);
      if (onError) onError();
    }).finally(function () {
      setBusy(false);
      input.focus();
    });
  }

  // New replies are shown from their start (their title), not their end. ``replace``: the row
  // of a checklist whose item was ticked; the new list takes its place instead of a new message.
  function showReplies(replies, replace) {
    var first = null;
    replies.forEach(function (r) {
      var text = r && typeof r.text === "string" ? r.text : "";
      var buttons = cleanButtons(r && r.buttons);
      if (!text && !buttons.length) return;
      var entry = { who: "bot", text: text, buttons: buttons };
      var row = addMessage("bot", text, buttons);
      row._entry = entry;
      var at = replace && replace.parentNode === log ? saved.indexOf(replace._entry) : -1;
      if (replace && replace.parentNode === log) {
        log.replaceChild(row, replace);
        replace = null;
        if (at >= 0) { saved[at] = entry; save(LOG_KEY, JSON.stringify(saved)); }
        else remember(entry);
      } else {
        remember(entry);
      }
      if (!first) first = row;
    });
    if (first) showStart(first);
  }

  function showStart(row) {
    var top = row.getBoundingClientRect().top - log.getBoundingClientRect().top;
    log.scrollTop += top - 8;
  }

  /* ---------- messages pushed to this page (a volunteer's replies): a live stream (Server-Sent
     Events, resumed with Last-Event-ID); polled while the stream is down or unsupported ---------- */
  var stream = null;

  function showPushed(r) {
    if (!r || typeof r.id !== "number" || r.id <= after) return;
    showReplies([r]);
    after = r.id;
    save(AFTER_KEY, String(after));
  }

  function streaming() { return stream !== null && stream.readyState === 1; }

  function connectStream() {
    if (typeof window.EventSource !== "function" || stream) return;
    stream = new EventSource("/api/chat/stream?user=" + encodeURIComponent(user) + "&after=" + after);
    stream.onmessage = function (e) {
      try { showPushed(JSON.parse(e.data)); } catch (err) { /* a bad event is skipped */ }
    };
    stream.onopen = function () { if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; } };
    stream.onerror = function () {
      if (stream && stream.readyState === 2) stream = null; // refused (e.g. 503): poll, retry later
      schedule(POLL_MS);
    };
  }

  var pollTimer = null;
  var polling = false;
  var pollDelay = POLL_MS;

  function schedule(ms) {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = document.hidden ? null : setTimeout(poll, ms);
  }

  function poll() {
    pollTimer = null;
    if (polling || document.hidden || streaming()) return;
    polling = true;
    var url = "/api/chat/updates?user=" + encodeURIComponent(user) + "&after=" + after;
    fetch(url, { cache: "no-store" }).then(function (res) {
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.json();
    }).then(function (data) {
      if (!data || !Array.isArray(data.replies)) throw new Error("bad updates");
      showReplies(data.replies.filter(function (r) { return r && typeof r.id === "number" && r.id > after; }));
      if (typeof data.after === "number" && data.after > after) {
        after = data.after;
        save(AFTER_KEY, String(after));
      }
      pollDelay = POLL_MS;
      return data.more === true;
    }).catch(function () {
      pollDelay = Math.min(pollDelay * 2, POLL_MAX_MS);
      return false;
    }).then(function (more) {
      polling = false;
      schedule(more ? 0 : pollDelay);
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) schedule(0); // clears the timer
    else { pollDelay = POLL_MS; connectStream(); schedule(0); }
  });

  function sendText() {
    var text = input.value.trim();
    if (busy || !text) return;
    if (text.length > MAX_LEN) text = text.slice(0, MAX_LEN);
    addMessage("me", text);
    remember({ who: "me", text: text });
    input.value = "";
    resize();
    exchange({ user: user, text: text }, function () {
      if (!input.value) { input.value = text; resize(); }
    });
  }

  function choose(label, action, row) {
    if (busy) return;
    if (/^ck:/.test(action)) {  // ticking a checklist item updates that list in place
      exchange({ user: user, action: action }, null, row);
      return;
    }
    addMessage("me", label);
    remember({ who: "me", text: label });
    exchange({ user: user, action: action });
  }

  /* ---------- input box ---------- */
  function resize() {
    input.style.height = "";
    if (input.value) input.style.height = Math.min(input.scrollHeight + 2, 140) + "px";
    var n = input.value.length;
    if (n >= WARN_AT) {
      counter.hidden = false;
      counter.textContent = n + "/" + MAX_LEN;
      counter.classList.toggle("full", n >= MAX_LEN);
    } else {
      counter.hidden = true;
    }
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); sendText(); });
  input.addEventListener("keydown", function (e) {
    // isComposing: Vietnamese input methods (Telex/VNI) use composition; Enter there is not "send".
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendText();
    }
  });
  input.addEventListener("input", resize);

  reset.addEventListener("click", function () {
    if (busy) return;
    log.textContent = "";
    saved = [];
    save(LOG_KEY, null);
    exchange({ user: user, action: "reset" });
  });

  /* ---------- start: restore this browser's conversation, or ask for the greeting ---------- */
  if (saved.length) {
    log.setAttribute("aria-busy", "true"); // restored history is not re-announced
    saved.forEach(function (m) {
      if (m && typeof m.text === "string") {
        addMessage(m.who === "me" ? "me" : "bot", m.text, cleanButtons(m.buttons))._entry = m;
      }
    });
    log.setAttribute("aria-busy", "false");
    input.focus();
  } else {
    exchange({ user: user, action: "start" });
  }
  connectStream();
  schedule(POLL_MS);
})();
