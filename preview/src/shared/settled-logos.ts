/**
 * A document as it may be drawn while its logo address is typed: an https address that changed is
 * taken up once typing pauses, since each part of it on the way would be a request to some host
 * (`https://s/`, `https://st/`, …). Every other change, an upload included, shows at once. The
 * editor's thumbnail and the preview bars draw the same.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const TYPING_PAUSE_MS = 400;

type Logos = Record<string, { src?: unknown } | undefined>;
const logosOf = (doc: unknown): Logos | undefined => (doc as { brand?: { logos?: Logos } } | null)?.brand?.logos;

/** True when a logo's address changed to an https one, which may be half typed. */
function typedLogoAddress(before: unknown, after: unknown): boolean {
  const [old, now] = [logosOf(before) ?? {}, logosOf(after) ?? {}];
  return Object.entries(now).some(([lang, logo]) => typeof logo?.src === 'string' && logo.src.startsWith('https://') && logo.src !== old[lang]?.src);
}

/** `doc` with the logos of `from`. */
function withLogosOf(doc: unknown, from: unknown): unknown {
  const brand = (doc as { brand?: unknown } | null)?.brand;
  return brand && typeof brand === 'object' ? { ...(doc as object), brand: { ...brand, logos: logosOf(from) } } : doc;
}

/** `shown`: the host's document (`current()`) to draw, its logos as of the last pause in typing an address. */
export class SettledLogos implements ReactiveController {
  shown: unknown = null;
  private seen: unknown = null;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost, private readonly current: () => unknown) {
    host.addController(this);
  }

  hostUpdate(): void {
    const doc = this.current();
    if (doc === this.seen) return;
    this.seen = doc;
    clearTimeout(this.timer);
    if (this.shown === null || !typedLogoAddress(this.shown, doc)) {
      this.shown = doc;
      return;
    }
    this.shown = withLogosOf(doc, this.shown);
    this.timer = setTimeout(() => {
      this.shown = this.current();
      this.host.requestUpdate();
    }, TYPING_PAUSE_MS);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }
}
