/*
 * prayer-news-widgets: optional behaviour for the prayer strip.
 *
 * Keeps a cached or static strip true when it is read: from the days the
 * strip carries (data-pnw-days, see render_prayer_strip's coming_days) it
 * shows the reader's day, its six times, the next of the five prayers
 * (after Isha: tomorrow's Fajr, noted «غدًا») and a countdown in words
 * («باقٍ على الظهر ٤ ساعات و٣٦ دقيقة»). Without carried days it moves the
 * mark over the times in the <time datetime> attributes. In a timetable
 * it marks the row of the reader's day (class pnw-today and
 * aria-current="date") from the bounds each row carries (data-pnw-start,
 * data-pnw-end); rows without them are left as served.
 *
 * The countdown changes once a minute, never every second, is not a live
 * region, and a button after it pauses and resumes it (WCAG 2.2.2), named
 * in the page's language from data-pnw-pause and data-pnw-resume. No dependencies, no network, no eval, no inline
 * code: load it with <script src=".../widgets.js" defer></script>. Without
 * it the strip is complete as served.
 */
(function () {
  "use strict";

  var STRIP = ".pnw-strip";
  var DAY_ROW = "tr[data-pnw-start]";
  var MINUTE_MS = 60000;
  var SUNRISE = "sunrise";

  function parse(text, fallback) {
    try {
      return text ? JSON.parse(text) : fallback;
    } catch (error) {
      return fallback;
    }
  }

  function numberFormatter(root) {
    var digits = root.getAttribute("data-pnw-digits") || "latn";
    try {
      return new Intl.NumberFormat(root.getAttribute("lang") || undefined, {
        numberingSystem: digits,
        useGrouping: false
      });
    } catch (error) {
      return null;
    }
  }

  function plurals(root) {
    try {
      return new Intl.PluralRules(root.getAttribute("lang") || undefined);
    } catch (error) {
      return null;
    }
  }

  // CLDR's unit pattern for the number's plural category, as l10n.Formatter.duration does.
  function unit(forms, value, rules, numbers) {
    var category = rules ? rules.select(value) : "other";
    var pattern = forms[category] || forms.other || "{0}";
    var shown = numbers ? numbers.format(value) : String(value);
    return pattern.replace("{0}", function () { return shown; });
  }

  function duration(milliseconds, root) {
    var forms = root.pnwForms;
    var total = Math.max(0, Math.ceil(milliseconds / MINUTE_MS));
    var hours = Math.floor(total / 60);
    var minutes = total % 60;
    var parts = [];
    if (hours) {
      parts.push(unit(forms.hour, hours, root.pnwPlurals, root.pnwNumbers));
    }
    if (minutes || !hours) {
      parts.push(unit(forms.minute, minutes, root.pnwPlurals, root.pnwNumbers));
    }
    if (parts.length === 1) {
      return parts[0];
    }
    return forms.join
      .replace("{0}", function () { return parts[0]; })
      .replace("{1}", function () { return parts[1]; });
  }

  function setText(root, selector, text) {
    var node = root.querySelector(selector);
    if (node && text !== undefined && node.textContent !== text) {
      node.textContent = text;
    }
    return node;
  }

  // One tile: name, shown time, spoken time, instant and an optional note.
  function fill(item, name, shown, spoken, iso, note) {
    setText(item, ".pnw-name", name);
    var stamp = item.querySelector("time.pnw-at");
    if (stamp) {
      stamp.setAttribute("datetime", iso);
      if (stamp.textContent !== shown) {
        stamp.textContent = shown;
      }
      setText(item, ".pnw-spoken", spoken);
    }
    var tag = item.querySelector(".pnw-note");
    if (note) {
      if (!tag) {
        tag = document.createElement("span");
        tag.className = "pnw-note";
        if (stamp && stamp.nextSibling) {
          item.insertBefore(tag, stamp.nextSibling);
        } else {
          item.appendChild(tag);
        }
        item.insertBefore(document.createTextNode(" "), tag);
      }
      tag.textContent = note;
    } else if (tag) {
      if (tag.previousSibling && tag.previousSibling.nodeType === 3) {
        item.removeChild(tag.previousSibling);
      }
      item.removeChild(tag);
    }
  }

  function tiles(root) {
    var items = root.querySelectorAll(".pnw-time");
    var result = {};
    for (var i = 0; i < items.length; i += 1) {
      result[items[i].getAttribute("data-pnw-prayer")] = items[i];
    }
    return result;
  }

  // The times the strip shows when it carries no days: read from its tiles.
  function servedDay(root) {
    var items = root.querySelectorAll(".pnw-time");
    var times = [];
    for (var i = 0; i < items.length; i += 1) {
      var stamp = items[i].querySelector("time[datetime]");
      var name = items[i].querySelector(".pnw-name");
      times.push([items[i].getAttribute("data-pnw-prayer"), name ? name.textContent : "",
        undefined, undefined, stamp ? stamp.getAttribute("datetime") : ""]);
    }
    return times;
  }

  function nextLabel(root) {
    var label = root.querySelector(".pnw-next-label") || root.pnwLabel || null;
    var text = root.getAttribute("data-pnw-next-label");
    if (!label && text) {
      label = document.createElement("span");
      label.className = "pnw-sr pnw-next-label";
      label.textContent = " " + text;
    }
    return label;
  }

  function mark(root, target) {
    var items = root.querySelectorAll(".pnw-time");
    for (var i = 0; i < items.length; i += 1) {
      items[i].classList.toggle("pnw-next", items[i] === target);
    }
    var label = nextLabel(root);
    if (!label) {
      return;
    }
    if (target) {
      if (label.parentNode !== target) {
        target.appendChild(label);
      }
      root.pnwLabel = null;
    } else {
      if (label.parentNode) {
        label.parentNode.removeChild(label);
      }
      root.pnwLabel = label;
    }
  }

  // Whether the local day from start to end (ISO instants) holds now.
  function holds(start, end, now) {
    return Date.parse(start) <= now && now < Date.parse(end);
  }

  function findDay(days, now) {
    for (var i = 0; i < days.length; i += 1) {
      if (days[i].times && holds(days[i].start, days[i].end, now)) {
        return i;
      }
    }
    return -1;
  }

  // A timetable's row is today's when its day holds now.
  function markToday(row, now) {
    var end = row.getAttribute("data-pnw-end");
    if (!end) {
      return;
    }
    var today = holds(row.getAttribute("data-pnw-start"), end, now);
    row.classList.toggle("pnw-today", today);
    if (today) {
      row.setAttribute("aria-current", "date");
    } else {
      row.removeAttribute("aria-current");
    }
  }

  function update(root, now) {
    var days = root.pnwDays;
    var byPrayer = tiles(root);
    var times = servedDay(root);
    var following = null;
    var index = findDay(days, now);
    if (index >= 0) {
      var day = days[index];
      times = day.times;
      var dates = root.querySelector(".pnw-date");
      if (dates) {
        dates.setAttribute("datetime", day.date);
        setText(root, ".pnw-date", day.gregorian);
      }
      var hijri = day.hijri;
      var maghrib = times[4] ? Date.parse(times[4][4]) : NaN;
      if (day.hijri_evening && !isNaN(maghrib) && now >= maghrib) {
        hijri = day.hijri_evening;
      }
      if (hijri) {
        setText(root, ".pnw-hijri", hijri);
      }
      var after = days[index + 1];
      following = after ? (after.fajr || (after.times && after.times[0].slice(2))) : null;
    } else if (days.length && now >= Date.parse(days[0].start)) {
      times = []; // read after the last carried day: leave the times, drop the mark
    }
    var next = null;
    for (var i = 0; i < times.length; i += 1) {
      var entry = times[i];
      var item = byPrayer[entry[0]];
      if (index >= 0 && item) {
        fill(item, entry[1], entry[2], entry[3], entry[4], "");
      }
      var at = Date.parse(entry[4]);
      if (!next && entry[0] !== SUNRISE && !isNaN(at) && at > now) {
        next = { item: item, at: at, name: entry[1] };
      }
    }
    if (!next && times.length) {
      var fajr = byPrayer.fajr;
      var tomorrow = following;
      var served = root.getAttribute("data-pnw-next");
      if (index >= 0 && fajr && tomorrow) {
        fill(fajr, times[0][1], tomorrow[0], tomorrow[1], tomorrow[2],
          root.getAttribute("data-pnw-tomorrow") || "");
        next = { item: fajr, at: Date.parse(tomorrow[2]), name: times[0][1] };
      } else if (index < 0 && served) {
        next = { item: fajr || null, at: Date.parse(served), name: times[0][1] };
      }
    }
    mark(root, next && next.at > now ? next.item : null);

    var output = root.querySelector(".pnw-countdown");
    if (!output || !root.pnwForms || root.pnwPaused) {
      return;
    }
    if (!next || isNaN(next.at) || next.at <= now) {
      output.hidden = true;
      output.textContent = "";
      showButton(root, false);
      return;
    }
    var left = duration(next.at - now, root);
    var name = next.name;
    output.textContent = root.pnwForms.pattern
      .replace("{name}", function () { return name; })
      .replace("{time}", function () { return left; });
    output.hidden = false;
    showButton(root, true);
  }

  function showButton(root, shown) {
    if (root.pnwButton) {
      root.pnwButton.hidden = !shown;
    }
  }

  // The pause/resume button after the countdown, when the strip names both actions.
  function addButton(root) {
    var output = root.querySelector(".pnw-countdown");
    var pause = root.getAttribute("data-pnw-pause");
    var resume = root.getAttribute("data-pnw-resume");
    if (!output || !root.pnwForms || !pause || !resume || !output.parentNode) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pnw-pause";
    button.textContent = pause;
    button.hidden = output.hidden;
    button.addEventListener("click", function () {
      root.pnwPaused = !root.pnwPaused;
      button.textContent = root.pnwPaused ? resume : pause;
      if (!root.pnwPaused) {
        update(root, Date.now());
      }
    });
    output.parentNode.insertBefore(button, output.nextSibling);
    root.pnwButton = button;
  }

  function prepare(root) {
    if (root.pnwReady) {
      return;
    }
    root.pnwReady = true;
    root.pnwDays = parse(root.getAttribute("data-pnw-days"), []);
    var forms = parse(root.getAttribute("data-pnw-countdown"), null);
    root.pnwForms = forms && forms.hour && forms.minute && forms.pattern ? forms : null;
    root.pnwNumbers = numberFormatter(root);
    root.pnwPlurals = plurals(root);
    addButton(root);
  }

  function tick() {
    var roots = document.querySelectorAll(STRIP);
    var now = Date.now();
    for (var i = 0; i < roots.length; i += 1) {
      prepare(roots[i]);
      update(roots[i], now);
    }
    var rows = document.querySelectorAll(DAY_ROW);
    for (var j = 0; j < rows.length; j += 1) {
      markToday(rows[j], now);
    }
  }

  // Once a minute, on the minute: the countdown shows whole minutes only.
  function schedule() {
    tick();
    window.setTimeout(schedule, MINUTE_MS - (Date.now() % MINUTE_MS) + 50);
  }

  function start() {
    schedule();
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) {
        tick();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
