// Charts are drawn when their card comes near the window. Each card's chart holder names the
// card's "seen" store (data-pk-seen); once the holder is within 200 px of the window, this
// sets that store, and a clientside callback (dashboard/panels.py) hands the card its chart.
// Cards arrive with the page (Dash Pages) and with filter changes: new holders are watched
// as they appear, and holders that left the page (another page was opened) are let go.
(function () {
    var watched = [];
    var watcher = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
            if (!entry.isIntersecting) {
                return;
            }
            watcher.unobserve(entry.target);
            window.dash_clientside.set_props(JSON.parse(entry.target.dataset.pkSeen),
                                             {data: true});
        });
    }, {rootMargin: "0px 0px 200px 0px"});

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
    }).observe(document.body, {childList: true, subtree: true});
})();
