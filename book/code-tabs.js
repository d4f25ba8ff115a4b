// Rust and Python side by side. Each <div class="code-tabs"> holds the same lines in both
// languages, one block each. This script shows one language at a time, with a tab for each,
// and remembers the reader's choice for every page (localStorage). Without it, both blocks
// show one after the other, each labelled by code-tabs.css.
(function () {
    var KEY = "zmq-workbook-code-language";
    var NAMES = { rust: "Rust", python: "Python" };
    var groups = [];

    function languageOf(pre) {
        var code = pre.querySelector("code");
        var found = code && /\blanguage-(\w+)/.exec(code.className);
        return found && NAMES[found[1]] ? found[1] : null;
    }
    function remembered() {
        try {
            return window.localStorage.getItem(KEY);
        } catch (e) {
            return null; // storage refused (a private window, a file:// page in some browsers)
        }
    }
    function remember(language) {
        try {
            window.localStorage.setItem(KEY, language);
        } catch (e) {
            // The choice then lasts for this page only.
        }
    }

    // Shows `language` in every group on the page (a group without it keeps its first).
    function show(language) {
        groups.forEach(function (blocks) {
            var shown = blocks.some(function (b) { return b.language === language; })
                ? language : blocks[0].language;
            blocks.forEach(function (b) {
                var on = b.language === shown;
                b.pre.hidden = !on;
                b.tab.setAttribute("aria-selected", on ? "true" : "false");
                b.tab.tabIndex = on ? 0 : -1;
            });
        });
        document.documentElement.setAttribute("data-code-language", language);
    }

    // Switching changes the height of every group above the reader: keep the tab they
    // pressed where it was on the screen.
    function choose(language, tab) {
        var before = tab.getBoundingClientRect().top;
        remember(language);
        show(language);
        window.scrollBy(0, tab.getBoundingClientRect().top - before);
    }

    document.querySelectorAll("div.code-tabs").forEach(function (group, n) {
        var blocks = [];
        Array.prototype.forEach.call(group.children, function (child) {
            var language = child.tagName === "PRE" ? languageOf(child) : null;
            if (language) {
                blocks.push({ language: language, pre: child });
            }
        });
        if (blocks.length < 2) {
            return;
        }
        var bar = document.createElement("div");
        bar.className = "code-tabs-bar";
        bar.setAttribute("role", "tablist");
        bar.setAttribute("aria-label", "Language of the code");
        blocks.forEach(function (b, i) {
            var tab = document.createElement("button");
            tab.type = "button";
            tab.className = "code-tab";
            tab.textContent = NAMES[b.language];
            tab.setAttribute("role", "tab");
            b.pre.id = b.pre.id || "code-tabs-" + n + "-" + b.language;
            b.pre.setAttribute("role", "tabpanel");
            tab.setAttribute("aria-controls", b.pre.id);
            tab.addEventListener("click", function () { choose(b.language, tab); });
            tab.addEventListener("keydown", function (event) {
                var step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
                if (step) {
                    var next = blocks[(i + step + blocks.length) % blocks.length];
                    choose(next.language, next.tab);
                    next.tab.focus();
                    event.preventDefault();
                }
            });
            bar.appendChild(tab);
            b.tab = tab;
        });
        group.insertBefore(bar, group.firstChild);
        group.classList.add("code-tabs-on");
        groups.push(blocks);
    });

    if (groups.length > 0) {
        show(remembered() || "rust");
    }
    // A choice made on another page open at the same time.
    window.addEventListener("storage", function (event) {
        if (event.key === KEY && event.newValue && NAMES[event.newValue]) {
            show(event.newValue);
        }
    });
})();
