// On request only (a `?layout-check` address, as scripts/check-book-in-browser asks), the page
// reports what a reader could not see well: a page or a table that scrolls sideways, a code
// block that scrolls sideways on a desktop, an identifier that a code block breaks across two
// lines, an image that did not load, figure text too small or too faint to read, a verdict
// badge too faint to read. `&theme=navy` shows the page in that theme first. The report is an
// element #layout-check at the end of the page. Every fold (<details>) is opened first.
(function () {
    var params = new URLSearchParams(window.location.search);
    if (!params.has("layout-check")) {
        return;
    }
    var html = document.documentElement;
    var theme = params.get("theme");
    if (theme) {
        html.className = html.className.replace(/\b(light|rust|coal|navy|ayu)\b/, theme);
    }

    function channel(value) {
        var c = value / 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
    function luminance(colour) {
        var rgb = colour.match(/[\d.]+/g).map(Number);
        return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
    }
    function contrast(a, b) {
        var la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }
    // The colour behind an element: the first ancestor that paints a background.
    function backgroundOf(element) {
        for (var e = element; e; e = e.parentElement) {
            var colour = getComputedStyle(e).backgroundColor;
            if (!/rgba\(.*, 0\)$/.test(colour) && colour !== "transparent") {
                return colour;
            }
        }
        return "rgb(255, 255, 255)";
    }
    function firstLine(element) {
        return element.textContent.trim().split("\n")[0].slice(0, 60);
    }

    // The chapter an element is in: the last h1 before it (the print page holds every
    // chapter, each under its own h1).
    var chapters = Array.prototype.slice.call(document.querySelectorAll("main h1"));
    function chapterOf(element) {
        var found = "";
        chapters.forEach(function (h1) {
            if (h1.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) {
                found = h1.textContent.trim().slice(0, 40);
            }
        });
        return found ? " [" + found + "]" : "";
    }

    // What a code block must not break across lines: a word (an identifier, a keyword, a
    // number) or an operator of two or more characters.
    var TOKEN = /[A-Za-z0-9_]+|::|->|=>|\.\.=?|[=!<>]=|&&|\|\||[-+*\/%^|&]=|<<|>>|\/\/|\*\*/g;

    // The tokens of a code block that its lines break, as "se|lf": each token's text, piece by
    // piece over the text nodes it spans (highlighting splits a line into spans), and the
    // line boxes its pieces are drawn on (Range.getClientRects, one rectangle per line box).
    function brokenTokens(block) {
        var pieces = [], text = "";
        var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
            pieces.push({ node: node, start: text.length });
            text += node.data;
        }
        var broken = [], range = document.createRange(), match;
        TOKEN.lastIndex = 0;
        while ((match = TOKEN.exec(text)) !== null) {
            var from = match.index, to = from + match[0].length;
            if (to - from < 2) {
                continue;
            }
            // Each character's line: the top of the rectangle it is drawn in.
            var lines = [];
            for (var i = 0; i < pieces.length; i++) {
                var piece = pieces[i], end = piece.start + piece.node.data.length;
                if (end <= from || piece.start >= to) {
                    continue;
                }
                range.setStart(piece.node, Math.max(from, piece.start) - piece.start);
                range.setEnd(piece.node, Math.min(to, end) - piece.start);
                var rects = range.getClientRects();
                for (var r = 0; r < rects.length; r++) {
                    if (rects[r].width > 0 && rects[r].height > 0) {
                        lines.push({ top: rects[r].top, height: rects[r].height, right: rects[r].right });
                    }
                }
            }
            for (var k = 1; k < lines.length; k++) {
                if (Math.abs(lines[k].top - lines[0].top) > lines[0].height / 2) {
                    // Where the break falls: the characters on the first line box.
                    var split = from + 1;
                    for (var c = from + 1; c < to; c++) {
                        var p = pieces.filter(function (q) {
                            return q.start <= c && c < q.start + q.node.data.length;
                        })[0];
                        range.setStart(p.node, c - p.start);
                        range.setEnd(p.node, c - p.start + 1);
                        var box = range.getBoundingClientRect();
                        if (box.height > 0 && Math.abs(box.top - lines[0].top) > lines[0].height / 2) {
                            split = c;
                            break;
                        }
                    }
                    broken.push(text.slice(from, split) + "|" + text.slice(split, to));
                    break;
                }
            }
        }
        return broken;
    }

    window.addEventListener("load", function () {
        var problems = [];
        // The page's height as a reader first sees it, folds closed; then every fold opened,
        // so that what a reader may open is measured too.
        var height = html.scrollHeight;
        document.querySelectorAll("main details").forEach(function (fold) {
            fold.open = true;
        });
        var phone = window.innerWidth < 500, scrollingCode = 0;
        if (html.scrollWidth > html.clientWidth + 1) {
            problems.push("the page scrolls sideways (" + html.scrollWidth + " > " +
                html.clientWidth + " px)");
        }
        // Anything else that scrolls sideways: the box around the text (mdBook's .content,
        // which scrolls where the page would), a table in its wrapper. On a phone a code
        // block may scroll inside itself where one token is wider than the screen; everywhere
        // else it wraps, and on a desktop it fits.
        document.querySelectorAll("body *:not(span):not(a):not(em):not(strong)").forEach(function (element) {
            var code = element.matches("pre, pre > code");
            if (code && phone) {
                if (element.tagName === "CODE" && element.scrollWidth > element.clientWidth + 1) {
                    scrollingCode++;
                }
                return;
            }
            var overflow = getComputedStyle(element).overflowX;
            if ((code || overflow === "auto" || overflow === "scroll") &&
                element.scrollWidth > element.clientWidth + 1) {
                var name = code ? "code" : element.tagName.toLowerCase() +
                    (element.classList.length ? "." + element.classList[0] : "");
                problems.push(name + " scrolls sideways (" +
                    element.scrollWidth + " > " + element.clientWidth + " px): " +
                    firstLine(element) + chapterOf(element));
            }
        });
        document.querySelectorAll("main pre > code, main .chart-code > code").forEach(function (block) {
            brokenTokens(block).forEach(function (token) {
                problems.push("code breaks a token across lines: " + token + chapterOf(block));
            });
        });
        document.querySelectorAll("main img").forEach(function (img) {
            if (!img.complete || img.naturalWidth === 0) {
                problems.push("image did not load: " + img.getAttribute("src"));
            }
        });
        document.querySelectorAll("main svg[role=img]").forEach(function (svg) {
            var background = backgroundOf(svg);
            var name = svg.getAttribute("aria-label").slice(0, 40);
            var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            // Text that runs out of its figure is cut off; two labels drawn over each other
            // cannot be read. Measured in the figure's own units, a pixel's slack allowed.
            var box = svg.viewBox.baseVal;
            var drawn = Array.prototype.map.call(svg.querySelectorAll("text"), function (text) {
                return { text: text, box: text.getBBox() };
            });
            drawn.forEach(function (a, i) {
                var words = a.text.textContent.slice(0, 30);
                if (a.box.x < box.x - 1 || a.box.y < box.y - 1 ||
                    a.box.x + a.box.width > box.x + box.width + 1 ||
                    a.box.y + a.box.height > box.y + box.height + 1) {
                    problems.push("figure text outside its figure (\"" + words + "\"): " + name);
                }
                drawn.slice(i + 1).forEach(function (b) {
                    var across = Math.min(a.box.x + a.box.width, b.box.x + b.box.width) -
                        Math.max(a.box.x, b.box.x);
                    var down = Math.min(a.box.y + a.box.height, b.box.y + b.box.height) -
                        Math.max(a.box.y, b.box.y);
                    if (across > 1 && down > 1) {
                        problems.push("figure text over figure text (\"" + words + "\", \"" +
                            b.text.textContent.slice(0, 30) + "\"): " + name);
                    }
                });
            });
            svg.querySelectorAll("text").forEach(function (text) {
                var size = parseFloat(getComputedStyle(text).fontSize) * scale;
                if (size < 10) {
                    problems.push("figure text of " + size.toFixed(1) + " px: " + name);
                }
                var fill = getComputedStyle(text).fill;
                if (fill.indexOf("rgb") === 0 && contrast(fill, background) < 3) {
                    problems.push("figure text hard to see (" + fill + " on " + background + "): " + name);
                }
            });
        });
        // A verdict's badge is read by its word: the word must stand out from its colour.
        document.querySelectorAll("main .badge").forEach(function (badge) {
            var colour = getComputedStyle(badge).color, background = backgroundOf(badge);
            if (contrast(colour, background) < 4.5) {
                problems.push("badge hard to read (" + colour + " on " + background + "): " +
                    badge.textContent.trim() + chapterOf(badge));
            }
        });
        var report = document.createElement("pre");
        report.id = "layout-check";
        report.setAttribute("data-height", String(height));
        report.setAttribute("data-viewport", String(window.innerWidth));
        report.setAttribute("data-problems", String(problems.length));
        report.setAttribute("data-scrolling-code", String(scrollingCode));
        report.textContent = problems.join("\n");
        document.body.appendChild(report);
        // Shown in a frame of a phone's width (a headless browser's window cannot be made that
        // narrow), the report goes to the page around it too.
        if (window.parent !== window) {
            window.parent.postMessage(report.outerHTML, "*");
        }
    });
})();
