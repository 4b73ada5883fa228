import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { ServiceUnavailableError } from '../../../core/errors/domain-errors';
import { CUMULOCITY_SETTINGS, type CumulocitySettings } from './cumulocity-settings';
import { RequestSemaphore } from './request-semaphore';

const MAX_RETRY_DELAY_MS = 30_000;
const MAX_DETAIL_LENGTH = 200;

type Attempt =
  | { kind: 'ok'; body: unknown }
  | { kind: 'not-found'; problem: string }
  | { kind: 'retry'; problem: string }
  | { kind: 'fail'; problem: string };

/**
 * GETs JSON from a Cumulocity tenant: authenticated, with a timeout per attempt, retries with
 * backoff on 5xx, 429, timeouts and network errors, and a bound on requests in flight. Every
 * failure is a ServiceUnavailableError that names the request and what went wrong.
 */
@Injectable()
export class CumulocityClient {
  private readonly semaphore: RequestSemaphore;
  private readonly authorization: string;
  private readonly origin: string;
  private readonly pathPrefix: string;

  constructor(@Inject(CUMULOCITY_SETTINGS) private readonly settings: CumulocitySettings) {
    this.semaphore = new RequestSemaphore(settings.concurrency);
    this.authorization =
      'token' in settings
        ? `Bearer ${settings.token}`
        : `Basic ${Buffer.from(`${settings.tenant}/${settings.user}:${settings.password}`).toString('base64')}`;
    const base = new URL(settings.baseUrl);
    this.origin = base.origin;
    this.pathPrefix = base.pathname.replace(/\/+$/, '');
  }

  get pageSize(): number {
    return this.settings.pageSize;
  }

  /**
   * The URL of a path on the tenant (`/inventory/...?a=b`) or of a `next` link. Links are moved
   * onto the configured base URL: a tenant behind a proxy or load balancer writes its own host
   * into them, and credentials must never go to a host other than the configured one.
   */
  urlOf(pathOrLink: string): URL {
    if (!/^https?:\/\//i.test(pathOrLink))
      return new URL(this.pathPrefix + pathOrLink, this.origin);
    const link = new URL(pathOrLink);
    const path =
      this.pathPrefix && !link.pathname.startsWith(`${this.pathPrefix}/`)
        ? this.pathPrefix + link.pathname
        : link.pathname;
    return new URL(path + link.search, this.origin);
  }

  /** The JSON body of a GET; a 404 is a failure like any other. */
  async getJson(pathOrLink: string, signal?: AbortSignal): Promise<unknown> {
    const url = this.urlOf(pathOrLink);
    const result = await this.request(url, signal);
    if (result.kind === 'not-found') throw this.failure(url, result.problem);
    return result.body;
  }

  /** The JSON body of a GET, or undefined when the tenant answers 404. */
  async findJson(pathOrLink: string, signal?: AbortSignal): Promise<unknown> {
    const result = await this.request(this.urlOf(pathOrLink), signal);
    return result.kind === 'not-found' ? undefined : result.body;
  }

  private async request(
    url: URL,
    signal: AbortSignal | undefined,
  ): Promise<{ kind: 'ok'; body: unknown } | { kind: 'not-found'; problem: string }> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.semaphore.run(() => this.attempt(url, signal));
      if (result.kind === 'ok' || result.kind === 'not-found') return result;
      if (result.kind === 'fail') throw this.failure(url, result.problem);
      if (attempt >= this.settings.maxAttempts) {
        throw this.failure(url, `${result.problem} (${attempt} attempts)`);
      }
      // Waiting holds no slot, so other requests go on meanwhile.
      await sleep(this.retryDelayMs(attempt), undefined, { signal });
    }
  }

  private async attempt(url: URL, signal: AbortSignal | undefined): Promise<Attempt> {
    // A request that waited for its slot while the caller gave up is not sent at all.
    signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    try {
      const response = await fetch(url, {
        headers: { Authorization: this.authorization, Accept: 'application/json' },
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
      if (!response.ok) {
        const problem = `status ${response.status}${errorDetail(await response.text())}`;
        if (response.status === 404) return { kind: 'not-found', problem };
        const retryable = response.status >= 500 || response.status === 429;
        return { kind: retryable ? 'retry' : 'fail', problem };
      }
      const text = await response.text();
      try {
        return { kind: 'ok', body: JSON.parse(text) as unknown };
      } catch {
        return { kind: 'fail', problem: `status ${response.status} with a body that is not JSON` };
      }
    } catch (error) {
      // The caller gave up (a reader stopped early): that is no failure of the tenant.
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        return { kind: 'retry', problem: `no answer within ${this.settings.timeoutMs} ms` };
      }
      return { kind: 'retry', problem: `network error: ${networkErrorText(error)}` };
    }
  }

  // Exponential with "equal jitter": half the delay is fixed, half random, so replicas that
  // failed together do not retry in lockstep.
  private retryDelayMs(attempt: number): number {
    const delay = Math.min(MAX_RETRY_DELAY_MS, this.settings.retryBaseDelayMs * 2 ** (attempt - 1));
    return delay / 2 + Math.random() * (delay / 2);
  }

  private failure(url: URL, problem: string): ServiceUnavailableError {
    return new ServiceUnavailableError(
      `Cumulocity request GET ${url.pathname} failed: ${problem}.`,
    );
  }
}

/** Cumulocity's `{"error","message"}` text of an error answer, as a suffix. */
function errorDetail(text: string): string {
  let message: unknown;
  try {
    message = (JSON.parse(text) as { message?: unknown } | null)?.message;
  } catch {
    return '';
  }
  if (typeof message !== 'string' || message === '') return '';
  const short =
    message.length > MAX_DETAIL_LENGTH ? `${message.slice(0, MAX_DETAIL_LENGTH)}…` : message;
  return ` (${short})`;
}

// undici reports every network failure as TypeError('fetch failed') with the reason in `cause`.
function networkErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error.message;
}
