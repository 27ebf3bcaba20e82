"use strict";
// The chat and notification panels. Both WebSockets authenticate with a connection ticket offered in the
// subprotocol list (["pqws.v1", "pqws.ticket.<ticket>"]), never in the URL. Tickets come from this page's fragment
// (#tickets=T1,T2&room=NAME, put there by a portal and removed at once) or, when those are used up, from
// POST api/tickets, which works for a browser that presents a client certificate. All text is shown with
// textContent: nothing a user or publisher sends is ever interpreted as markup.
(function () {
  const $ = (id) => document.getElementById(id);
  const base = location.pathname.replace(/[^/]*$/, "");
  const wsBase = (location.protocol === "https:" ? "wss:" : "ws:") + "//" + location.host + base;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const tickets = (fragment.get("tickets") || "").split(",").filter((t) => t.length > 0);
  const fragmentRoom = fragment.get("room");
  if (location.hash) {
    history.replaceState(null, "", location.pathname + location.search); // the tickets leave the address bar
  }

  function displayName(principal) {
    const cn = /(?:^|,)CN=([^,]+)/.exec(principal || "");
    return cn ? cn[1] : principal;
  }

  function setStatus(element, state, text) {
    element.dataset.state = state;
    element.textContent = text;
  }

  async function nextTicket() {
    if (tickets.length > 0) {
      return tickets.shift();
    }
    const response = await fetch(base + "api/tickets", {method: "POST", credentials: "same-origin"});
    if (!response.ok) {
      throw new Error(response.status === 401
        ? "sign-in needed: no client certificate and no ticket from your portal"
        : "no ticket (HTTP " + response.status + ")");
    }
    return (await response.json()).ticket;
  }

  async function openSocket(path) {
    const ticket = await nextTicket();
    return new WebSocket(wsBase + path, ["pqws.v1", "pqws.ticket." + ticket]);
  }

  function closedText(event) {
    return "closed (code " + event.code + (event.reason ? ": " + event.reason : "") + ")";
  }

  // ---- chat ----------------------------------------------------------------------------------------------------
  let chat = null;

  function showMembers(members) {
    const list = $("chat-members");
    list.replaceChildren(...members.map((member) => {
      const item = document.createElement("li");
      item.textContent = displayName(member);
      item.dataset.principal = member;
      return item;
    }));
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

  async function joinRoom(room) {
    if (chat) {
      chat.close(1000, "switching rooms");
    }
    $("chat-log").replaceChildren();
    setStatus($("chat-status"), "connecting", "Joining " + room + "…");
    let socket;
    try {
      socket = await openSocket("chat/" + encodeURIComponent(room));
    } catch (e) {
      setStatus($("chat-status"), "error", "Cannot join: " + e.message);
      return;
    }
    chat = socket;
    socket.onmessage = (event) => {
      const data = JSON.parse(event.data);
      if (data.type === "welcome") {
        setStatus($("chat-status"), "joined", "In room " + data.room + " as " + displayName(data.you) + ".");
        showMembers(data.members);
        data.history.forEach(showMessage);
        $("chat-input").disabled = false;
        $("chat-send").disabled = false;
      } else if (data.type === "message") {
        showMessage(data);
      } else if (data.type === "presence") {
        showMembers(data.members);
      }
    };
    socket.onclose = (event) => {
      if (chat === socket) {
        chat = null;
        $("chat-input").disabled = true;
        $("chat-send").disabled = true;
        setStatus($("chat-status"), "closed", "Chat " + closedText(event) + ".");
      }
    };
  }

  $("chat-join").addEventListener("submit", (event) => {
    event.preventDefault();
    joinRoom($("chat-room").value.trim() || "lobby");
  });

  $("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("chat-input").value;
    if (!text.trim() || !chat || chat.readyState !== WebSocket.OPEN) {
      return;
    }
    chat.send(JSON.stringify({type: "say", text: text}));
    $("chat-input").value = "";
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

  async function receiveNotifications() {
    if (notifications) {
      return;
    }
    setStatus($("notify-status"), "connecting", "Connecting…");
    let socket;
    try {
      socket = await openSocket("notifications" + (lastSeenId ? "?lastSeenId=" + encodeURIComponent(lastSeenId) : ""));
    } catch (e) {
      setStatus($("notify-status"), "error", "Cannot receive notifications: " + e.message);
      return;
    }
    notifications = socket;
    socket.onmessage = (event) => {
      const data = JSON.parse(event.data);
      if (data.type === "ready") {
        lastSeenId = lastSeenId || data.lastId;
        setStatus($("notify-status"), "ready", "Receiving notifications for " + displayName(data.you) + ".");
      } else if (data.type === "notification") {
        lastSeenId = data.id;
        showNotification(data);
      } else if (data.type === "missed") {
        showNotification({id: "missed", title: "Some notifications were missed", body: "Reload for the full picture."});
      }
    };
    socket.onclose = (event) => {
      notifications = null;
      setStatus($("notify-status"), "closed", "Notifications " + closedText(event) + ".");
    };
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
    joinRoom($("chat-room").value).then(receiveNotifications);
  }
})();
