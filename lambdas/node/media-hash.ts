import { createHash } from 'node:crypto';

/** Whether `bytes` still hash to the content-addressed media file name (`<sha256 prefix>.<ext>`) they were given. */
export function bytesMatchName(name: string, bytes: Uint8Array): boolean {
  const dot = name.indexOf('.');
  if (dot <= 0) return false;
  return createHash('sha256').update(bytes).digest('hex').startsWith(name.slice(0, dot));
}
