// The parts of the `smpp` package (0.5.x, no types of its own) that Huzheng uses.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  namespace smpp {
    interface PDU {
      command: string;
      command_id: number;
      command_status: number;
      sequence_number: number;
      [field: string]: unknown;
      isResponse(): boolean;
      response(options?: Record<string, unknown>): PDU;
    }

    type PduCallback = (pdu: PDU) => void;
    type Command = (options?: Record<string, unknown>, onResponse?: PduCallback, onSent?: PduCallback) => boolean;

    interface Session extends EventEmitter {
      socket: Socket;
      send(pdu: PDU, onResponse?: PduCallback, onSent?: PduCallback): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
      bind_transmitter: Command;
      submit_sm: Command;
      enquire_link: Command;
      unbind: Command;
    }

    interface Server extends NetServer {
      sessions: Session[];
    }

    interface ConnectOptions {
      host: string;
      port: number;
      tls?: boolean;
      auto_enquire_link_period?: number;
    }
  }

  const smpp: {
    connect(options: smpp.ConnectOptions, onConnect?: () => void): smpp.Session;
    createServer(onSession: (session: smpp.Session) => void): smpp.Server;
    createServer(options: Record<string, unknown>, onSession: (session: smpp.Session) => void): smpp.Server;
    PDU: new (command: string, options?: Record<string, unknown>) => smpp.PDU;
    errors: Record<string, number>;
  };
  export = smpp;
}
