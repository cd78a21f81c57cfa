// The choices of a period control (From, To) while the person types: once three letters are
// typed ("2013", "jul"), every month with data that matches, and the month chosen. The
// months come once with the filter bar (dashboard/shell/filterbar.py, period_months); before
// anything is typed the control lists one month a year, set by the server with its value.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    pkdash_period: {
        options: function (search, value, period, controlId) {
            var noUpdate = window.dash_clientside.no_update;
            if (!period) {
                return noUpdate;
            }
            // "2013-07" -> "Jul 2013" / "juil. 2013": the locale's label for 2000, re-dated.
            var label = function (month) {
                return period.labels[Number(month.slice(5, 7)) - 1]
                    .replace("2000", month.slice(0, 4));
            };
            var typed = (search || "").trim().toLowerCase();
            var months = typed.length >= 3
                ? period.months.filter(function (month) {
                    return month.indexOf(typed) >= 0
                        || label(month).toLowerCase().indexOf(typed) >= 0;
                })
                : period.listed[controlId].slice();
            if (value && months.indexOf(value) < 0) {
                months = months.concat([value]).sort().reverse();
            }
            return months.map(function (month) {
                return {label: label(month), value: month};
            });
        },
    },
});
