"use strict";
// What the status page and the display page share: the language, room and number wording
// (docs UI-TEXT.md), the reconnect backoff and the chime. No framework, no third-party code:
// the pages' CSP is 'self' only.
var Sanad = (function () {
  var german = /^de\b/i.test(navigator.language || "");

  function pick(texts) {
    return german ? texts.de : texts.en;
  }

  function pad2(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // 24-hour HH:MM in the browser's local time (the practice's, for a phone in the waiting room).
  function hhmm(date) {
    return pad2(date.getHours()) + ":" + pad2(date.getMinutes());
  }

  // The room as given; a bare number becomes "Zimmer 2" / "Room 2".
  function roomText(room) {
    if (room === null || room === undefined || room === "") return "";
    var text = String(room);
    if (/^\d+$/.test(text)) return pick({ de: "Zimmer ", en: "Room " }) + text;
    return text;
  }

  // The room inside a sentence: "bitte in Zimmer 2" / "please go to room 2".
  function roomInSentence(room) {
    var text = roomText(room);
    return german ? text : text.replace(/^Room /, "room ");
  }

  // "A017" spoken as "A 17": the letters, then the number without its leading zeros.
  function spokenNumber(number) {
    var m = /^([A-Za-z]*)0*(\d+)$/.exec(String(number));
    if (!m) return String(number);
    return (m[1] ? m[1] + " " : "") + m[2];
  }

  // Reconnect delays: jitter over an exponential step (0.4 s, then 0.8 s at most), so that pages
  // that lost the server at the same moment do not return in one burst. The cap is low on
  // purpose: back online, a patient's status must be current within a second (issue 15), and a
  // failed attempt costs the server (or the proxy in front of it) one refused connection, about
  // 1.6 attempts a second per open page while it is away.
  function Backoff(firstMs, capMs) {
    this.first = firstMs || 400;
    this.cap = capMs || 800;
    this.attempt = 0;
  }
  Backoff.prototype.next = function () {
    var step = Math.min(this.cap, this.first * Math.pow(2, this.attempt));
    this.attempt += 1;
    return step / 2 + Math.random() * (step / 2);
  };
  Backoff.prototype.reset = function () {
    this.attempt = 0;
  };

  // A socket that reconnects by itself. handlers: open(ws), message(data), close(event),
  // failed(event) — the last one after a connection that never opened.
  function LiveSocket(path, handlers) {
    this.path = path;
    this.handlers = handlers;
    this.backoff = new Backoff();
    this.ws = null;
    this.timer = null;
    this.stopped = false;
    var self = this;
    window.addEventListener("online", function () {
      self.now();
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") self.now();
    });
  }
  LiveSocket.prototype.url = function () {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + this.path;
  };
  LiveSocket.prototype.connect = function () {
    if (this.stopped || this.ws) return;
    clearTimeout(this.timer);
    this.timer = null;
    var self = this;
    var opened = false;
    var ws;
    try {
      ws = new WebSocket(this.url());
    } catch (e) {
      this.retry();
      return;
    }
    this.ws = ws;
    ws.onopen = function () {
      opened = true;
      self.backoff.reset();
      if (self.handlers.open) self.handlers.open(ws);
    };
    ws.onmessage = function (event) {
      var frame;
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      self.handlers.message(frame);
    };
    ws.onclose = function (event) {
      if (self.ws !== ws) return;
      self.ws = null;
      var again = opened ? self.handlers.close(event) : self.handlers.failed(event);
      if (again !== false) self.retry();
    };
  };
  LiveSocket.prototype.retry = function () {
    if (this.stopped || this.timer) return;
    var self = this;
    this.timer = setTimeout(function () {
      self.timer = null;
      self.connect();
    }, this.backoff.next());
  };
  // Try at once (the network came back, the page came to the front).
  LiveSocket.prototype.now = function () {
    if (this.stopped || this.ws) return;
    this.backoff.reset();
    this.connect();
  };
  LiveSocket.prototype.stop = function () {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.ws) {
      var ws = this.ws;
      this.ws = null;
      ws.close();
    }
  };
  LiveSocket.prototype.start = function () {
    this.stopped = false;
    this.connect();
  };

  // The chime: two soft tones made here (no sound file to fetch), by Web Audio. Browsers start
  // an AudioContext only after a gesture: unlock() is called from one.
  var audio = null;
  function unlock() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return null;
    if (!audio) audio = new Context();
    if (audio.state === "suspended") audio.resume();
    return audio;
  }
  // Plays the chime; calls done() when it has faded (about 1.3 s), at once without sound.
  function chime(done) {
    var finish = done || function () {};
    if (!audio || audio.state !== "running") {
      setTimeout(finish, 0);
      return;
    }
    var start = audio.currentTime + 0.05;
    [
      [659.25, 0],
      [523.25, 0.45]
    ].forEach(function (tone) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = tone[0];
      gain.gain.setValueAtTime(0.0001, start + tone[1]);
      gain.gain.exponentialRampToValueAtTime(0.5, start + tone[1] + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + tone[1] + 0.8);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(start + tone[1]);
      osc.stop(start + tone[1] + 0.85);
    });
    setTimeout(finish, 1350);
  }

  function show(element, visible) {
    element.hidden = !visible;
  }

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  return {
    german: german,
    pick: pick,
    hhmm: hhmm,
    roomText: roomText,
    roomInSentence: roomInSentence,
    spokenNumber: spokenNumber,
    LiveSocket: LiveSocket,
    unlock: unlock,
    chime: chime,
    show: show,
    text: text
  };
})();
