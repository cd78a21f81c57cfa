// When an update of the page is answered 503 (the database is restarting or unreachable), say
// so on the page: Dash's renderer only logs a failed update to the console, so a reader would
// otherwise see charts that silently stop following the filters. The server words the message
// in the reader's language (dashboard/web/errors.py). The banner goes once every update that
// failed has succeeded again: updates that need no database succeed meanwhile.
(function () {
    var BANNER = "pk-database-unavailable";
    var original = window.fetch;
    var failed = {};  // the outputs whose last update was answered 503
    if (!original) {
        return;
    }
    function show(reason) {
        var banner = document.getElementById(BANNER);
        if (!banner) {
            banner = document.createElement("div");
            banner.id = BANNER;
            banner.className = "alert alert-warning m-2";
            banner.setAttribute("role", "alert");
            banner.style.position = "sticky";
            banner.style.top = "0";
            banner.style.zIndex = "1100";
            document.body.insertBefore(banner, document.body.firstChild);
        }
        banner.textContent = reason;
    }
    function hide() {
        var banner = document.getElementById(BANNER);
        if (banner) {
            banner.remove();
        }
    }
    window.fetch = function (resource, init) {
        var url = typeof resource === "string" ? resource : (resource && resource.url) || "";
        var promise = original.apply(this, arguments);
        if (url.indexOf("_dash-update-component") < 0) {
            return promise;
        }
        var output = "";
        try {
            output = JSON.parse((init && init.body) || "{}").output || "";
        } catch (ignored) {
            output = "";
        }
        return promise.then(function (response) {
            if (response.status === 503) {
                failed[output] = true;
                response.clone().json().then(function (body) {
                    show(body && body.error && body.error.reason);
                }).catch(function () { show("503"); });
            } else if (response.ok && failed[output]) {
                delete failed[output];
                if (Object.keys(failed).length === 0) {
                    hide();
                }
            }
            return response;
        });
    };
})();
