import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** The lines read from one chunk of a file, and how far into the file reading has come. */
export interface LineChunk {
  lines: string[];
  bytesRead: number;
}

const CHUNK_BYTES = 1024 * 1024;
// A line longer than this is a file of another kind (or one without line breaks), not a record.
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/**
 * The lines of a UTF-8 file, a chunk at a time, read as they are consumed, so the file is
 * never held in memory whole. Lines end at LF or CRLF; a byte order mark is dropped; a last
 * line without a line break counts.
 */
export async function* fileLines(
  path: string,
  chunkBytes: number = CHUNK_BYTES,
): AsyncGenerator<LineChunk> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let bytesRead = 0;
  let linesRead = 0;
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
    const bytes = chunk as Buffer;
    bytesRead += bytes.length;
    let text = rest + decoder.write(bytes);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    if (rest.length > MAX_LINE_CHARS) {
      throw new Error(
        `line ${linesRead + lines.length + 1} is longer than ${MAX_LINE_CHARS} characters`,
      );
    }
    linesRead += lines.length;
    yield { lines: lines.map(withoutCarriageReturn), bytesRead };
  }
  rest += decoder.end();
  yield { lines: rest === '' ? [] : [withoutCarriageReturn(rest)], bytesRead };
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
