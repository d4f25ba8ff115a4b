// A table wider than the page (a phone's width, or a table of many columns) becomes a list of
// cards, one a row, each cell under its column's name (book/layout.css, `table.cards`), instead
// of a box that scrolls sideways with half its columns out of sight. A table that fits stays a
// table. Measured again when the window changes width.
(function () {
    function label(table) {
        var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
            return th.textContent.trim();
        });
        table.querySelectorAll("tbody tr").forEach(function (row) {
            Array.prototype.forEach.call(row.children, function (cell, i) {
                if (names[i] && !cell.hasAttribute("data-label")) {
                    cell.setAttribute("data-label", names[i]);
                }
            });
        });
    }

    var tables = Array.prototype.slice.call(document.querySelectorAll("main .table-wrapper > table"));
    tables.forEach(label);

    function fit() {
        tables.forEach(function (table) {
            table.classList.remove("cards");
            if (table.scrollWidth > table.parentElement.clientWidth + 1) {
                table.classList.add("cards");
            }
        });
    }
    fit();
    window.addEventListener("resize", fit);
})();
