/** Shared by the live pages: an EventSource that reconnects by itself and hands over each snapshot. */
export interface Snapshot {
  officeId: number;
  at: string;
  lines: { serviceId: number; prefix: string; waitingIds: number[]; waiting: number; recentServiceMs: number | null; counters: number; avgMinutes: number | null }[];
  counters: { counterId: number; number: number; open: boolean; current: { label: string; status: string } | null }[];
  recentCalls: { ticketId: number; label: string; counterNumber: number; at: string; kind: string }[];
}

export interface Change {
  kind: string;
  ticketId: number | null;
  label: string | null;
  counterNumber: number | null;
  at: string;
  snapshot: Snapshot;
}

export function follow(officeCode: string, onState: (s: Snapshot) => void, onChange: (c: Change) => void): void {
  const source = new EventSource(`/o/${officeCode}/queue/events`);
  source.addEventListener('state', (e) => onState(JSON.parse((e as MessageEvent).data) as Snapshot));
  source.addEventListener('change', (e) => {
    const c = JSON.parse((e as MessageEvent).data) as Change;
    onChange(c);
    onState(c.snapshot);
  });
  // EventSource reconnects on its own (retry: 2000 from the server); the first frame after a reconnect is the current state.
}

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function estimate(line: Snapshot['lines'][number], ahead: number, defaultMinutes: number): number | null {
  if (line.counters === 0) return null;
  const per = line.recentServiceMs ?? (line.avgMinutes ?? defaultMinutes) * 60_000;
  return Math.max(0, Math.ceil((ahead * per) / line.counters / 60_000 / 5) * 5);
}

export function taipeiTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}
