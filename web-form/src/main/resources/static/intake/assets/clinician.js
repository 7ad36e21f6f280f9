// The clinicians' queue keeps itself up to date: server-sent events say when the queue changed,
// the page then fetches its rows again (the same server-rendered rows, so ordering and wording
// live in one place), and new EMERGENCY and URGENT intakes are announced to screen readers.
// A new EMERGENCY that lands beyond this page (more than a page of older ones waits before it)
// is still announced, and the rows come back with a notice linking to it: the page asks after
// it by id (newEmergency=) on every refresh until it is reviewed or among the rows.
// Events come from every node of the service (on PostgreSQL the nodes tell each other with
// LISTEN/NOTIFY), so a page on one node hears of an intake another node took within seconds.
// When the stream drops, the page checks every 10 seconds until it is back; it also checks every
// so often in any case (a minute unless the stream's ready event says otherwise), should an
// event be lost.
(function () {
  'use strict';
  var content = document.getElementById('queue-content');
  if (!content || !window.fetch || !window.DOMParser) {
    return;
  }
  var live = document.getElementById('queue-live');
  var alertRegion = document.getElementById('queue-alert');
  var streamState = document.getElementById('queue-stream-state');
  var eventsUrl = content.getAttribute('data-events-url');
  var LABELS = { EMERGENCY: 'emergency', URGENT: 'urgent' };
  var inFlight = false;
  var again = false;
  var announcements = [];
  var MAX_ASKED = 20;
  var pendingEmergencies = [];
  var fallback = null;
  var connectedOnce = false;
  var streaming = false;
  var periodic = null;
  var INTERRUPTED = 'Live updates are interrupted: the queue is checked every 10 seconds until they are back.';

  function current() {
    return document.getElementById('queue-content');
  }

  function refresh() {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    // Only the intakes announced before this request went out can be in its rows.
    var batch = announcements.splice(0);
    // Marked as the page's own request: it does not keep the session alive, so a queue left open signs out.
    fetch(rowsUrl(batch), { credentials: 'same-origin', headers: { Accept: 'text/html', 'X-Intake-Auto-Refresh': '1' } })
      .then(function (response) {
        if (response.status === 401) {
          // The session is over (idle or absolute time, or signed out elsewhere): reloading goes to the login.
          window.location.reload();
          throw new Error('signed out');
        }
        if (!response.ok || response.redirected) {
          throw new Error('queue rows: ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('queue-content');
        if (fresh) {
          replace(fresh);
          // The server keeps a notice only for those still unreviewed EMERGENCYs off this page.
          pendingEmergencies = Array.prototype.map.call(current().querySelectorAll('[data-new-emergency-id]'),
            function (item) { return item.getAttribute('data-new-emergency-id'); });
          announce(batch);
          setState(streaming ? null : INTERRUPTED);
        }
      })
      .catch(function () {
        Array.prototype.unshift.apply(announcements, batch);
        setState('The queue could not be refreshed. If this lasts, reload the page (you may need to sign in again).');
      })
      .then(function () {
        inFlight = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  /** The rows' URL, asking after the new EMERGENCYs of this batch and those already in the notice. */
  function rowsUrl(batch) {
    var url = new URL(current().getAttribute('data-rows-url'), window.location.href);
    var asked = pendingEmergencies.slice();
    batch.forEach(function (intake) {
      if (intake.level === 'EMERGENCY' && asked.indexOf(intake.id) < 0) {
        asked.push(intake.id);
      }
    });
    asked.slice(-MAX_ASKED).forEach(function (id) {
      url.searchParams.append('newEmergency', id);
    });
    return url.toString();
  }

  /** Swaps in the new rows, keeping the keyboard focus on the same intake's link (in a row or the notice). */
  function replace(fresh) {
    var old = current();
    var focused = document.activeElement;
    var selector = null;
    if (focused && old.contains(focused)) {
      var focusedRow = focused.closest('[data-submission-id]');
      var focusedNotice = focused.closest('[data-new-emergency-id]');
      if (focusedRow) {
        selector = '[data-submission-id="' + focusedRow.getAttribute('data-submission-id') + '"] a';
      } else if (focusedNotice) {
        selector = '[data-new-emergency-id="' + focusedNotice.getAttribute('data-new-emergency-id') + '"] a';
      }
    }
    old.replaceWith(document.importNode(fresh, true));
    if (selector) {
      var link = current().querySelector(selector);
      if (link) {
        link.focus();
      }
    }
  }

  function announce(batch) {
    var messages = [];
    var urgentOnly = true;
    var beyond = false;
    batch.forEach(function (intake) {
      var row = current().querySelector('[data-submission-id="' + intake.id + '"]');
      if (row) {
        row.classList.add('queue-row--new');
      }
      if (intake.level === 'EMERGENCY') {
        urgentOnly = false;
      }
      var first = current().querySelector('[data-submission-id]');
      var noticed = row === null && current().querySelector('[data-new-emergency-id="' + intake.id + '"]');
      if (noticed) {
        messages.push('New emergency intake, not on this page of the queue: a link to it is above the queue.');
        beyond = true;
        return;
      }
      var where = row === null ? 'not on this page of the queue'
        : (first === row ? 'now at the top of the queue' : 'now in the queue');
      messages.push('New ' + LABELS[intake.level] + ' intake, ' + where + '.');
    });
    var count = beyond && current().querySelector('.queue-new-emergency-count');
    if (count) {
      messages.push(count.textContent.trim()); // once, however many arrived at once
    }
    if (messages.length > 0) {
      var region = urgentOnly ? live : alertRegion;
      region.textContent = '';
      window.setTimeout(function () {
        region.textContent = messages.join(' ');
      }, 50);
    }
  }

  function setState(text) {
    if (text) {
      streamState.textContent = text;
      streamState.hidden = false;
    } else {
      streamState.textContent = '';
      streamState.hidden = true;
    }
  }

  function startFallback() {
    if (fallback === null) {
      fallback = window.setInterval(refresh, 10000);
    }
  }

  function stopFallback() {
    if (fallback !== null) {
      window.clearInterval(fallback);
      fallback = null;
    }
  }

  function connect() {
    if (!window.EventSource) {
      startFallback();
      return;
    }
    var source = new EventSource(eventsUrl);
    source.addEventListener('ready', function (event) {
      var ready = {};
      try {
        ready = JSON.parse(event.data) || {};
      } catch (ignored) {
        // an older server's ready event says nothing more
      }
      if (ready.refreshSeconds > 0) {
        checkEvery(ready.refreshSeconds * 1000);
      }
      streaming = true;
      setState(null);
      stopFallback();
      if (connectedOnce) {
        refresh(); // whatever happened while the stream was down
      }
      connectedOnce = true;
    });
    source.addEventListener('intake', function (event) {
      var intake = JSON.parse(event.data);
      if (LABELS[intake.level]) {
        announcements.push(intake);
      }
      refresh();
    });
    source.addEventListener('changed', refresh);
    source.onerror = function () {
      streaming = false;
      setState(INTERRUPTED);
      startFallback();
      if (source.readyState === 2) {
        // The browser gave up (e.g. a proxy's 502 or a login page instead of the stream): try again later.
        source.close();
        window.setTimeout(connect, 10000);
      }
    };
  }

  function checkEvery(millis) {
    if (periodic !== null) {
      window.clearInterval(periodic);
    }
    periodic = window.setInterval(refresh, millis);
  }

  connect();
  checkEvery(60000);
}());
