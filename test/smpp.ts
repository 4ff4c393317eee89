import type { AddressInfo } from 'node:net';
import smpp from 'smpp';
import { decodeGsm7 } from '../src/platform/sms/gsm7.js';

/** One submit_sm as the gateway got it: its fields and the raw short_message octets. */
export interface SubmittedPart {
  systemId: string;
  destination: string;
  destTon: number;
  destNpi: number;
  source: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** the concatenation header (ref, total, seq) when there is one */
  concat: { ref: number; total: number; seq: number } | null;
  text: string;
}

export interface ReceivedSms {
  destination: string;
  text: string;
  parts: number;
}

/**
 * The short_message octets straight from the PDU body: the package decodes
 * GSM-7 escapes wrongly (€ becomes "undefined"), and a test must see what the
 * sender really wrote. body = command_id, status, sequence, then the fields.
 */
function rawShortMessage(body: Buffer): Buffer {
  let at = 12;
  const cstring = () => {
    while (body[at] !== 0) at++;
    at++;
  };
  cstring(); // service_type
  at += 2; // source ton, npi
  cstring(); // source_addr
  at += 2; // dest ton, npi
  cstring(); // destination_addr
  at += 3; // esm_class, protocol_id, priority_flag
  cstring(); // schedule_delivery_time
  cstring(); // validity_period
  at += 4; // registered_delivery, replace_if_present, data_coding, sm_default_msg_id
  const length = body[at] ?? 0;
  return body.subarray(at + 1, at + 1 + length);
}

function decodeText(octets: Buffer, dataCoding: number): string {
  if (dataCoding === 8) return Buffer.from(octets).swap16().toString('utf16le');
  return decodeGsm7(octets);
}

/**
 * A real SMPP server in this process (the `smpp` package's own): accepts
 * bind_transmitter with the given system id and password, answers submit_sm,
 * and puts concatenated parts back together by their header, so a test reads
 * each destination's whole texts. `state.refuse` answers every submit_sm with
 * that command_status; `state.dropAfter` closes the session after answering
 * that many; `state.hangUpNext` drops the next submit_sm unanswered, line and all.
 */
export function smppServer(opts: { systemId?: string; password?: string } = {}) {
  const systemId = opts.systemId ?? 'huzheng';
  const password = opts.password ?? 'secret';
  const parts: SubmittedPart[] = [];
  const messages: ReceivedSms[] = [];
  /** parts that split a surrogate pair or broke a header: a test expects none */
  const problems: string[] = [];
  const state = { refuse: 0, dropAfter: 0, hangUpNext: false, binds: 0 };
  const waiting = new Map<string, SubmittedPart[]>();
  let nextId = 1;

  function collect(p: SubmittedPart): void {
    if (/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(p.text)) problems.push(`part ${p.concat?.seq ?? 1} cuts a surrogate pair`);
    if (!p.concat) {
      messages.push({ destination: p.destination, text: p.text, parts: 1 });
      return;
    }
    const key = `${p.destination}/${p.concat.ref}/${p.concat.total}`;
    const got = [...(waiting.get(key) ?? []), p];
    if (got.length < p.concat.total) {
      waiting.set(key, got);
      return;
    }
    waiting.delete(key);
    got.sort((a, b) => (a.concat?.seq ?? 0) - (b.concat?.seq ?? 0));
    if (got.some((g, i) => g.concat?.seq !== i + 1)) problems.push(`message to ${p.destination} has parts out of sequence`);
    messages.push({ destination: p.destination, text: got.map((g) => g.text).join(''), parts: got.length });
  }

  const server = smpp.createServer((session) => {
    let bound: string | null = null;
    let submits = 0;
    // keep the last PDU body the session read, to see short_message as sent
    let lastRead: Buffer | null = null;
    const read = session.socket.read.bind(session.socket);
    session.socket.read = ((n?: number) => {
      const b = read(n) as Buffer | null;
      if (b) lastRead = b;
      return b;
    }) as typeof session.socket.read;
    session.on('error', () => {});
    session.on('bind_transmitter', (pdu: smpp.PDU) => {
      if (pdu.system_id !== systemId || pdu.password !== password) {
        session.send(pdu.response({ command_status: smpp.errors.ESME_RINVPASWD }));
        return;
      }
      bound = String(pdu.system_id);
      state.binds++;
      session.send(pdu.response({ system_id: 'hz-test-smsc' }));
    });
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: smpp.PDU) => {
      if (!bound) return void session.send(pdu.response({ command_status: smpp.errors.ESME_RINVBNDSTS }));
      if (state.refuse) return void session.send(pdu.response({ command_status: state.refuse }));
      if (state.hangUpNext) {
        state.hangUpNext = false;
        return void session.destroy();
      }
      const raw = rawShortMessage(lastRead ?? Buffer.alloc(0));
      const dataCoding = Number(pdu.data_coding ?? 0);
      const esmClass = Number(pdu.esm_class ?? 0);
      const udh = esmClass & 0x40 ? raw.subarray(0, (raw[0] ?? 0) + 1) : null;
      if (udh && !(udh[0] === 5 && udh[1] === 0 && udh[2] === 3)) problems.push('unexpected user data header');
      const text = decodeText(udh ? raw.subarray(udh.length) : raw, dataCoding);
      const part: SubmittedPart = {
        systemId: bound,
        destination: String(pdu.destination_addr),
        destTon: Number(pdu.dest_addr_ton),
        destNpi: Number(pdu.dest_addr_npi),
        source: String(pdu.source_addr),
        dataCoding,
        esmClass,
        registeredDelivery: Number(pdu.registered_delivery),
        concat: udh ? { ref: udh[3] ?? 0, total: udh[4] ?? 0, seq: udh[5] ?? 0 } : null,
        text,
      };
      parts.push(part);
      collect(part);
      const hangUp = state.dropAfter > 0 && ++submits >= state.dropAfter;
      // the answer is written first, then the line goes dead (a gateway restarting between two sends)
      session.send(pdu.response({ message_id: `hz${nextId++}` }), () => {
        if (hangUp) session.destroy();
      });
    });
  });

  return {
    server,
    parts,
    messages,
    problems,
    state,
    /** the whole texts a destination (8869…) got, oldest first */
    textsTo: (destination: string) => messages.filter((m) => m.destination === destination).map((m) => m.text),
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return `smpp://${systemId}:${password}@127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of [...server.sessions]) s.destroy();
        server.close(() => r());
      }),
  };
}
