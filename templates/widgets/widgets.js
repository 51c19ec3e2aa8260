/*
 * prayer-news-widgets: optional behaviour for the prayer strip.
 *
 * Keeps the next-prayer mark right on a cached or static page and shows a
 * countdown to the next prayer, using only the ISO values in the strip's
 * <time datetime> attributes. No dependencies, no network, no eval, no
 * inline code: load it with <script src=".../widgets.js" defer></script>.
 * Without it the strip is complete as served.
 */
(function () {
  "use strict";

  var STRIP = ".pnw-strip";
  var TICK_MS = 1000;

  function pad(number, formatter) {
    var text = number < 10 ? "0" + number : String(number);
    return formatter ? formatter.format(number).padStart(2, formatter.format(0)) : text;
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

  function duration(milliseconds, formatter) {
    var total = Math.max(0, Math.floor(milliseconds / 1000));
    var hours = Math.floor(total / 3600);
    var minutes = Math.floor((total % 3600) / 60);
    var seconds = total % 60;
    var first = formatter ? formatter.format(hours) : String(hours);
    return first + ":" + pad(minutes, formatter) + ":" + pad(seconds, formatter);
  }

  function entries(root) {
    var items = root.querySelectorAll(".pnw-time");
    var result = [];
    for (var i = 0; i < items.length; i += 1) {
      var stamp = items[i].querySelector("time[datetime]");
      var at = stamp ? Date.parse(stamp.getAttribute("datetime")) : NaN;
      var name = items[i].querySelector(".pnw-name");
      result.push({
        item: items[i],
        at: at,
        name: name ? name.textContent : ""
      });
    }
    return result;
  }

  function nextLabel(root) {
    var label = root.querySelector(".pnw-next-label") || root.pnwLabel || null;
    var text = root.getAttribute("data-pnw-next-label");
    if (!label && text) {
      label = document.createElement("span");
      label.className = "pnw-sr pnw-next-label";
      label.textContent = text;
    }
    return label;
  }

  function mark(root, target) {
    var items = root.querySelectorAll(".pnw-time");
    for (var i = 0; i < items.length; i += 1) {
      if (items[i] === target) {
        items[i].classList.add("pnw-next");
        items[i].setAttribute("aria-current", "time");
      } else {
        items[i].classList.remove("pnw-next");
        items[i].removeAttribute("aria-current");
      }
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

  function update(root, now) {
    var list = entries(root);
    var next = null;
    for (var i = 0; i < list.length; i += 1) {
      if (!isNaN(list[i].at) && list[i].at > now) {
        next = list[i];
        break;
      }
    }
    mark(root, next ? next.item : null);

    var target = next ? next.at : Date.parse(root.getAttribute("data-pnw-next") || "");
    var name = next ? next.name : (list.length ? list[0].name : "");
    var output = root.querySelector(".pnw-countdown");
    var pattern = root.getAttribute("data-pnw-countdown");
    if (!output || !pattern) {
      return;
    }
    if (isNaN(target) || target <= now) {
      output.hidden = true;
      output.textContent = "";
      return;
    }
    if (!root.pnwFormatter) {
      root.pnwFormatter = numberFormatter(root) || false;
    }
    var left = duration(target - now, root.pnwFormatter || null);
    output.textContent = pattern
      .replace("{name}", function () { return name; })
      .replace("{time}", function () { return left; });
    output.hidden = false;
  }

  function tick() {
    var roots = document.querySelectorAll(STRIP);
    var now = Date.now();
    for (var i = 0; i < roots.length; i += 1) {
      update(roots[i], now);
    }
  }

  function start() {
    tick();
    window.setInterval(tick, TICK_MS);
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
