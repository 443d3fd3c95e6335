/** The renderer: a valid lecture and a template set in, the files of a deck out. */
export { mediaBaseFor, renderDeck } from './render-deck.js';
export { DEFAULT_THEME, themeNames } from './themes.js';
export { deckVersion } from './version.js';
