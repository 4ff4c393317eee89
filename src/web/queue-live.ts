import { estimate, fill, follow, type Snapshot, taipeiTime } from './live.js';

/** Wait page and phone ticket page: the numbers change with every call, without reloading. */
const root = document.getElementById('queue-root');
if (root) {
  const d = root.dataset;
  const defaultMinutes = Number(d.defaultMinutes ?? 6);
  const myId = d.ticket ? Number(d.ticket) : null;
  let myStatus = d.status ?? 'waiting';
  const text = (sel: string, value: string) => {
    const el = root.querySelector(`[data-field="${sel}"]`);
    if (el && el.textContent !== value) el.textContent = value;
  };

  const renderWait = (s: Snapshot) => {
    for (const line of s.lines) {
      const row = root.querySelector(`tr[data-service="${line.serviceId}"]`);
      if (!row) continue;
      const set = (f: string, v: string) => {
        const el = row.querySelector(`[data-field="${f}"]`);
        if (el) el.textContent = v;
      };
      set('waiting', String(line.waiting));
      const m = estimate(line, line.waiting, defaultMinutes);
      set('estimate', m === null ? (d.tNoCounter ?? '') : line.waiting === 0 || m === 0 ? (d.tNone ?? '') : fill(d.tAbout ?? '{n}', { n: m }));
      const serving = s.counters.filter((c) => c.current?.label.startsWith(line.prefix)).map((c) => c.current!.label);
      set('serving', serving.join('、') || '—');
    }
    text('updated', fill(d.tUpdated ?? '{time}', { time: taipeiTime(s.at) }));
  };

  const renderTicket = (s: Snapshot) => {
    if (myId === null) return;
    const line = s.lines.find((l) => l.serviceId === Number(d.service));
    const atCounter = s.counters.find((c) => c.current?.label === d.label);
    const waitingIndex = line ? line.waitingIds.indexOf(myId) : -1;
    // parked, done, no-show and cancelled tickets are neither in line nor at a counter: only the server knows which
    const nextStatus = atCounter ? atCounter.current!.status : waitingIndex >= 0 ? 'waiting' : myStatus === 'waiting' || myStatus === 'called' || myStatus === 'serving' ? 'other' : myStatus;
    // any change of this ticket's own state: let the server render it (rare, and always right)
    if (nextStatus !== myStatus) {
      myStatus = nextStatus;
      window.location.reload();
      return;
    }
    if (line && waitingIndex >= 0) {
      text('ahead', fill(d.tAhead ?? '{n}', { n: waitingIndex }));
      const m = estimate(line, waitingIndex, defaultMinutes);
      text('estimate', m === null ? (d.tNoCounter ?? '') : fill(d.tEstimate ?? '{n}', { n: m }));
    }
    const prefix = line?.prefix ?? '';
    const now = s.counters.filter((c) => c.current && (c.current.label.startsWith(prefix) || c.current.label.startsWith('P'))).map((c) => c.current!.label);
    text('now-serving', now.join('、') || '—');
  };

  follow(
    d.code ?? '',
    (s) => {
      renderWait(s);
      renderTicket(s);
    },
    () => {},
  );
}
