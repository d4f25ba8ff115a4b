// The book's search: mdBook's own search bar (the magnifier in the menu bar, the `s` and `/`
// keys, `?search=` in the address) over Pagefind's index of this edition, which
// `workbook book` writes to pagefind/ beside the pages (book/search/). mdBook's index cannot
// find a Chinese word; Pagefind's can. mdBook's search scripts are off (`copy-js = false`), and
// its stylesheet still dresses the bar and the results in every theme.
(function () {
    "use strict";
    var wrapper = document.getElementById("mdbook-search-wrapper"),
        bar = document.getElementById("mdbook-searchbar"),
        barOuter = document.getElementById("mdbook-searchbar-outer"),
        outer = document.getElementById("mdbook-searchresults-outer"),
        header = document.getElementById("mdbook-searchresults-header"),
        list = document.getElementById("mdbook-searchresults"),
        toggle = document.getElementById("mdbook-search-toggle");
    if (!wrapper || !bar || !toggle) {
        return;
    }
    var LIMIT = 30,
        SEARCH_PARAM = "search";
    // This edition's root (a zh-CN page's is zh-CN/), where its index is.
    var root = new URL(path_to_root || "./", window.location.href);
    var loading = null,
        current = null;

    window.search = window.search || {};
    window.search.hasFocus = function () {
        return document.activeElement === bar;
    };

    function pagefind() {
        if (!loading) {
            loading = import(new URL("pagefind/pagefind.js", root).href).then(function (p) {
                // A page opened from a file cannot start a worker from another file: Pagefind
                // would wait 5 s for it before searching on the page itself.
                var options = { baseUrl: root.pathname, noWorker: window.location.protocol === "file:" };
                return p.options(options).then(function () {
                    return p;
                });
            });
        }
        return loading;
    }

    function say(text) {
        header.textContent = text;
        outer.classList.remove("hidden");
    }

    function metric(count, term) {
        if (count === 0) {
            return "No search results for '" + term + "'.";
        }
        return count + " search result" + (count === 1 ? "" : "s") + " for '" + term + "':";
    }

    // Pagefind marks a match with <mark>; mdBook's stylesheet marks a teaser's match with <em>.
    // An English page's Chinese was indexed word by word, a space between each two words
    // (book/search/src/segment.rs): the teaser shows it as written, without them.
    var CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\uff00-\\uffef";
    var SPACED = new RegExp("([" + CJK + "](?:</?em>)?) ((?:</?em>)?[" + CJK + "])", "gu");
    function teaser(excerpt) {
        var html = excerpt.replace(/<mark>/g, "<em>").replace(/<\/mark>/g, "</em>");
        var before;
        do {
            before = html;
            html = html.replace(SPACED, "$1$2");
        } while (html !== before);
        return html;
    }

    function entry(data) {
        // The section of the page that matched best, if Pagefind found one under a heading.
        var best = (data.sub_results || [])[0];
        var title = data.meta && data.meta.title ? data.meta.title : data.url;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = best ? best.url : data.url;
        link.textContent = best && best.title && best.title !== title ? title + " » " + best.title : title;
        var text = document.createElement("span");
        text.className = "teaser";
        text.innerHTML = teaser(best ? best.excerpt : data.excerpt);
        item.appendChild(link);
        item.appendChild(text);
        return item;
    }

    function run(term) {
        if (term === current) {
            return;
        }
        current = term;
        if (term === "") {
            outer.classList.add("hidden");
            list.replaceChildren();
            return;
        }
        barOuter.classList.add("searching");
        var searched = pagefind()
            .then(function (p) {
                return p.search(term);
            })
            .then(function (found) {
                var results = found.results.slice(0, LIMIT);
                return Promise.all(results.map(function (r) {
                    return r.data();
                }));
            })
            .then(function (pages) {
                if (term !== current) {
                    return; // a newer search is under way
                }
                list.replaceChildren.apply(list, pages.map(entry));
                say(metric(pages.length, term));
            })
            .catch(function (error) {
                console.error("search:", error);
                say(window.location.protocol === "file:"
                    ? "Search reads its index over HTTP, and a browser keeps a page opened from a file from reading it. Serve the book: python3 -m http.server -d target/book"
                    : "Search could not load its index (pagefind/): build the book with `cargo run -- book`.");
            })
            .finally(function () {
                barOuter.classList.remove("searching");
            });
        // What the browser check waits for (scripts/search-in-browser): the results shown.
        window.search.ran = searched.then(function () {
            return {
                term: term,
                said: header.textContent,
                pages: Array.prototype.map.call(list.querySelectorAll("li > a"), function (a) {
                    return a.href;
                }),
            };
        });
    }

    function remember(term) {
        var url = new URL(window.location.href);
        if (term === "") {
            url.searchParams.delete(SEARCH_PARAM);
        } else {
            url.searchParams.set(SEARCH_PARAM, term);
            url.hash = "";
        }
        history.replaceState({}, document.title, url.href);
    }

    function show(yes) {
        wrapper.classList.toggle("hidden", !yes);
        toggle.setAttribute("aria-expanded", yes ? "true" : "false");
        if (yes) {
            window.scrollTo(0, 0);
            bar.select();
            pagefind().catch(function () {}); // fetch the index while the reader types
        }
    }

    function typed() {
        var term = bar.value.trim();
        bar.classList.toggle("active", term !== "");
        remember(term);
        run(term);
    }

    toggle.addEventListener("click", function () {
        show(wrapper.classList.contains("hidden"));
    });
    bar.addEventListener("input", typed);
    document.addEventListener("submit", function (e) {
        if (e.target === barOuter) {
            e.preventDefault();
        }
    });
    document.addEventListener("keydown", function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) {
            return;
        }
        var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || e.target.isContentEditable;
        if (e.key === "Escape" && !wrapper.classList.contains("hidden")) {
            e.preventDefault();
            bar.value = "";
            typed();
            bar.blur();
            show(false);
        } else if (!typing && (e.key === "s" || e.key === "/")) {
            e.preventDefault();
            show(true);
        } else if (e.target === bar && (e.key === "Enter" || e.key === "ArrowDown")) {
            var first = list.querySelector("a");
            if (first) {
                e.preventDefault();
                if (e.key === "Enter") {
                    window.location.assign(first.href);
                } else {
                    first.focus();
                }
            }
        }
    });

    var asked = new URLSearchParams(window.location.search).get(SEARCH_PARAM);
    if (asked) {
        show(true);
        bar.value = asked;
        bar.classList.add("active");
        run(asked.trim());
    }
})();
