"use strict";
// The chat and notification panels. Both WebSockets authenticate with a connection ticket offered in the
// subprotocol list (["pqws.v1", "pqws.ticket.<ticket>"]), never in the URL. Tickets come from this page's fragment
// (#tickets=T1,T2&room=NAME, put there by a portal and removed at once; a portal may set it again later to hand over
// fresh ones) or, when those are used up, from POST api/tickets, which works for a browser that presents a client
// certificate. All text is shown with textContent: nothing a user or publisher sends is ever interpreted as markup.
// A connection lost without the user leaving is reopened with backoff and resumed (keepConnected, below).
(function () {
  const $ = (id) => document.getElementById(id);
  const base = location.pathname.replace(/[^/]*$/, "");
  const wsBase = (location.protocol === "https:" ? "wss:" : "ws:") + "//" + location.host + base;
  const tickets = [];
  const fragmentRoom = takeFragment();

  /** Moves the fragment's tickets into `tickets`, removes the fragment from the address bar, returns its room. */
  function takeFragment() {
    const fragment = new URLSearchParams(location.hash.slice(1));
    tickets.push(...(fragment.get("tickets") || "").split(",").filter((t) => t.length > 0));
    if (location.hash) {
      history.replaceState(null, "", location.pathname + location.search); // the tickets leave the address bar
    }
    return fragment.get("room");
  }

  function displayName(principal) {
    const cn = /(?:^|,)CN=([^,]+)/.exec(principal || "");
    return cn ? cn[1] : principal;
  }

  function setStatus(element, state, text) {
    element.dataset.state = state;
    element.textContent = text;
  }

  /** Thrown when no ticket can be had until the portal hands over new ones (or the user signs in). */
  class SignInNeeded extends Error {}

  async function nextTicket() {
    if (tickets.length > 0) {
      return tickets.shift();
    }
    const response = await fetch(base + "api/tickets", {method: "POST", credentials: "same-origin"});
    if (response.status === 401) {
      throw new SignInNeeded("sign-in needed: no client certificate and no ticket from your portal");
    }
    if (!response.ok) {
      throw new Error("no ticket (HTTP " + response.status + ")");
    }
    return (await response.json()).ticket;
  }

  function closedText(event) {
    return "closed (code " + event.code + (event.reason ? ": " + event.reason : "") + ")";
  }

  // ---- reconnecting --------------------------------------------------------------------------------------------
  // The same policy as the Java client's ResumingFollower: 250 ms doubling to 30 s, each delay +-20 %. The page
  // reconnects to its own origin (behind a load balancer: whichever instance it picks); what "resume" means is the
  // panel's business (onMessage sees every message of every connection).
  const FIRST_DELAY_MS = 250;
  const MAX_DELAY_MS = 30000;
  const ticketWaiters = [];

  /** Whether a close means the server would refuse a new connection as well: then the page shows the reason. */
  function isFinal(event) {
    if (event.code === 1000) {
      return event.reason === "left the room"; // an idle timeout (also 1000) is worth a new connection
    }
    // 1008: not authenticated, invalid room name or lastSeenId, too many sessions, rate limit; 4002 room full,
    // 4003 too many rooms; 4001 (too slow) is not final: a new connection starts with an empty queue
    return [1003, 1007, 1008, 1009].includes(event.code) || (event.code >= 4000 && event.code <= 4999
      && event.code !== 4001);
  }

  function jittered(delay) {
    return delay * (0.8 + 0.4 * Math.random());
  }

  /**
   * Keeps one WebSocket of a panel open. panel: {status, label, connectedState, path() (asked at every attempt),
   * onMessage(data) returning the status text when the message shows the server accepted the connection, onDown()}.
   * Status states: connecting, then connectedState (joined, ready) on the first connection; reconnecting, waiting
   * (for a ticket), resumed on later ones; closed on a final close. Returns {send(text), stop(code, reason),
   * ended()}.
   */
  function keepConnected(panel) {
    let socket = null;
    let timer = null;
    let stopped = false;
    let delay = FIRST_DELAY_MS;
    let accepted = false; // some connection was accepted: later ones resume
    let ended = false; // a final close: the panel stays closed

    async function connect() {
      timer = null;
      let ticket;
      try {
        ticket = await nextTicket();
      } catch (e) {
        if (stopped) {
          return;
        }
        if (e instanceof SignInNeeded) {
          setStatus(panel.status, "waiting", panel.label + ": " + e.message + ". Waiting for a new ticket.");
          ticketWaiters.push(connect);
        } else {
          retryLater(e.message);
        }
        return;
      }
      if (stopped) {
        tickets.unshift(ticket);
        return;
      }
      const current = new WebSocket(wsBase + panel.path(), ["pqws.v1", "pqws.ticket." + ticket]);
      socket = current;
      let acceptedHere = false;
      current.onmessage = (event) => {
        const text = panel.onMessage(JSON.parse(event.data));
        if (text && !acceptedHere) {
          acceptedHere = true;
          delay = FIRST_DELAY_MS;
          setStatus(panel.status, accepted ? "resumed" : panel.connectedState,
            (accepted ? "Reconnected. " : "") + text);
          accepted = true;
        }
      };
      current.onclose = (event) => {
        if (stopped || socket !== current) {
          return;
        }
        socket = null;
        panel.onDown();
        if (isFinal(event)) {
          ended = true;
          setStatus(panel.status, "closed", panel.label + " " + closedText(event) + ". Not reconnecting.");
        } else {
          retryLater(acceptedHere ? "connection " + closedText(event) : "could not connect (code " + event.code + ")");
        }
      };
    }

    function retryLater(why) {
      const wait = jittered(delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
      setStatus(panel.status, "reconnecting",
        panel.label + ": " + why + "; reconnecting in " + (wait / 1000).toFixed(1) + " s…");
      timer = setTimeout(connect, wait);
    }

    setStatus(panel.status, "connecting", panel.label + ": connecting…");
    connect();
    return {
      send(text) {
        if (!socket || socket.readyState !== WebSocket.OPEN) {
          return false;
        }
        socket.send(text);
        return true;
      },
      ended() {
        return ended;
      },
      stop(code, reason) {
        stopped = true;
        clearTimeout(timer);
        if (socket) {
          socket.close(code, reason);
        }
      },
    };
  }

  // A portal hands over fresh tickets by setting the fragment again; panels waiting for one try at once.
  window.addEventListener("hashchange", () => {
    takeFragment();
    ticketWaiters.splice(0).forEach((connect) => connect());
  });

  // ---- chat ----------------------------------------------------------------------------------------------------
  let chat = null;
  let members = []; // the room's users, sorted and distinct: the welcome's list with every presence change applied

  function showMembers(users) {
    members = users;
    $("chat-members").replaceChildren(...members.map((member) => {
      const item = document.createElement("li");
      item.textContent = displayName(member);
      item.dataset.principal = member;
      return item;
    }));
  }

  /** A presence lists the users who came (joined) and went (left); it does not carry the member list. */
  function applyPresence(change) {
    const users = new Set(members);
    change.left.forEach((user) => users.delete(user));
    change.joined.forEach((user) => users.add(user));
    showMembers([...users].sort());
  }

  function showMessage(message) {
    const item = document.createElement("li");
    item.dataset.seq = message.seq;
    item.dataset.sender = message.sender;
    const sender = document.createElement("span");
    sender.className = "sender";
    sender.textContent = displayName(message.sender) + ": ";
    const text = document.createElement("span");
    text.className = "text";
    text.textContent = message.text;
    item.append(sender, text);
    $("chat-log").append(item);
  }

  /** A line in the log that says plainly that messages are missing there. */
  function showGap(text) {
    const item = document.createElement("li");
    item.className = "gap";
    item.textContent = text;
    $("chat-log").append(item);
  }

  let lastShown = null; // the last message shown in this room, by content (messageKey)
  let lastSeq = 0; // and its seq

  /**
   * The same for every copy of a message, live or in a history. Not seq: a room's numbering starts again at 1 when
   * the server loses the room (an empty room with pqws.fanout=local, a restart), as the Java client's
   * ChatResumption knows too.
   */
  function messageKey(message) {
    return JSON.stringify([message.sender, message.time, message.text]);
  }

  /**
   * Shows what a connection's history adds to the log: what follows the last message shown. When the history no
   * longer holds that message, all of it, after a line that says plainly that messages may be missing there.
   */
  function resumeFrom(history) {
    const seen = history.map(messageKey).lastIndexOf(lastShown);
    if (lastShown !== null && seen < 0) {
      showGap(history.length > 0 && history[0].seq > lastSeq
        ? "Some messages said while you were away are no longer kept."
        : "The room started over (the server lost its history); earlier messages above may not be continued.");
    }
    history.slice(seen + 1).forEach(showChatMessage);
  }

  function showChatMessage(message) {
    lastShown = messageKey(message);
    lastSeq = message.seq;
    showMessage(message);
  }

  function joinRoom(room) {
    if (chat) {
      chat.stop(1000, "switching rooms");
    }
    $("chat-log").replaceChildren();
    lastShown = null;
    lastSeq = 0;
    chat = keepConnected({
      status: $("chat-status"),
      label: "Chat",
      connectedState: "joined",
      path: () => "chat/" + encodeURIComponent(room),
      onMessage(data) {
        if (data.type === "welcome") {
          showMembers(data.members);
          resumeFrom(data.history);
          $("chat-input").disabled = false;
          $("chat-send").disabled = false;
          return "In room " + data.room + " as " + displayName(data.you) + ".";
        } else if (data.type === "message") {
          showChatMessage(data);
        } else if (data.type === "presence") {
          applyPresence(data);
        }
        return null;
      },
      onDown() {
        $("chat-input").disabled = true;
        $("chat-send").disabled = true;
      },
    });
  }

  $("chat-join").addEventListener("submit", (event) => {
    event.preventDefault();
    joinRoom($("chat-room").value.trim() || "lobby");
  });

  $("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("chat-input").value;
    if (text.trim() && chat && chat.send(JSON.stringify({type: "say", text: text}))) {
      $("chat-input").value = "";
    }
  });

  // ---- notifications -------------------------------------------------------------------------------------------
  let notifications = null;
  let lastSeenId = null;

  function showNotification(note) {
    const item = document.createElement("li");
    item.dataset.id = note.id;
    const title = document.createElement("strong");
    title.className = "title";
    title.textContent = note.title;
    item.append(title);
    if (note.body) {
      const body = document.createElement("span");
      body.className = "body";
      body.textContent = " " + note.body;
      item.append(body);
    }
    $("notify-log").prepend(item);
  }

  function receiveNotifications() {
    if (notifications && !notifications.ended()) {
      return;
    }
    notifications = keepConnected({
      status: $("notify-status"),
      label: "Notifications",
      connectedState: "ready",
      path: () => "notifications" + (lastSeenId ? "?lastSeenId=" + encodeURIComponent(lastSeenId) : ""),
      onMessage(data) {
        if (data.type === "ready") {
          lastSeenId = lastSeenId || data.lastId;
          return "Receiving notifications for " + displayName(data.you) + ".";
        } else if (data.type === "notification") {
          lastSeenId = data.id;
          showNotification(data);
        } else if (data.type === "missed") {
          showNotification({id: "missed", title: "Some notifications were missed",
            body: "Reload for the full picture."});
        }
        return null;
      },
      onDown() {},
    });
  }

  $("notify-connect").addEventListener("submit", (event) => {
    event.preventDefault();
    receiveNotifications();
  });

  // A portal that handed over tickets wants the panels live at once.
  if (fragmentRoom) {
    $("chat-room").value = fragmentRoom;
  }
  if (tickets.length > 0) {
    joinRoom($("chat-room").value);
    receiveNotifications();
  }
})();
