// Charts are drawn when their card comes near the window, and the rest one by one while the
// browser has nothing else to do. Each card's chart holder names the card's "seen" store
// (data-pk-seen); setting that store makes a clientside callback (dashboard/panels.py) hand
// the card its chart. Cards arrive with the page (Dash Pages) and with filter changes: new
// holders are watched as they appear, and holders that left the page are let go.
(function () {
    var watched = [];
    // A chart drawn in the background takes the browser ~50 ms, in its own task: a click or a
    // key press waits at most that long. The pause lets the browser answer one between two.
    var PAUSE_MS = 20;
    // How long the page must have been drawn in and near the window before the background
    // starts: the last of those charts may still be finishing when its SVG appears.
    var SETTLE_MS = 300;

    function show(holder) {
        if (holder.dataset.pkShown) {
            return;
        }
        holder.dataset.pkShown = "yes";
        watcher.unobserve(holder);
        window.dash_clientside.set_props(JSON.parse(holder.dataset.pkSeen), {data: true});
    }

    var watcher = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            if (entry.isIntersecting) {
                show(entry.target);
            }
        });
    }, {rootMargin: "0px 0px 200px 0px"});

    // Every chart in or near the window (those that come with the page, and those the
    // watcher hands over) is drawn: until then the background waits, so that it never slows
    // down what the reader is looking at.
    function firstScreenDrawn() {
        var views = document.querySelectorAll("[id*='pk-chart-view']");
        var bottom = window.innerHeight + 200;
        return Array.prototype.every.call(views, function (view) {
            var box = view.getBoundingClientRect();
            var away = view.getClientRects().length === 0 || box.top > bottom || box.bottom < 0;
            return away || view.querySelector(".main-svg");
        });
    }

    // The next chart not yet drawn, in page order, once the browser has been idle a while;
    // then the next.
    var drawing = false;
    function drawInBackground() {
        if (drawing || !window.requestIdleCallback || !firstScreenDrawn()) {
            return;
        }
        drawing = true;
        window.setTimeout(drawNext, SETTLE_MS);
    }

    function drawNext() {
        window.requestIdleCallback(function () {
            // Hidden cards (shown only by some filters) wait to be seen: a chart drawn out
            // of sight would not know its size.
            var next = watched.find(function (holder) {
                return holder.isConnected && !holder.dataset.pkShown
                    && holder.getClientRects().length > 0;
            });
            if (!next) {
                drawing = false;
                return;
            }
            show(next);
            window.setTimeout(drawNext, PAUSE_MS);
        }, {timeout: 2000});
    }

    new MutationObserver(function () {
        watched = watched.filter(function (holder) {
            if (!holder.isConnected) {
                watcher.unobserve(holder);
            }
            return holder.isConnected;
        });
        document.querySelectorAll("[data-pk-seen]:not([data-pk-watched])").forEach(function (holder) {
            holder.dataset.pkWatched = "yes";
            watched.push(holder);
            watcher.observe(holder);
        });
        // Each change may be the first screen's last chart drawn, or new cards to draw.
        if (watched.some(function (holder) { return !holder.dataset.pkShown; })) {
            drawInBackground();
        }
    }).observe(document.body, {childList: true, subtree: true});
})();
