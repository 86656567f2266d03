/**
 * Loads a partner's approved customization for `<cobrand-console partner api>`:
 * the document a pre-rendered bar embeds, or else the last good copy from storage (or that the
 * partner has nothing approved), at once (the first render shows it), then the service's
 * answer, revalidated by the browser's HTTP cache with its ETag; with neither, an empty bar
 * until that answer; on a
 * timeout or failure the last good copy stays, or the default bar shows, and an answer
 * after the timeout is still shown and stored. It never throws: every failure becomes a
 * `cobrand-error` event.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Customization } from '../../schema/types.generated.ts';

export interface LoadDetail {
  partner: string;
  /** `network`: a new version; `cache`: the stored copy is current (the answer is the same document); `none`: the partner has no approved customization. */
  source: 'network' | 'cache' | 'none';
  config: Customization | null;
}

export interface ErrorDetail {
  partner: string;
  reason: 'timeout' | 'network' | 'http' | 'invalid';
  /** The HTTP status, for `http`. */
  status?: number;
  message: string;
  /** What shows instead: the stored copy, or the cloud's default bar. */
  fallback: 'cache' | 'default';
}

declare global {
  interface HTMLElementEventMap {
    'cobrand-load': CustomEvent<LoadDetail>;
    'cobrand-error': CustomEvent<ErrorDetail>;
  }
}

export interface LoaderOptions {
  partner: string;
  api: string;
  timeout: number;
}

interface Stored {
  etag: string | null;
  /** `null`: the service said the partner has nothing approved (the default bar shows at once next time). */
  config: Customization | null;
}

/** Larger answers are refused rather than parsed. */
const MAX_RESPONSE_CHARS = 256 * 1024;
/** The wait for the service when `timeout` is not a positive number of milliseconds. */
const DEFAULT_TIMEOUT_MS = 3000;
/**
 * After the timeout has shown the stored copy or the default bar, the answer is still awaited
 * this long, then shown and stored: a service that is always slow still brands the bar, late
 * once and at once on every later landing.
 */
const LATE_ANSWER_MS = 30_000;

export class CustomizationLoader implements ReactiveController {
  /** What to render: the last good customization, or `null` for the default bar. */
  config: Customization | null = null;
  /**
   * Nothing to show yet: no stored or embedded copy, and the answer is out. The bar then shows
   * no one's brand, rather than the cloud's default bar for a moment before the partner's.
   */
  waiting = false;
  private request?: AbortController;
  private options?: LoaderOptions;
  /** A load the host's disconnection cut short: taken up again when it is connected (moved in the page). */
  private interrupted?: LoaderOptions;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { readonly hasUpdated: boolean }) {
    host.addController(this);
  }

  hostConnected(): void {
    const interrupted = this.interrupted;
    this.interrupted = undefined;
    if (interrupted) void this.load(interrupted);
  }

  hostDisconnected(): void {
    if (this.request) this.interrupted = this.options;
    this.cancel();
  }

  async load(options: LoaderOptions): Promise<void> {
    this.cancel();
    this.interrupted = undefined;
    const { partner, api } = options;
    this.waiting = false;
    if (!partner || !api) return;
    const timeout = Number.isFinite(options.timeout) && options.timeout > 0 ? options.timeout : DEFAULT_TIMEOUT_MS;
    const url = `${api.replace(/\/+$/, '')}/v1/partners/${encodeURIComponent(partner)}/customization`;
    const key = `cobrand:customization:${url}`;
    const stored = readEmbedded(this.host, partner) ?? readStored(key, partner);
    this.waiting = !stored && !this.hydrating();
    this.show(stored?.config ?? null);
    const request = new AbortController();
    this.request = request;
    this.options = options;
    const fail = (reason: ErrorDetail['reason'], message: string, status?: number) => {
      if (this.request !== request) return;
      this.stopWaiting();
      this.emit<ErrorDetail>('cobrand-error', { partner, reason, status, message, fallback: stored?.config ? 'cache' : 'default' });
    };
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      fail('timeout', `No answer from the customization service within ${timeout} ms.`);
    }, timeout);
    const giveUp = setTimeout(() => request.abort(), Math.max(timeout, LATE_ANSWER_MS));
    try {
      // The browser's HTTP cache asks with If-None-Match itself: a header of our own would cost a
      // CORS preflight on every landing from another origin. A host page's preload of this request
      // (crossorigin="anonymous": same-origin credentials) is taken up as it is.
      const response = await fetch(url, { signal: request.signal, cache: 'no-cache', credentials: 'same-origin' });
      // Read to the end whatever the status: an answer left unread is cancelled, an error in DevTools.
      const text = await response.text();
      if (this.request !== request) return;
      this.stopWaiting();
      if (stored?.config && response.ok && isSameDocument(response, text, stored)) {
        this.emit<LoadDetail>('cobrand-load', { partner, source: 'cache', config: stored.config });
      } else if (response.status === 404 && isNotFound(text)) {
        writeStored(key, { etag: null, config: null });
        this.show(null);
        this.emit<LoadDetail>('cobrand-load', { partner, source: 'none', config: null });
      } else if (!response.ok) {
        fail('http', `The customization service answered HTTP ${response.status}.`, response.status);
      } else {
        const config = parse(text, partner);
        if (!config) return fail('invalid', `The service sent no valid customization for partner "${partner}".`);
        writeStored(key, { etag: response.headers.get('ETag'), config });
        this.show(config);
        this.emit<LoadDetail>('cobrand-load', { partner, source: 'network', config });
      }
    } catch {
      // Superseded by a newer load, or the host left the page: nothing to say. After the timeout, it was said.
      if (!late) fail('network', 'The customization service could not be reached.');
    } finally {
      clearTimeout(timer);
      clearTimeout(giveUp);
      if (this.request === request) this.request = undefined;
    }
  }

  private cancel(): void {
    const request = this.request;
    this.request = undefined;
    request?.abort();
  }

  /** A pre-rendered bar without a document (the partner had none approved) is the default bar, painted already. */
  private hydrating(): boolean {
    return !this.host.hasUpdated && Boolean(this.host.shadowRoot?.hasChildNodes());
  }

  private stopWaiting(): void {
    if (!this.waiting) return;
    this.waiting = false;
    this.host.requestUpdate();
  }

  private show(config: Customization | null): void {
    if (config === this.config) return;
    this.config = config;
    this.host.requestUpdate();
  }

  private emit<T>(type: string, detail: T): void {
    this.host.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }
}

