import busboy from 'busboy';
import type { Request } from 'express';
import getRawBody from 'raw-body';
import { PayloadTooLargeError, ValidationError } from '../errors/domain-errors';

/** A document sent as a multipart file field or as the raw request body. */
export interface UploadedDocument {
  readonly bytes: Buffer;
  /** The file name a multipart upload gave, if any. */
  readonly fileName: string | undefined;
}

const RAW_TYPES = ['application/xml', 'text/xml', 'application/octet-stream'];

function tooLarge(limitBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `The uploaded document is larger than the limit of ${limitBytes} bytes.`,
  );
}

function mediaType(request: Request): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Reads an uploaded document: the multipart/form-data field `field`, or the whole body when it
 * is sent as application/xml, text/xml or application/octet-stream. Stops reading, with a 413,
 * as soon as more than `limitBytes` arrived.
 */
export async function readUploadedDocument(
  request: Request,
  field: string,
  limitBytes: number,
): Promise<UploadedDocument> {
  const type = mediaType(request);
  if (type === 'multipart/form-data') return readMultipartFile(request, field, limitBytes);
  if (!RAW_TYPES.includes(type)) {
    throw new ValidationError(
      `Send the document as multipart/form-data (field "${field}") or as ${RAW_TYPES.join(', ')}; the Content-Type was ${type || 'missing'}.`,
    );
  }
  try {
    return { bytes: await getRawBody(request, { limit: limitBytes }), fileName: undefined };
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') throw tooLarge(limitBytes);
    throw new ValidationError('The request body was not received completely.');
  }
}

function readMultipartFile(
  request: Request,
  field: string,
  limitBytes: number,
): Promise<UploadedDocument> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { fileSize: limitBytes, files: 1 } });
    } catch (error) {
      reject(
        new ValidationError(`The multipart body cannot be read: ${(error as Error).message}.`),
      );
      return;
    }
    let found: UploadedDocument | undefined;
    let failure: Error | undefined;
    parser.on('file', (name, stream, info) => {
      if (name !== field) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure = tooLarge(limitBytes);
      });
      stream.on('close', () => {
        if (!failure) found = { bytes: Buffer.concat(chunks), fileName: info.filename };
      });
    });
    parser.on('error', (error: Error) =>
      reject(new ValidationError(`The multipart body cannot be read: ${error.message}.`)),
    );
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (found) resolve(found);
      else reject(new ValidationError(`The multipart body has no file field "${field}".`));
    });
    request.pipe(parser);
  });
}
