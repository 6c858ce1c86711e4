/**
 * Test doubles for browsing contexts (not exported from the package). A FakeWindow is an EventTarget that receives
 * `message` events the way a browser delivers them: dropped unless `targetOrigin` matches the receiver's origin (or
 * is "*"), data structured-cloned, `origin` and `source` naming the sender, transferred ports in `ports`.
 */
export interface Posted {
  message: unknown;
  targetOrigin: string;
  transfer: unknown[];
}

export interface FakeMessageEvent {
  data: unknown;
  origin: string;
  source: unknown;
  ports: unknown[];
}

type Listener = (event: FakeMessageEvent) => void;
type WindowEventType = 'message' | 'hashchange' | 'popstate';

interface ParentHandle {
  postMessage(message: unknown, targetOrigin: string): void;
}

export class FakeWindow {
  /** Every postMessage made on this window (by its embedder), with the targetOrigin used. */
  readonly posted: Posted[] = [];
  /** Every postMessage this window's code made to its parent. */
  readonly sentToParent: Posted[] = [];
  readonly location: { href: string };
  /** What code inside this window sees as `window.parent`. */
  parent: ParentHandle | null = null;
  private embedder: FakeWindow | null = null;
  private readonly target = new EventTarget();

  /** `origin` is mutable: a test may "navigate" the frame to another origin. */
  constructor(
    public origin: string,
    href = `${origin}/`,
  ) {
    this.location = { href };
  }

  addEventListener(type: WindowEventType, listener: Listener, options?: { once?: boolean }): void {
    this.target.addEventListener(type, listener as unknown as (event: Event) => void, options);
  }

  removeEventListener(type: WindowEventType, listener: Listener): void {
    this.target.removeEventListener(type, listener as unknown as (event: Event) => void);
  }

  /** Code in this window changes its fragment: `location.href` follows and `hashchange` fires (a task later). */
  navigate(hash: string): void {
    this.location.href = `${this.location.href.split('#')[0]}${hash}`;
    setTimeout(() => this.target.dispatchEvent(new Event('hashchange')), 0);
  }

  /** Put `child` in an iframe of this window: `child.parent.postMessage` arrives here from `child`. */
  embed(child: FakeWindow): void {
    child.embedder = this;
    child.parent = {
      postMessage: (message, targetOrigin) => {
        child.sentToParent.push({ message, targetOrigin, transfer: [] });
        this.deliver({ message, targetOrigin, origin: child.origin, source: child, ports: [] });
      },
    };
  }

  /** The embedder posting into this window (`iframe.contentWindow.postMessage`). */
  postMessage(message: unknown, targetOrigin: string, transfer: unknown[] = []): void {
    this.posted.push({ message, targetOrigin, transfer });
    const from = this.embedder;
    if (!from) throw new Error('FakeWindow: nobody embeds this window');
    this.deliver({ message, targetOrigin, origin: from.origin, source: this.parent, ports: transfer });
  }

  /** Deliver a message as if sent by any window, e.g. an attacker frame. */
  deliver(input: { message: unknown; targetOrigin: string; origin: string; source: unknown; ports: unknown[] }): void {
    if (input.targetOrigin !== '*' && input.targetOrigin !== this.origin) return; // the browser drops it
    const data: unknown = structuredClone(input.message);
    setTimeout(() => {
      const event = Object.assign(new Event('message'), {
        data,
        origin: input.origin,
        source: input.source,
        ports: input.ports,
      });
      this.target.dispatchEvent(event);
    }, 0);
  }
}

/** Resolves with the next `message` event on `target`, or rejects after `ms`. */
export function nextMessage(target: FakeWindow, ms = 1000): Promise<FakeMessageEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message')), ms);
    target.addEventListener(
      'message',
      (event) => {
        clearTimeout(timer);
        resolve(event);
      },
      { once: true },
    );
  });
}

/** Lets queued timers and port messages run. */
export const settle = (ms = 20) => new Promise<void>((resolve) => setTimeout(resolve, ms));
