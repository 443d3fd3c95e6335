// Shared by the browser tests that check slides fit their frame (looks.test.ts, direction.test.ts).

/**
 * Every slide that does not fit its frame, in slide coordinates (reveal.js lays slides out at its
 * configured size and scales them): boxes of the slide's elements beyond the frame, and boxes that
 * scroll or clip their own content.
 */
export const FIND_OVERFLOW = `(() => {
  const { width, height } = Reveal.getConfig();
  const problems = [];
  Reveal.getSlides().forEach((slide, index) => {
    Reveal.slide(index, 0, 1e6);
    const scale = Reveal.getScale();
    const frame = document.querySelector('.reveal .slides').getBoundingClientRect();
    const name = (slide.querySelector('h1, h2') || slide).textContent.trim().slice(0, 40);
    for (const element of [slide, ...slide.querySelectorAll('*')]) {
      if (element.closest('aside.notes')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const left = (box.left - frame.left) / scale, top = (box.top - frame.top) / scale;
      const right = (box.right - frame.left) / scale, bottom = (box.bottom - frame.top) / scale;
      if (left < -1 || top < -1 || right > width + 1 || bottom > height + 1) {
        problems.push('slide ' + (index + 1) + ' "' + name + '": <' + element.tagName.toLowerCase() + ' class="' + element.className + '"> at [' + [left, top, right, bottom].map(Math.round) + '] outside ' + width + 'x' + height);
        break;
      }
      const style = getComputedStyle(element);
      if (element !== slide && /auto|scroll|hidden/.test(style.overflowX + style.overflowY) &&
          (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1)) {
        problems.push('slide ' + (index + 1) + ' "' + name + '": <' + element.tagName.toLowerCase() + ' class="' + element.className + '"> scrolls its content');
        break;
      }
    }
  });
  return problems;
})()`;
