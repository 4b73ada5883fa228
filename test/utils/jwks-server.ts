import { generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type JwksAlgorithm = 'RS256' | 'ES256';

export interface PublishedJwk extends JsonWebKey {
  kid: string;
  use: 'sig';
  alg: JwksAlgorithm;
}

/** A key pair as an identity provider holds it: the private half signs, the public half is published. */
export interface SigningKey {
  kid: string;
  alg: JwksAlgorithm;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: PublishedJwk;
}

/** A fresh RSA-2048 (RS256) or P-256 (ES256) key pair with its public JWK. */
export function generateSigningKey(kid: string, alg: JwksAlgorithm): SigningKey {
  const { privateKey, publicKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    kid,
    alg,
    privateKey,
    publicKey,
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg },
  };
}

export interface JwksServer {
  /** The URL of the key set, for JWT_JWKS_URI. */
  readonly uri: string;
  /** How many requests for the key set the server has answered. */
  readonly requestCount: number;
  /** Replaces the served key set, as an identity provider does when it rotates keys. */
  serve(keys: SigningKey[]): void;
  close(): Promise<void>;
}

const JWKS_PATH = '/jwks';

/** A real HTTP server on 127.0.0.1 (a free port) that serves `{"keys": [...]}` at /jwks. */
export async function startJwksServer(initialKeys: SigningKey[]): Promise<JwksServer> {
  let keys = initialKeys;
  let requestCount = 0;

  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== JWKS_PATH) {
      response.writeHead(404).end();
      return;
    }
    requestCount += 1;
    response
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ keys: keys.map((key) => key.jwk) }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    uri: `http://127.0.0.1:${port}${JWKS_PATH}`,
    get requestCount() {
      return requestCount;
    },
    serve(next) {
      keys = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // The client may hold keep-alive sockets open; they would delay close() indefinitely.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
