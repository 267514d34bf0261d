/* motcua chat core: what the chat page (chat.js) and the widget (widget.js) share. The
   conversation kept in this browser, the chat API and its retries, the messages drawn with DOM and
   text nodes only (reply text is plain text: never set as HTML), sending, choosing, the busy
   state and the polling for pushed messages (a volunteer's replies).
   Plain browser JS, no build step. The page loads this file before chat.js; GET /widget.js serves
   it before the widget inside one function, so that it leaves nothing on the embedding site. */
var motcuaChat = (function () {
  "use strict";

  var MAX_LEN = 2000;
  var TIMEOUT_MS = 20000;
  var RETRIES = 3;
  var POLL_MS = 4000; // while the page is visible, ask for pushed messages this often
  var POLL_MAX_MS = 60000; // slower and slower after errors, up to this
  var ERROR_TEXT = "Không kết nối được, bạn thử lại nhé.";
  var URL_RE = /https?:\/\/[^\s<>"'\u00a0]+/g;
  var USER_RE = /^[A-Za-z0-9_-]{22,128}$/; // what the chat API accepts as a citizen's id

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

  /* The conversation of this browser: the citizen's id, the messages shown (at most ``max``) and
     the id of the last pushed message shown, under ``prefix`` + "user", "log" and "after". */
  function History(prefix, max) {
    this.keys = { user: prefix + "user", log: prefix + "log", after: prefix + "after" };
    this.max = max;
    var user = load(this.keys.user);
    if (!user || !USER_RE.test(user)) { user = newId(); save(this.keys.user, user); }
    this.user = user;
    var entries = [];
    try { entries = JSON.parse(load(this.keys.log) || "[]"); } catch (e) { entries = []; }
    this.entries = Array.isArray(entries) ? entries : [];
    var after = parseInt(load(this.keys.after) || "0", 10);
    this.after = after >= 0 ? after : 0;
  }
  History.prototype.store = function () { save(this.keys.log, JSON.stringify(this.entries)); };
  History.prototype.remember = function (entry) {
    this.entries.push(entry);
    if (this.entries.length > this.max) this.entries = this.entries.slice(-this.max);
    this.store();
  };
  History.prototype.replace = function (old, entry) {
    var at = this.entries.indexOf(old);
    if (at < 0) { this.remember(entry); return; }
    this.entries[at] = entry;
    this.store();
  };
  History.prototype.clear = function () { this.entries = []; save(this.keys.log, null); };
  History.prototype.seen = function (id) {
    if (typeof id !== "number" || id <= this.after) return;
    this.after = id;
    save(this.keys.after, String(id));
  };

  /* ---------- rendering: DOM nodes and text nodes only ---------- */
  function linkify(parent, text) {
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

  function cleanButtons(list) {
    if (!Array.isArray(list)) return [];
    return list.filter(function (b) {
      return b && typeof b.label === "string" && typeof b.action === "string";
    }).map(function (b) { return { label: b.label, action: b.action }; });
  }

  function wait(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }

  function assign(target, source) {
    Object.keys(source || {}).forEach(function (k) { target[k] = source[k]; });
    return target;
  }

  /* One conversation in a log element, with its composer. ``o``:
     - log, form, input, send: the elements;
     - base: the server's origin ("" on the page itself), fetch: options of every request,
       fields: added to every message sent (the widget's locality);
       keys, max: where and how much of the conversation this browser keeps;
     - textClass: the class of a message's text, meLabel: words before the citizen's own
       messages for screen readers (or none);
     - inPlace: ticking a checklist item updates that list in place; retire: only the newest
       reply's buttons stay active;
     - hooks, each optional: busy(on), shown(firstRow) after replies are shown, typed() after the
       input box is changed, settled() after an exchange, ready() whether to poll now, visible()
       when the page is shown again. */
  function conversation(o) {
    var log = o.log, input = o.input;
    var history = new History(o.keys, o.max);
    var busy = false;
    var hook = function (name) {
      return typeof o[name] === "function" ? o[name] : function () { return true; };
    };

    function add(who, text, buttons) {
      var row = document.createElement("div");
      row.className = "msg " + who;
      var body = document.createElement("div");
      body.className = o.textClass;
      if (who === "me") {
        if (o.meLabel) {
          var label = document.createElement("span");
          label.className = "sr";
          label.textContent = o.meLabel;
          body.appendChild(label);
        }
        body.appendChild(document.createTextNode(text));
      } else {
        linkify(body, text);
      }
      row.appendChild(body);
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

    function scrollDown() { log.scrollTop = log.scrollHeight; }

    // New replies are shown from their start (their title), not their end.
    function showStart(row) {
      var top = row.getBoundingClientRect().top - log.getBoundingClientRect().top;
      log.scrollTop += top - 8;
    }

    // Options of older replies no longer apply: only the newest reply's buttons stay active.
    function retireButtons() {
      Array.prototype.forEach.call(log.querySelectorAll(".choice"), function (b) { b.disabled = true; });
    }

    // ``replace``: the row of a checklist whose item was ticked; the new list takes its place.
    function show(replies, replace) {
      var first = null;
      replies.forEach(function (r) {
        var text = r && typeof r.text === "string" ? r.text : "";
        var buttons = cleanButtons(r && r.buttons);
        if (!text && !buttons.length) return;
        if (o.retire && buttons.length) retireButtons();
        var entry = { who: "bot", text: text, buttons: buttons };
        var row = add("bot", text, buttons);
        row._entry = entry;
        if (replace && replace.parentNode === log) {
          log.replaceChild(row, replace);
          history.replace(replace._entry, entry);
          replace = null;
        } else {
          history.remember(entry);
        }
        if (!first) first = row;
      });
      if (first) {
        showStart(first);
        hook("shown")(first);
      }
    }

    /* ---------- talking to the server ---------- */
    /* A message is sent with an id of its own, so that sending it again after a time-out or a
       503 (the server at capacity) is answered once; retried up to RETRIES times, waiting longer
       each time (or as long as the server's Retry-After asks, at most 10 s). */
    function post(payload) {
      payload.id = newId();
      assign(payload, o.fields);
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
      return fetch(o.base + "/api/chat", assign({
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(payload),
        signal: ctrl ? ctrl.signal : undefined
      }, o.fetch)).then(function (res) {
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

    function setBusy(on) {
      busy = on;
      o.send.disabled = on;
      log.setAttribute("aria-busy", on ? "true" : "false");
      hook("busy")(on);
    }

    function exchange(payload, onError, replace) {
      setBusy(true);
      return post(payload).then(function (replies) { show(replies, replace); }).catch(function () {
        add("bot error", ERROR_TEXT);
        if (onError) onError();
      }).finally(function () {
        setBusy(false);
        hook("settled")();
      });
    }

    function ask(action) { return exchange({ user: history.user, action: action }); }

    function sendText() {
      var text = input.value.trim();
      if (busy || !text) return;
      if (text.length > MAX_LEN) text = text.slice(0, MAX_LEN);
      add("me", text);
      history.remember({ who: "me", text: text });
      input.value = "";
      hook("typed")();
      exchange({ user: history.user, text: text }, function () {
        if (!input.value) { input.value = text; hook("typed")(); }
      });
    }

    function choose(label, action, row) {
      if (busy) return;
      if (o.inPlace && /^ck:/.test(action)) {  // ticking a checklist item updates that list in place
        exchange({ user: history.user, action: action }, null, row);
        return;
      }
      add("me", label);
      history.remember({ who: "me", text: label });
      ask(action);
    }

    function reset() {
      if (busy) return;
      log.textContent = "";
      history.clear();
      ask("reset");
    }

    // This browser's conversation drawn again, not read out again; false when there is none.
    function restore() {
      if (!history.entries.length) return false;
      log.setAttribute("aria-busy", "true");
      history.entries.forEach(function (m) {
        if (m && typeof m.text === "string") {
          add(m.who === "me" ? "me" : "bot", m.text, cleanButtons(m.buttons))._entry = m;
        }
      });
      if (o.retire) {
        var rows = log.querySelectorAll(".msg");
        Array.prototype.forEach.call(log.querySelectorAll(".choice"), function (b) {
          if (b.closest(".msg") !== rows[rows.length - 1]) b.disabled = true;
        });
      }
      log.setAttribute("aria-busy", "false");
      return true;
    }

    /* ---------- pushed messages, polled while the page is visible and ``ready()`` ---------- */
    var pollTimer = null;
    var polling = false;
    var pollDelay = POLL_MS;

    function schedule(ms) {
      if (pollTimer) clearTimeout(pollTimer);
      pollTimer = document.hidden || !hook("ready")() ? null : setTimeout(poll, ms);
    }

    function poll() {
      pollTimer = null;
      if (polling || document.hidden || !hook("ready")()) return;
      polling = true;
      var url = o.base + "/api/chat/updates?user=" + encodeURIComponent(history.user) +
        "&after=" + history.after;
      fetch(url, assign({ cache: "no-store" }, o.fetch)).then(function (res) {
        if (!res.ok) throw new Error("HTTP " + res.status);
        return res.json();
      }).then(function (data) {
        if (!data || !Array.isArray(data.replies)) throw new Error("bad updates");
        show(data.replies.filter(function (r) {
          return r && typeof r.id === "number" && r.id > history.after;
        }));
        history.seen(data.after);
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
      if (document.hidden) { schedule(0); return; } // clears the timer
      pollDelay = POLL_MS;
      hook("visible")();
      schedule(0);
    });

    o.form.addEventListener("submit", function (e) { e.preventDefault(); sendText(); });
    input.addEventListener("keydown", function (e) {
      // isComposing: Vietnamese input methods (Telex/VNI) use composition; Enter there is not "send".
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        sendText();
      }
    });

    return {
      history: history,
      add: add,
      show: show,
      ask: ask,
      reset: reset,
      restore: restore,
      schedule: schedule,
      busy: function () { return busy; }
    };
  }

  return { MAX_LEN: MAX_LEN, POLL_MS: POLL_MS, conversation: conversation };
})();
