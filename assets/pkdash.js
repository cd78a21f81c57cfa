// Charts are drawn when their card comes near the window, and the rest one by one while the
// browser has nothing else to do. Each card's chart holder names the card's "seen" store
// (data-pk-seen); setting that store makes a clientside callback (dashboard/panels/card.py) hand
// the card its chart. Cards arrive with the page (Dash Pages) and with filter changes: new
// holders are watched as they appear, and holders that left the page are let go.
(function () {
    var watched = [];
    // Charts drawn in the background come three at a time: each round costs Dash's renderer
    // about as much as one chart, so three in one round put /conduct's eleven charts on
    // screen 0.2 s sooner than one by one. A round takes the browser ~150 ms in one task (one
    // chart: ~80 ms; benchmarks/README.md): a click or a key press waits at most that long,
    // and the pause lets the browser answer one between two rounds.
    var CHARTS_PER_ROUND = 3;
    var PAUSE_MS = 20;
    // How long the page must have been drawn in and near the window before the background
    // starts: the last of those charts may still be finishing when its SVG appears. Measured
    // (A/B, in-page clock): 0 ms cost the first screen 0.15 s; 300 ms cost the whole page
    // 0.2 s; 100 ms neither.
    var SETTLE_MS = 100;

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

    // The next charts not yet drawn, in page order, once the browser is idle; then the next.
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
            var next = watched.filter(function (holder) {
                return holder.isConnected && !holder.dataset.pkShown
                    && holder.getClientRects().length > 0;
            }).slice(0, CHARTS_PER_ROUND);
            if (!next.length) {
                drawing = false;
                return;
            }
            next.forEach(show);
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
