"use strict";
// The waiting-room display page, GET /display (DESIGN.md "Pages for patients and waiting
// rooms"): the layout of the native Wartezimmer-Anzeige. The display token is asked once and
// kept in localStorage; it goes only into the Authorization header of GET /api/display/calls and
// into the first frame of the WebSocket /api/display/live — never into a URL. Each call or
// recall is announced (chime, then speech), one announcement after another.
(function () {
  var S = Sanad;
  var TOKEN_KEY = "sanad.display.token";
  var T = {
    title: { de: "Wartezimmer-Anzeige", en: "Waiting-room display" },
    recent: { de: "Zuletzt aufgerufen", en: "Recently called" },
    offline: { de: "Offline", en: "Offline" },
    tokenLabel: { de: "Gerätekennung dieser Anzeige", en: "Device token of this display" },
    save: { de: "Speichern", en: "Save" },
    refused: { de: "Diese Gerätekennung wurde nicht angenommen.", en: "This device token was not accepted." },
    sound: { de: "Klicken, um den Ton einzuschalten", en: "Click to enable sound" },
    spoken: { de: "Nummer {n}, bitte in {r}", en: "Number {n}, please go to {r}" },
    spokenNoRoom: { de: "Nummer {n}", en: "Number {n}" }
  };
  var tr = function (key) {
    return S.pick(T[key]);
  };

  document.documentElement.lang = S.german ? "de" : "en";
  var main = document.getElementById("display");
  var form = document.getElementById("token-form");
  var overlay = document.getElementById("sound-overlay");
  var offline = document.getElementById("offline");
  S.text("title", tr("title"));
  S.text("recent-title", tr("recent"));
  S.text("token-label", tr("tokenLabel"));
  S.text("token-save", tr("save"));
  overlay.textContent = tr("sound");
  offline.textContent = tr("offline");

  var calls = []; // newest first, at most 5
  var MAX = 5;

  function callText(call) {
    return call.room ? S.roomText(call.room) : "";
  }

  function render() {
    var current = calls[0];
    S.text("current-number", current ? current.number : "");
    S.text("current-room", current ? callText(current) : "");
    S.show(document.getElementById("current-arrow"), !!(current && current.room));
    var box = document.getElementById("current");
    box.classList.toggle("urgent", !!(current && current.priority === "urgent"));
    box.dataset.number = current ? current.number : "";
    var list = document.getElementById("recent");
    list.textContent = "";
    calls.slice(1).forEach(function (call) {
      var item = document.createElement("li");
      item.dataset.number = call.number;
      if (call.priority === "urgent") item.classList.add("urgent");
      item.textContent = call.number + (call.room ? " → " + callText(call) : "");
      list.appendChild(item);
    });
    main.dataset.calls = calls
      .map(function (c) {
        return c.number;
      })
      .join(" ");
  }

  // --- announcements: chime, then speech; one after another, never over each other
  var queue = [];
  var speaking = false;
  var soundOn = false;

  function spokenText(call) {
    var n = S.spokenNumber(call.number);
    if (!call.room) return tr("spokenNoRoom").replace("{n}", n);
    return tr("spoken").replace("{n}", n).replace("{r}", S.roomInSentence(call.room));
  }

  function speak(text, done) {
    if (!soundOn || !window.speechSynthesis || !window.SpeechSynthesisUtterance) {
      done();
      return;
    }
    var finished = false;
    var finish = function () {
      if (finished) return;
      finished = true;
      clearTimeout(guard);
      done();
    };
    // A voice that never reports its end (no voice installed) must not stop the queue.
    var guard = setTimeout(finish, 2000 + 150 * text.length);
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = S.german ? "de-DE" : "en-US";
    utterance.onend = finish;
    utterance.onerror = finish;
    window.speechSynthesis.speak(utterance);
  }

  function pump() {
    if (speaking || queue.length === 0) return;
    speaking = true;
    var text = queue.shift();
    var log = (main.dataset.announcements ? main.dataset.announcements + "|" : "") + text;
    main.dataset.announcements = log;
    main.dataset.announced = String(Number(main.dataset.announced) + 1);
    S.chime(function () {
      speak(text, function () {
        speaking = false;
        pump();
      });
    });
  }

  function announce(call) {
    queue.push(spokenText(call));
    pump();
  }

  // --- calls
  function sameCall(a, b) {
    return a.number === b.number && a.queue === b.queue && a.called_at === b.called_at;
  }

  function onCall(call) {
    if (calls.length && sameCall(calls[0], call)) return; // already shown (a reconnect's echo)
    calls = calls.filter(function (c) {
      return !(c.number === call.number && c.queue === call.queue);
    });
    calls.unshift(call);
    calls = calls.slice(0, MAX);
    render();
    announce(call);
  }

  // The snapshot after (re)connecting: calls made while the display was away are announced too.
  function onCalls(list) {
    var before = calls[0];
    // The server's last calls count a recall as a call of its own: a ticket shows once, on top.
    var seen = {};
    calls = (list || [])
      .filter(function (c) {
        var key = c.queue + "\n" + c.number;
        if (seen[key]) return false;
        seen[key] = true;
        return true;
      })
      .slice(0, MAX);
    render();
    if (!before) return;
    calls
      .filter(function (c) {
        return c.called_at > before.called_at;
      })
      .reverse()
      .forEach(announce);
  }

  // --- the token
  function storedToken() {
    try {
      return localStorage.getItem(TOKEN_KEY) || "";
    } catch (e) {
      return "";
    }
  }

  function askToken(refused) {
    socket.stop();
    try {
      localStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      /* nothing kept */
    }
    main.dataset.state = "setup";
    S.show(overlay, false);
    S.show(document.getElementById("token-error"), !!refused);
    S.text("token-error", refused ? tr("refused") : "");
    S.show(form, true);
    var input = document.getElementById("token-input");
    input.focus();
    input.select();
  }

  function run() {
    main.dataset.state = "running";
    S.show(form, false);
    S.show(overlay, !soundOn);
    socket.start();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var token = document.getElementById("token-input").value.trim();
    if (!token) return;
    fetch("/api/display/calls", {
      headers: { Authorization: "Bearer " + token },
      cache: "no-store",
      credentials: "omit"
    })
      .then(function (answer) {
        if (answer.status === 401 || answer.status === 403) {
          askToken(true);
          return;
        }
        localStorage.setItem(TOKEN_KEY, token);
        document.getElementById("token-input").value = "";
        return answer.json().then(function (body) {
          onCalls(body.calls);
          run();
        });
      })
      .catch(function () {
        // the server is away: keep the token, the socket will try it when it is back
        localStorage.setItem(TOKEN_KEY, token);
        run();
      });
  });

  overlay.addEventListener("click", function () {
    S.unlock();
    soundOn = true;
    if (window.speechSynthesis) window.speechSynthesis.getVoices(); // loads the voice list
    S.show(overlay, false);
    main.dataset.sound = "on";
  });

  var socket = new S.LiveSocket("/api/display/live", {
    open: function (ws) {
      ws.send(JSON.stringify({ type: "auth", token: storedToken() }));
    },
    message: function (frame) {
      S.show(offline, false);
      main.dataset.online = "true";
      if (frame.type === "calls") onCalls(frame.calls);
      else if (frame.type === "call") onCall(frame);
    },
    close: function (event) {
      if (event.code === 4401) {
        askToken(true);
        return false;
      }
      return disconnected();
    },
    failed: function () {
      return disconnected();
    }
  });

  function disconnected() {
    S.show(offline, true);
    main.dataset.online = "false";
    return true;
  }

  // --- the clock
  function tick() {
    S.text("clock", S.hhmm(new Date()));
    setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
  }
  tick();

  render();
  if (storedToken()) run();
  else askToken(false);
})();