/**
 * Whether an answer is the stored document: by its ETag, or by its text, since one document has an
 * ETag per encoding (a pre-rendered bar embeds the plain one, the browser then gets brotli's).
 */
function isSameDocument(response: Response, text: string, stored: Stored): boolean {
  return (stored.etag !== null && response.headers.get('ETag') === stored.etag) || text === JSON.stringify(stored.config);
}

/** The service's own 404 (no approved customization), not a proxy's or a wrong address's. */
function isNotFound(text: string): boolean {
  try {
    return (JSON.parse(text) as { code?: unknown } | null)?.code === 'not_found';
  } catch {
    return false;
  }
}

/** The approved document for `partner`, or undefined for anything else (not JSON, too large, another partner). */
function parse(text: string, partner: string): Customization | undefined {
  if (text.length > MAX_RESPONSE_CHARS) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isCustomizationOf(value, partner) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** What kind each part of a document is, when it is there (the schema requires none of them). */
const PART_KINDS = { brand: 'object', promotionMenu: 'array', cloudMenu: 'object', operations: 'object' } as const;

/**
 * The envelope, and each part of the right kind: no approved document fails this, so a
 * proxy's or a misconfigured service's answer never replaces a good stored copy. Within the
 * parts the elements render any shape safely (shared/model.ts).
 */
function isCustomizationOf(value: unknown, partner: string): value is Customization {
  if (!isObject(value) || value.schemaVersion !== 1 || value.partnerId !== partner) return false;
  return Object.entries(PART_KINDS).every(([part, kind]) => value[part] === undefined || (kind === 'array' ? Array.isArray(value[part]) : isObject(value[part])));
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A stored copy as text, checked as the service's answer is: anything else is no copy. */
function parseStored(text: string | null | undefined, partner: string): Stored | undefined {
  try {
    const stored = JSON.parse(text ?? 'null') as Partial<Stored> | null;
    const etagOk = typeof stored?.etag === 'string' || stored?.etag === null;
    return stored && etagOk && (stored.config === null || isCustomizationOf(stored.config, partner)) ? stored as Stored : undefined;
  } catch {
    return undefined;
  }
}

/** The document the pre-rendered bar (GET …/bar.html) embeds beside its shadow root: what it was rendered from. */
function readEmbedded(host: HTMLElement, partner: string): Stored | undefined {
  const script = host.querySelector(':scope > script[type="application/json"][data-cobrand-document]');
  return script ? parseStored(script.textContent, partner) : undefined;
}

/** Storage may be missing, full or forbidden (sandboxed frames, privacy modes): then there is simply no stored copy. */
function readStored(key: string, partner: string): Stored | undefined {
  try {
    return parseStored(localStorage.getItem(key), partner);
  } catch {
    return undefined;
  }
}

function writeStored(key: string, stored: Stored): void {
  try {
    localStorage.setItem(key, JSON.stringify(stored));
  } catch {
    /* no stored copy next time */
  }
}

declare global {
  interface HTMLElementEventMap {
    'cobrand-load': CustomEvent<LoadDetail>;
    'cobrand-error': CustomEvent<ErrorDetail>;
  }
}
