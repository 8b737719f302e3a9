// Fits every slide of the deck to the screen: a slide whose content is taller or wider than the
// presentation (1280x720) is zoomed out until it fits (CSS zoom, so the text reflows and
// reveal.js centers the smaller slide). Each slide is fitted when it is first shown, once its
// pictures are decoded, with every fragment laid out (hidden fragments still take their space);
// it then carries data-wb-fitted="1" and data-wb-scale. Printing (?print-pdf) fits every slide. "?wb-nofit" in the URL turns this off
// (the slide test uses it to show that unfitted slides do overflow).
(function () {
  if (/[?&]wb-nofit\b/.test(window.location.search)) {
    document.documentElement.classList.add('wb-nofit');
    return;
  }
  var fitted = new WeakSet();

  // The slide's own elements move into one box that can be zoomed as a whole.
  function box(section) {
    var first = section.firstElementChild;
    if (first && first.classList.contains('wb-fit')) {
      return first;
    }
    var b = document.createElement('div');
    b.className = 'wb-fit';
    while (section.firstChild) {
      b.appendChild(section.firstChild);
    }
    // Speaker notes stay direct children of the slide, where the notes plugin looks for them.
    Array.prototype.slice.call(b.querySelectorAll('aside.notes')).forEach(function (n) { section.appendChild(n); });
    section.insertBefore(b, section.firstChild);
    return b;
  }

  // How much narrower the widest clipped or scrolled element must get to show all of its content.
  function widthRatio(b) {
    var r = 1;
    Array.prototype.forEach.call(b.querySelectorAll('*'), function (el) {
      if (el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0) {
        var o = getComputedStyle(el).overflowX;
        if (o !== 'visible') {
          r = Math.min(r, el.clientWidth / el.scrollWidth);
        }
      }
    });
    var outer = b.getBoundingClientRect(), widest = outer.right;
    Array.prototype.forEach.call(b.querySelectorAll('img, table, pre'), function (el) {
      widest = Math.max(widest, el.getBoundingClientRect().right);
    });
    return Math.min(r, (outer.right - outer.left) / Math.max(1, widest - outer.left));
  }

  function fit(Reveal, section) {
    if (fitted.has(section) || section.querySelector('section')) {
      return;
    }
    fitted.add(section);
    var b = box(section);
    var pictures = Array.prototype.slice.call(b.querySelectorAll('img')).map(function (img) {
      return img.complete ? Promise.resolve() : img.decode().catch(function () { });
    });
    Promise.all(pictures).then(function () {
      var cfg = Reveal.getConfig(), scale = Reveal.getScale() || 1;
      var pad = parseFloat(getComputedStyle(section).paddingTop) + parseFloat(getComputedStyle(section).paddingBottom);
      // A few pixels to spare: the last cell's margin and rounding would otherwise touch the edge.
      var room = cfg.height - pad - 12, zoom = 1;
      b.style.zoom = '';
      // Zooming out widens the box (in its own pixels), so text reflows: measure again, a few times.
      for (var i = 0; i < 6; i++) {
        var high = b.getBoundingClientRect().height / scale;
        var z = zoom * Math.min(1, room / Math.max(high, 1), widthRatio(b));
        if (z >= zoom * 0.995) {
          break;
        }
        zoom = Math.floor(z * 1000) / 1000;
        b.style.zoom = String(zoom);
      }
      section.dataset.wbScale = String(zoom);
      section.dataset.wbFitted = '1';
      Reveal.layout();
    });
  }

  // reveal.js is an AMD module here (the template loads it through require.js).
  require(['reveal.js/dist/reveal.js'], function (Reveal) {
    function fitCurrent() {
      var s = Reveal.getCurrentSlide();
      if (s) {
        fit(Reveal, s);
      }
    }
    // Printed (?print-pdf, as the template asks for the print style sheet), every slide is
    // laid out at once: fit them all.
    var printing = /print-pdf/i.test(window.location.search);
    function fitAll() {
      Reveal.getSlides().forEach(function (s) { fit(Reveal, s); });
    }
    Reveal.on('ready', printing ? fitAll : fitCurrent);
    Reveal.on('slidechanged', fitCurrent);
    if (Reveal.isReady()) {
      (printing ? fitAll : fitCurrent)();
    }
  });
})();
