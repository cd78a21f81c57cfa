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

    // The next chart not yet drawn, in page order, once the browser is idle; then the next.
    var drawing = false;
    function drawInBackground() {
        if (drawing || !window.requestIdleCallback) {
            return;
        }
        drawing = true;
        window.requestIdleCallback(function () {
            drawing = false;
            // Hidden cards (shown only by some filters) wait to be seen: a chart drawn out
            // of sight would not know its size.
            var next = watched.find(function (holder) {
                return holder.isConnected && !holder.dataset.pkShown
                    && holder.getClientRects().length > 0;
            });
            if (next) {
                show(next);
                window.setTimeout(drawInBackground, PAUSE_MS);
            }
        }, {timeout: 2000});
    }

    new MutationObserver(function () {
        watched = watched.filter(function (holder) {
            if (!holder.isConnected) {
                watcher.unobserve(holder);
            }
            return holder.isConnected;
        });
        var added = document.querySelectorAll("[data-pk-seen]:not([data-pk-watched])");
        added.forEach(function (holder) {
            holder.dataset.pkWatched = "yes";
            watched.push(holder);
            watcher.observe(holder);
        });
        if (added.length) {
            drawInBackground();
        }
    }).observe(document.body, {childList: true, subtree: true});
})();
