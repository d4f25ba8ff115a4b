// The same page in the other language. The English book is at the root of the build and each
// translation in a directory of its own (zh-CN/), with the same pages at the same paths; this
// script puts a link to the other edition's copy of this page in the menu bar, beside the
// print button. mdBook defines `path_to_root` on every page.
(function () {
    var EDITIONS = [
        { lang: "en", dir: "", label: "English" },
        { lang: "zh-CN", dir: "zh-CN/", label: "中文" },
    ];
    var here = document.documentElement.lang || "en";
    var current = EDITIONS.filter(function (e) { return e.lang === here; })[0] || EDITIONS[0];
    var other = current === EDITIONS[0] ? EDITIONS[1] : EDITIONS[0];
    var buttons = document.querySelector(".right-buttons");
    if (!buttons || typeof path_to_root === "undefined") {
        return;
    }
    // This page's path inside its edition: as many of the address's last parts as
    // path_to_root climbs, plus the file itself.
    var depth = (path_to_root.match(/\.\.\//g) || []).length;
    var parts = window.location.pathname.split("/");
    if (parts[parts.length - 1] === "") {
        parts[parts.length - 1] = "index.html";
    }
    var page = parts.slice(parts.length - 1 - depth).join("/");
    // From this edition's root to the build's root, then into the other edition.
    var toBuildRoot = current.dir ? "../" : "";
    var link = document.createElement("a");
    link.className = "language-switch";
    link.href = path_to_root + toBuildRoot + other.dir + page + window.location.hash;
    link.lang = other.lang;
    link.hreflang = other.lang;
    link.textContent = other.label;
    link.title = other.lang === "en" ? "This page in English" : "本页的中文版";
    buttons.insertBefore(link, buttons.firstChild);
})();
