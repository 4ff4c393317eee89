import { type Change, fill, follow, type Snapshot, taipeiTime } from './live.js';

/**
 * The hall display. Every call is spoken — a chime, then 「請 A012 號，到 3 號櫃台」
 * (and English when set) — one announcement at a time, in order, never
 * cutting another off. Browsers only play sound after a click, hence the
 * button. After a reconnect, calls younger than a minute that were missed
 * are still announced.
 */
const root = document.getElementById('queue-root');
if (root) {
  const d = root.dataset;
  const queue: { label: string; counter: number }[] = [];
  const announced = new Set<string>();
  let speaking = false;
  let soundOn = false;
  let audio: AudioContext | null = null;

  const chime = () =>
    new Promise<void>((resolve) => {
      if (!audio) return resolve();
      const t0 = audio.currentTime;
      for (const [i, freq] of [880, 660].entries()) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, t0 + i * 0.45);
        gain.gain.exponentialRampToValueAtTime(0.4, t0 + i * 0.45 + 0.05);
        gain.gain.exponentialRampToValueAtTime(0.0001, t0 + i * 0.45 + 0.4);
        osc.connect(gain).connect(audio.destination);
        osc.start(t0 + i * 0.45);
        osc.stop(t0 + i * 0.45 + 0.42);
      }
      setTimeout(resolve, 950);
    });

  const say = (text: string, lang: string) =>
    new Promise<void>((resolve) => {
      if (!('speechSynthesis' in window)) return resolve();
      const u = new SpeechSynthesisUtterance(text);
      u.lang = lang;
      u.rate = 0.9;
      u.onend = () => resolve();
      u.onerror = () => resolve();
      window.speechSynthesis.speak(u);
      // some voices never fire onend: do not let one stall the queue
      setTimeout(resolve, 8000);
    });

  const spell = (label: string) => label.split('').join(' ');

  const pump = async () => {
    if (speaking || !soundOn) return;
    speaking = true;
    while (queue.length > 0) {
      const next = queue.shift()!;
      await chime();
      await say(fill(d.speechZh ?? '', { label: spell(next.label), counter: next.counter }), 'zh-TW');
      if (d.english === '1') await say(fill(d.speechEn ?? '', { label: spell(next.label), counter: next.counter }), 'en-US');
    }
    speaking = false;
  };

  const announce = (label: string, counter: number, key: string) => {
    if (announced.has(key)) return;
    announced.add(key);
    queue.push({ label, counter });
    void pump();
  };

  const render = (s: Snapshot) => {
    const latest = s.recentCalls[0];
    const latestEl = root.querySelector('[data-field="latest"]');
    if (latestEl && latest) {
      latestEl.innerHTML = '';
      const p = document.createElement('p');
      for (const [cls, txt] of [
        ['board-latest-number', latest.label],
        ['board-latest-arrow', '→'],
        ['board-latest-counter', fill(d.counterN ?? '{n}', { n: latest.counterNumber })],
      ] as const) {
        const span = document.createElement('span');
        span.className = cls;
        span.textContent = txt;
        p.appendChild(span);
      }
      latestEl.appendChild(p);
    }
    const rows = root.querySelectorAll('[data-field="counters"] tbody tr');
    s.counters.forEach((c, i) => {
      const cell = rows[i]?.querySelector('td');
      if (cell) cell.textContent = c.open ? (c.current?.label ?? '—') : cell.textContent;
      rows[i]?.classList.toggle('board-closed', !c.open);
    });
    const recent = root.querySelector('[data-field="recent"]');
    if (recent) {
      recent.innerHTML = '';
      for (const c of s.recentCalls) {
        const li = document.createElement('li');
        li.textContent = `${c.label} → ${c.counterNumber}`;
        recent.appendChild(li);
      }
    }
    const clock = root.querySelector('[data-field="clock"]');
    if (clock) clock.textContent = taipeiTime(s.at);
    // catch up after a blip: calls of the last minute not yet announced
    const cutoff = Date.now() - 60_000;
    for (const c of [...s.recentCalls].reverse()) {
      if (new Date(c.at).getTime() >= cutoff) announce(c.label, c.counterNumber, `${c.ticketId}@${c.at}`);
      else announced.add(`${c.ticketId}@${c.at}`);
    }
  };

  const button = root.querySelector<HTMLButtonElement>('[data-action="sound"]');
  button?.addEventListener('click', () => {
    soundOn = true;
    audio ??= new AudioContext();
    void audio.resume();
    button.setAttribute('aria-pressed', 'true');
    button.textContent = button.dataset.on ?? button.textContent;
    void pump();
  });

  let first = true;
  follow(
    d.code ?? '',
    (s) => {
      if (first) {
        // what was on the board before this page opened is not announced again
        for (const c of s.recentCalls) announced.add(`${c.ticketId}@${c.at}`);
        first = false;
      }
      render(s);
    },
    (c: Change) => {
      if ((c.kind === 'called' || c.kind === 'recalled') && c.label && c.counterNumber !== null) {
        announce(c.label, c.counterNumber, `${c.ticketId}@${c.at}`);
      }
    },
  );
  (window as unknown as { __boardQueue: typeof queue }).__boardQueue = queue;
}
