import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Send `head` (and `body`, if any) over a fresh TCP connection exactly as given, and read the
 * answer until the server closes the connection or a complete response has arrived. Lets a test
 * send what no HTTP client would: a length it never sends, oversized headers, broken request lines.
 */
export function rawExchange(url: string, head: string, body?: Buffer | string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const finish = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split === -1) return false;
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      let rest = text.slice(split + 4);
      const length = Number(headers['content-length'] ?? Number.NaN);
      if (Number.isFinite(length) && Buffer.byteLength(rest) < length) return false;
      if (headers['transfer-encoding'] === 'chunked') {
        const body = dechunk(rest);
        if (body === undefined) return false;
        rest = body;
      }
      socket.destroy();
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest });
      return true;
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      finish();
    });
    socket.on('end', () => {
      if (!finish()) reject(new Error(`connection closed without a full answer: ${Buffer.concat(chunks)}`));
    });
    socket.on('error', reject);
    socket.setTimeout(20_000, () => socket.destroy(new Error('no answer within 20 s')));
    socket.write(head);
    if (body !== undefined) socket.write(body);
  });
}

/** The body of a chunked answer, or undefined while its last chunk has not arrived. */
function dechunk(text: string): string | undefined {
  let body = '';
  let at = 0;
  for (;;) {
    const end = text.indexOf('\r\n', at);
    if (end === -1) return undefined;
    const size = Number.parseInt(text.slice(at, end), 16);
    if (size === 0) return body;
    const bytes = Buffer.from(text.slice(end + 2), 'utf8');
    if (bytes.byteLength < size + 2) return undefined;
    const chunk = bytes.subarray(0, size).toString('utf8');
    body += chunk;
    at = end + 2 + chunk.length + 2;
  }
}
