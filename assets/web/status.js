"use strict";
// The patient's status page, GET /t/{token} (DESIGN.md "Pages for patients and waiting rooms",
// the seed's flow 6.3). Live over the WebSocket /api/public/live/{token}; the last status is
// kept in localStorage per token, so a dropped connection (or a reload while offline, the
// service worker serving the page) still shows it under the offline banner. The token travels
// only in the path of the page and of the two public calls.
(function () {
  var S = Sanad;
  var T = {
    ahead: { de: "Vor Ihnen: ", en: "Ahead of you: " },
    estimate: { de: "ca. {n} Min.", en: "approx. {n} min" },
    called: { de: "Sie sind dran", en: "It's your turn" },
    calledRoom: { de: " – bitte in ", en: " – please go to " },
    offline: {
      de: "Offline – Status möglicherweise veraltet (Stand {t})",
      en: "Offline – status may be out of date (as of {t})"
    },
    offlineNothing: { de: "Offline – noch kein Status", en: "Offline – no status yet" },
    pending: { de: "Ihre Anmeldung wird übertragen …", en: "Your check-in is being sent …" },
    loading: { de: "Status wird geladen …", en: "Loading status …" },
    expired: { de: "Dieser Link ist nicht mehr gültig.", en: "This link is no longer valid." },
    in_progress: { de: "In Behandlung", en: "In treatment" },
    completed: {
      de: "Vielen Dank für Ihren Besuch – gute Besserung!",
      en: "Thank you for your visit – get well soon!"
    },
    ended: {
      de: "Diese Anmeldung ist nicht mehr aktiv. Bei Fragen wenden Sie sich bitte an den Empfang.",
      en: "This check-in is no longer active. Please ask at the reception desk."
    }
  };
  var tr = function (key, n) {
    return S.pick(T[key]).replace("{n}", n).replace("{t}", n);
  };

  document.documentElement.lang = S.german ? "de" : "en";
  var main = document.getElementById("status");
  var banner = document.getElementById("offline-banner");
  var token = (location.pathname.split("/")[2] || "").toLowerCase();
  var storageKey = "sanad.status." + token;
  var last = load(); // {body, at}: the last status received and when (ms, this browser's clock)

  function load() {
    try {
      var kept = JSON.parse(localStorage.getItem(storageKey) || "null");
      return kept && kept.body ? kept : null;
    } catch (e) {
      return null;
    }
  }

  function keep(body) {
    last = { body: body, at: Date.now() };
    try {
      localStorage.setItem(storageKey, JSON.stringify(last));
    } catch (e) {
      /* private mode or full: the page still works, without the memory */
    }
  }

  function setMessage(text) {
    S.text("message", text);
  }

  function showTicket(body) {
    main.dataset.state = body.status;
    S.show(document.getElementById("ticket"), true);
    S.text("number", body.number);
    S.text("queue", body.queue || "");
    var line = document.getElementById("line");
    var called = document.getElementById("called");
    var state = document.getElementById("state");
    S.show(line, body.status === "waiting");
    S.show(called, body.status === "called");
    S.show(state, body.status !== "waiting" && body.status !== "called");
    if (body.status === "waiting") {
      var ahead = body.waiting_ahead;
      if (ahead === null || ahead === undefined) ahead = Math.max(0, (body.position || 1) - 1);
      var text = tr("ahead") + ahead;
      if (body.estimated_wait_min !== null && body.estimated_wait_min !== undefined) {
        text += " · " + tr("estimate", body.estimated_wait_min);
      }
      line.textContent = text;
    } else if (body.status === "called") {
      called.textContent = tr("called") + (body.room ? tr("calledRoom") + S.roomInSentence(body.room) : "");
    } else if (body.status === "in_progress" || body.status === "completed") {
      state.textContent = tr(body.status);
    } else {
      state.textContent = tr("ended"); // cancelled, no_show: neutral
    }
    setMessage("");
  }

  function showOnline(online) {
    main.dataset.online = online ? "true" : "false";
    if (online) {
      S.show(banner, false);
      return;
    }
    banner.textContent = last ? tr("offline", S.hhmm(new Date(last.at))) : tr("offlineNothing");
    S.show(banner, true);
  }

  // The sound and vibration of a call: on a change into "called" (or a recall, a new called_at),
  // not again for the same call after a reload.
  function alertIfCalled(previous, body) {
    if (body.status !== "called") return;
    if (previous && previous.status === "called" && previous.called_at === body.called_at) return;
    main.dataset.alerts = String(Number(main.dataset.alerts || 0) + 1);
    S.chime();
    // Browsers refuse vibration before the first tap on the page: do not ask then.
    var tapped = !navigator.userActivation || navigator.userActivation.hasBeenActive;
    if (navigator.vibrate && tapped) {
      try {
        navigator.vibrate([300, 150, 300]);
      } catch (e) {
        /* not allowed without a gesture on some browsers */
      }
    }
  }

  function status(body) {
    var previous = last ? last.body : null;
    keep(body);
    showTicket(body);
    showOnline(true);
    alertIfCalled(previous, body);
  }

  function pending() {
    main.dataset.state = "pending";
    S.show(document.getElementById("ticket"), false);
    setMessage(tr("pending"));
    showOnline(true);
  }

  function expired() {
    main.dataset.state = "expired";
    S.show(document.getElementById("ticket"), false);
    setMessage(tr("expired"));
    showOnline(true);
    try {
      localStorage.removeItem(storageKey);
    } catch (e) {
      /* nothing kept */
    }
  }

  // After a socket that never opened: the REST call says why (a past day's token is refused
  // before the upgrade), or the server is not there.
  function classify() {
    return fetch("/api/public/tickets/" + token, { cache: "no-store", credentials: "omit" })
      .then(function (answer) {
        return answer.json().then(function (body) {
          if (answer.ok) {
            status(body);
            return true;
          }
          if (body.error === "expired") {
            expired();
            return false;
          }
          pending();
          return true;
        });
      })
      .catch(function () {
        showOnline(false);
        return true;
      });
  }

  if (!/^[0-9a-f]{32}$/.test(token)) {
    expired();
    return;
  }
  if (last) {
    showTicket(last.body);
  } else {
    setMessage(tr("loading"));
  }

  var socket = new S.LiveSocket("/api/public/live/" + token, {
    message: function (frame) {
      if (frame.type === "status") status(frame);
      else if (frame.type === "unknown") pending();
    },
    close: function () {
      showOnline(false);
      return true;
    },
    failed: function () {
      classify().then(function (again) {
        if (again) socket.retry();
        else socket.stop();
      });
      return false; // classify decides
    }
  });
  window.addEventListener("offline", function () {
    showOnline(false);
  });
  ["pointerdown", "touchstart", "keydown"].forEach(function (name) {
    window.addEventListener(name, S.unlock, { passive: true });
  });
  socket.start();

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/web/status-sw.js", { scope: "/t/" }).catch(function () {
      /* without it the page still works online */
    });
  }
})();
