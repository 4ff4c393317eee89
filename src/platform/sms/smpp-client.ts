import smpp from 'smpp';

/**
 * One SMPP 3.4 transmitter session to the gateway, bound on first use, shared
 * by every send, dropped when the gateway closes it (the next send binds
 * again) and unbound after a quiet minute so an idle office holds no socket.
 */
export interface SmppTarget {
  host: string;
  port: number;
  systemId: string;
  password: string;
  tls: boolean;
}

/** smpp://user:password@host[:2775], or ssmpp:// (TLS, port 3550 by default). */
export function parseSmppUrl(url: string): SmppTarget {
  const u = new URL(url);
  const tls = u.protocol === 'ssmpp:';
  if (!tls && u.protocol !== 'smpp:') throw new Error('SMS_SMPP_URL must start with smpp:// or ssmpp://');
  if (!u.hostname) throw new Error('SMS_SMPP_URL has no host');
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : tls ? 3550 : 2775,
    systemId: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    tls,
  };
}

/**
 * A refusal or a broken session; never carries the number or the text.
 * `status`: the gateway's command_status; `permanent`: trying again cannot help.
 */
export type SmppFailure = 'refused' | 'dropped' | 'timeout' | 'connect' | 'invalid';
export class SmppError extends Error {
  override name = 'SmppError';
  readonly permanent: boolean;
  constructor(
    message: string,
    readonly kind: SmppFailure,
    readonly status: number | null = null,
  ) {
    super(message);
    this.permanent = kind === 'invalid' || (status !== null && PERMANENT.has(status));
  }
}

const STATUS_NAMES = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));
// the destination itself is wrong: the same number will be refused again
const PERMANENT = new Set([smpp.errors.ESME_RINVDSTADR, smpp.errors.ESME_RINVDSTTON, smpp.errors.ESME_RINVDSTNPI]);

function statusError(what: string, status: number): SmppError {
  const hex = `0x${status.toString(16).padStart(8, '0')}`;
  return new SmppError(`${what} refused: ${STATUS_NAMES.get(status) ?? 'status'} ${hex}`, 'refused', status);
}

interface Bound {
  session: smpp.Session;
  /** rejecters of submits waiting on this session, called when it drops */
  pending: Set<(err: Error) => void>;
}

export class SmppTransmitter {
  private bound: Bound | null = null;
  private binding: Promise<Bound> | null = null;
  private idle: NodeJS.Timeout | null = null;

  constructor(
    private readonly target: SmppTarget,
    private readonly opts: { timeoutMs?: number; idleMs?: number } = {},
  ) {}

  private get timeoutMs() {
    return this.opts.timeoutMs ?? 30_000;
  }

  /** Is a bound session open now? (Tests watch it come back after a drop.) */
  get connected(): boolean {
    return this.bound !== null;
  }

  private drop(b: Bound, err: Error): void {
    if (this.bound === b) this.bound = null;
    for (const reject of b.pending) reject(err);
    b.pending.clear();
  }

  private bind(): Promise<Bound> {
    if (this.bound) return Promise.resolve(this.bound);
    this.binding ??= new Promise<Bound>((resolve, reject) => {
      const { host, port, tls, systemId, password } = this.target;
      let ready = false;
      const onConnect = () =>
        session.bind_transmitter({ system_id: systemId, password, interface_version: 0x34 }, (pdu) => {
          clearTimeout(timer);
          if (pdu.command_status !== 0) {
            fail(statusError('bind_transmitter', pdu.command_status));
            session.destroy();
            return;
          }
          ready = true;
          this.bound = b;
          resolve(b);
        });
      const session = smpp.connect({ host, port, tls }, onConnect);
      const b: Bound = { session, pending: new Set() };
      const fail = (err: Error) => {
        clearTimeout(timer);
        if (!ready) reject(err);
        this.drop(b, err);
      };
      const timer = setTimeout(() => {
        fail(new SmppError('bind timed out', 'timeout'));
        session.destroy();
      }, this.timeoutMs);
      session.on('error', (e: NodeJS.ErrnoException) => fail(new SmppError(`connection failed: ${e.code ?? e.name}`, 'connect')));
      session.on('close', () => fail(new SmppError('session closed by the gateway', 'dropped')));
      // the gateway checks we are alive, or says goodbye; either is answered
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        session.close();
      });
    }).finally(() => {
      this.binding = null;
    });
    return this.binding;
  }

  /** One submit_sm; resolves with the gateway's message id, rejects with an SmppError. */
  async submit(fields: Record<string, unknown>): Promise<string> {
    this.stopIdle();
    const b = await this.bind();
    try {
      return await new Promise<string>((resolve, reject) => {
        const settle = () => {
          clearTimeout(timer);
          b.pending.delete(reject);
        };
        const timer = setTimeout(() => {
          settle();
          reject(new SmppError('submit_sm timed out', 'timeout'));
          // an unanswered session is suspect: the next send binds a new one
          b.session.destroy();
        }, this.timeoutMs);
        b.pending.add(reject);
        const written = b.session.submit_sm(fields, (pdu) => {
          settle();
          if (pdu.command_status !== 0) reject(statusError('submit_sm', pdu.command_status));
          else resolve(String(pdu.message_id ?? ''));
        });
        if (!written) {
          settle();
          const err = new SmppError('session closed by the gateway', 'dropped');
          this.drop(b, err);
          reject(err);
        }
      });
    } finally {
      this.startIdle();
    }
  }

  private stopIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
  }

  private startIdle(): void {
    this.stopIdle();
    this.idle = setTimeout(() => void this.close(), this.opts.idleMs ?? 60_000);
    this.idle.unref();
  }

  /** Unbind politely (2 s at most), then close the socket. */
  async close(): Promise<void> {
    this.stopIdle();
    const b = this.bound ?? (this.binding ? await this.binding.catch(() => null) : null);
    if (!b) return;
    this.bound = null;
    await new Promise<void>((resolve) => {
      // whichever comes first: the unbind answered, the line already gone, or two seconds
      const done = () => {
        clearTimeout(timer);
        b.session.off('close', done);
        b.session.destroy();
        resolve();
      };
      const timer = setTimeout(done, 2000);
      b.session.on('close', done);
      if (b.session.socket.destroyed || !b.session.unbind({}, done)) done();
    });
    this.drop(b, new SmppError('sender closed', 'dropped'));
  }
}
