import { PassThrough } from 'node:stream';
import { PayloadTooLargeError, ValidationError } from '../../../core/errors/domain-errors';
import { type BodyStream, readBodyText } from './body-text';

function requestBody(headers: Record<string, string> = {}): PassThrough & BodyStream {
  return Object.assign(new PassThrough(), { headers });
}

describe('readBodyText', () => {
  it('hands the body over piece by piece as text, joining characters split between chunks', async () => {
    const body = requestBody();
    const pieces: string[] = [];
    const done = readBodyText(body, 100, (text) => pieces.push(text));
    const bytes = Buffer.from('aZü€', 'utf8');
    body.write(bytes.subarray(0, 3));
    body.write(bytes.subarray(3, 5));
    body.end(bytes.subarray(5));
    await done;
    expect(pieces.join('')).toBe('aZü€');
    expect(pieces).toEqual(['aZ', 'ü', '€']);
  });

  it('fails with a 413 once more than the limit arrived, after reading off the rest', async () => {
    const body = requestBody();
    const pieces: string[] = [];
    const done = readBodyText(body, 4, (text) => pieces.push(text));
    body.write('abc');
    body.write('def');
    body.end('ghi');
    await expect(done).rejects.toThrow(
      new PayloadTooLargeError('The request body is larger than the limit of 4 bytes.'),
    );
    expect(pieces).toEqual(['abc']);
    expect(body.readableEnded).toBe(true);
  });

  it('fails with a 413 at once when the declared length is over the limit', async () => {
    const body = requestBody({ 'content-length': '5' });
    const read = jest.fn();
    await expect(readBodyText(body, 4, read)).rejects.toThrow(PayloadTooLargeError);
    expect(read).not.toHaveBeenCalled();
  });

  it("fails with the reader's error once the rest of the body is read off", async () => {
    const body = requestBody();
    const read = jest.fn(() => {
      throw new ValidationError('Failed to parse input at record 1.');
    });
    const done = readBodyText(body, 100, read);
    body.write('x');
    body.end('y');
    await expect(done).rejects.toThrow('Failed to parse input at record 1.');
    expect(read).toHaveBeenCalledTimes(1);
    expect(body.readableEnded).toBe(true);
  });

  it('fails with a 400 when the client goes away before the end of the body', async () => {
    const body = requestBody();
    const done = readBodyText(body, 100, () => undefined);
    body.write('x');
    body.destroy();
    await expect(done).rejects.toThrow(
      new ValidationError('The request body was not received completely.'),
    );
  });

  it('refuses a body that something else read already', async () => {
    const body = requestBody();
    body.end('[]');
    body.resume();
    await new Promise((resolve) => body.once('end', resolve));
    await expect(readBodyText(body, 100, () => undefined)).rejects.toThrow(
      'The request body was already read by another parser.',
    );
  });
});
