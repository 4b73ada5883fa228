import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { PayloadTooLargeError, ValidationError } from '../../../core/errors/domain-errors';

/** A request body: its stream and the request's headers. */
export type BodyStream = Readable & { readonly headers: IncomingHttpHeaders };

function asError(thrown: unknown): Error {
  return thrown instanceof Error
    ? thrown
    : new Error('Reading the body failed.', { cause: thrown });
}

export function bodyTooLarge(limitBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `The request body is larger than the limit of ${limitBytes} bytes.`,
  );
}

/**
 * Reads a request body as UTF-8 text while it arrives and hands each piece to `read`, which
 * works synchronously, so one piece is done before the next is taken (a character split
 * between two network chunks is joined first). Rejects with a 413 once more than `limitBytes`
 * arrived, or with the error `read` threw; then the rest of the body is read and dropped
 * before rejecting, so that the client, still sending, gets the answer (as body-parser does).
 */
export function readBodyText(
  body: BodyStream,
  limitBytes: number,
  read: (text: string) => void,
): Promise<void> {
  if (body.readableEnded) {
    // A body parser ahead of the route took the body: a wiring mistake, not the client's.
    return Promise.reject(new Error('The request body was already read by another parser.'));
  }
  const declared = Number(body.headers['content-length']);
  // Node reads off a body nobody touched once the answer is sent.
  if (declared > limitBytes) return Promise.reject(bodyTooLarge(limitBytes));

  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let received = 0;
    let failure: Error | undefined;
    const onData = (chunk: Buffer): void => {
      if (failure !== undefined) return;
      received += chunk.length;
      try {
        if (received > limitBytes) throw bodyTooLarge(limitBytes);
        const text = decoder.write(chunk);
        if (text.length > 0) read(text);
      } catch (error) {
        failure = asError(error);
      }
    };
    const settle = (outcome: Error | undefined): void => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onBroken);
      body.off('close', onClose);
      if (outcome === undefined) resolve();
      else reject(outcome);
    };
    const onEnd = (): void => {
      if (failure === undefined) {
        try {
          const rest = decoder.end();
          if (rest.length > 0) read(rest);
        } catch (error) {
          failure = asError(error);
        }
      }
      settle(failure);
    };
    const onBroken = (): void =>
      settle(failure ?? new ValidationError('The request body was not received completely.'));
    // 'close' without 'end': the client went away mid-body.
    const onClose = (): void => {
      if (!body.readableEnded) onBroken();
    };
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onBroken);
    body.once('close', onClose);
  });
}
