// On request only (a `?layout-check` address, as scripts/check-book-in-browser asks), the page
// reports what a reader could not see well: a code block that scrolls sideways, an image that
// did not load, figure text too small or too faint to read. `&theme=navy` shows the page in
// that theme first. The report is an element #layout-check at the end of the page.
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

    window.addEventListener("load", function () {
        var problems = [];
        // mdBook lets the code element inside a pre scroll; check both.
        document.querySelectorAll("main pre, main pre > code").forEach(function (block) {
            if (block.scrollWidth > block.clientWidth + 1) {
                problems.push("code scrolls sideways (" + block.scrollWidth + " > " +
                    block.clientWidth + " px): " + block.textContent.trim().split("\n")[0].slice(0, 60));
            }
        });
        document.querySelectorAll("main img").forEach(function (img) {
            if (!img.complete || img.naturalWidth === 0) {
                problems.push("image did not load: " + img.getAttribute("src"));
            }
        });
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
        var report = document.createElement("pre");
        report.id = "layout-check";
        report.setAttribute("data-height", String(html.scrollHeight));
        report.setAttribute("data-viewport", String(window.innerWidth));
        report.setAttribute("data-problems", String(problems.length));
        report.textContent = problems.join("\n");
        document.body.appendChild(report);
        // Shown in a frame of a phone's width (a headless browser's window cannot be made that
        // narrow), the report goes to the page around it too.
        if (window.parent !== window) {
            window.parent.postMessage(report.outerHTML, "*");
        }
    });
})();
