/* Lesson media that costs bytes only when the learner asks for it (courses.video_embeds,
   data saver): a YouTube or Vimeo player is framed when its play button is pressed, an image
   held back by the data saver is loaded when tapped, and an uploaded video's quality buttons
   change the file its player fetches. No framework: a phone on 2G parses this in no time. */
(function () {
  "use strict";

  function framePlayer(button) {
    var frame = document.createElement("iframe");
    frame.src = button.getAttribute("data-player-src");
    frame.title = button.getAttribute("data-player-title");
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    // YouTube refuses to play without knowing the embedding site; the page itself sends
    // same-origin referrers only.
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    button.replaceWith(frame);
    frame.focus();
  }

  function showImage(button) {
    var image = document.createElement("img");
    ["src", "srcset", "sizes", "width", "height", "alt"].forEach(function (name) {
      var value = button.getAttribute("data-" + name);
      if (value !== null) { image.setAttribute(name, value); }
    });
    button.replaceWith(image);
  }

  function chooseSource(button) {
    var player = document.getElementById(button.getAttribute("aria-controls"));
    if (!player) { return; }
    var playing = !player.paused;
    var at = player.currentTime;
    player.src = button.getAttribute("data-video-source");
    if (at) { player.currentTime = at; }
    if (playing) { player.play(); }
    button.closest("[role=group]").querySelectorAll("[data-video-source]").forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
  }

  // A course kept offline keeps one copy of each video (240p or audio only): the player
  // starts on that copy, online or not, rather than fetch another.
  function preferKeptCopy(group) {
    var buttons = [].slice.call(group.querySelectorAll("[data-video-source]"));
    var pressed = group.querySelector('[aria-pressed="true"]');
    function kept(button) { return caches.match(button.getAttribute("data-video-source"), { ignoreVary: true }); }
    if (!pressed) { return; }
    kept(pressed).then(function (found) {
      if (found) { return; }
      return buttons.reduce(function (chain, button) {
        return chain.then(function (done) {
          return done || kept(button).then(function (copy) {
            if (copy) { chooseSource(button); }
            return !!copy;
          });
        });
      }, Promise.resolve(false));
    }).catch(function () {});
  }

  if (window.caches) {
    document.querySelectorAll(".video-choice").forEach(preferKeptCopy);
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-lazy-player], [data-tap-image], [data-video-source]");
    if (!target) { return; }
    if (target.hasAttribute("data-lazy-player")) { framePlayer(target); }
    else if (target.hasAttribute("data-tap-image")) { showImage(target); }
    else { chooseSource(target); }
  });
})();
