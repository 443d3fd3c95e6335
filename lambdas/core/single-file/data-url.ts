/** Data URLs for the single-file deck: bytes in, a `data:` URL out. Pure (no Buffer: the core runs anywhere). */

const TYPE_OF_EXTENSION: Readonly<Record<string, string>> = {
  css: 'text/css',
  js: 'text/javascript',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** The MIME type of a file by its extension, or undefined for a kind a deck never embeds. */
export function typeOfFile(path: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : TYPE_OF_EXTENSION[ext];
}

/** Base64 of the bytes, in chunks (a string of a megabyte's char codes at once overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** `data:<type>;base64,…`: only base64 characters after the comma, so it is safe in any attribute or CSS url(). */
export function dataUrl(type: string, bytes: Uint8Array): string {
  return `data:${type};base64,${toBase64(bytes)}`;
}
