import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smppServer } from '../../../test/smpp.js';
import { createSmsSender, parseSmppUrl, SmppError } from './index.js';

const CHINESE_ONE = '新竹縣竹北戶政事務所：您的出生登記已完成，歡迎新生兒加入！出生即時通提醒您申請育兒津貼。';
const CHINESE_LONG = `${'親愛的家長您好，寶寶的出生登記已完成。請於六十日內向區公所申請生育補助，並為新生兒辦理全民健保投保，'.repeat(3)}戶政事務所關心您。👶`;

describe('SMS over SMPP, through a real SMPP server in this process', () => {
  const gateway = smppServer();
  let url = '';
  beforeAll(async () => {
    url = await gateway.listen();
  });
  afterAll(() => gateway.close());

  it('reads the gateway, user and password from the URL; port 2775 by default', () => {
    expect(parseSmppUrl('smpp://hz:p%40ss@sms.example.tw')).toEqual({ host: 'sms.example.tw', port: 2775, systemId: 'hz', password: 'p@ss', tls: false });
    expect(parseSmppUrl('ssmpp://a:b@sms.example.tw:9000').port).toBe(9000);
    expect(() => parseSmppUrl('http://sms.example.tw')).toThrow();
  });

  it('sends a one-part Chinese text as UCS-2 to 8869… and it reads back equal', async () => {
    expect(CHINESE_ONE.length).toBeLessThanOrEqual(70);
    const sms = createSmsSender({ smppUrl: url, from: 'Huzheng' });
    const sent = await sms.send('0912345678', CHINESE_ONE);
    await sms.close();
    expect(sent.parts).toBe(1);
    expect(sent.messageId).toMatch(/^hz\d+$/);
    expect(gateway.textsTo('886912345678')).toEqual([CHINESE_ONE]);
    const part = gateway.parts.at(-1);
    expect(part).toMatchObject({ dataCoding: 8, esmClass: 0, destTon: 1, destNpi: 1, registeredDelivery: 1, source: 'Huzheng', concat: null });
  });

  it('sends a long text as three concatenated parts that reassemble to the text', async () => {
    const sms = createSmsSender({ smppUrl: url, from: 'Huzheng' });
    const sent = await sms.send('0922-000-111', CHINESE_LONG);
    await sms.close();
    expect(sent.parts).toBe(3);
    expect(sent.messageId.split(',')).toHaveLength(3);
    expect(gateway.textsTo('886922000111')).toEqual([CHINESE_LONG]);
    const parts = gateway.parts.filter((p) => p.destination === '886922000111');
    expect(parts.map((p) => [p.esmClass, p.dataCoding, p.concat?.total, p.concat?.seq])).toEqual([
      [0x40, 8, 3, 1],
      [0x40, 8, 3, 2],
      [0x40, 8, 3, 3],
    ]);
    expect(new Set(parts.map((p) => p.concat?.ref)).size).toBe(1);
    expect(gateway.problems).toEqual([]);
  });

  it('sends GSM-7 text (extension characters too) with data_coding 0', async () => {
    const text = `Huzheng: your birth registration is done [ref A-12]. Fee 0 EUR, not 5€. ${'x'.repeat(150)}`;
    const sms = createSmsSender({ smppUrl: url, from: '0911510914' });
    const sent = await sms.send('0933111222', text);
    await sms.close();
    expect(sent.parts).toBe(2);
    expect(gateway.textsTo('886933111222')).toEqual([text]);
    expect(gateway.parts.at(-1)).toMatchObject({ dataCoding: 0, esmClass: 0x40, source: '0911510914' });
  });

  it('checks command_status: a refusal rejects with the status, never the number or the text', async () => {
    gateway.state.refuse = 0x58; // ESME_RTHROTTLED
    const sms = createSmsSender({ smppUrl: url, from: 'Huzheng' });
    try {
      const err = await sms.send('0912345678', CHINESE_ONE).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SmppError);
      expect(err).toMatchObject({ status: 0x58, permanent: false, kind: 'refused' });
      expect(String((err as Error).message)).toContain('ESME_RTHROTTLED');
      expect(String((err as Error).message)).not.toMatch(/0912345678|886912345678|新竹/);
      gateway.state.refuse = 0x0b; // ESME_RINVDSTADR: the number itself is wrong
      await expect(sms.send('0912345678', CHINESE_ONE)).rejects.toMatchObject({ permanent: true });
    } finally {
      gateway.state.refuse = 0;
      await sms.close();
    }
  });

  it('refuses a wrong password at bind', async () => {
    const sms = createSmsSender({ smppUrl: url.replace(':secret@', ':wrong@'), from: 'Huzheng' });
    await expect(sms.send('0912345678', 'x')).rejects.toMatchObject({ kind: 'refused', status: 0x0e });
    await sms.close();
  });

  it('binds again when the gateway drops the session', async () => {
    const binds = gateway.state.binds;
    gateway.state.dropAfter = 1;
    try {
      const sms = createSmsSender({ smppUrl: url, from: 'Huzheng' });
      await sms.send('0955000001', 'first');
      // the gateway hangs up after each submit; the next send must bind a new session by itself
      await sms.send('0955000001', 'second');
      await sms.send('0955000001', 'third');
      await sms.close();
      expect(gateway.textsTo('886955000001')).toEqual(['first', 'second', 'third']);
      expect(gateway.state.binds - binds).toBe(3);
    } finally {
      gateway.state.dropAfter = 0;
    }
  });

  it('sends again on a fresh session when the line dies before the answer to the first part', async () => {
    const sms = createSmsSender({ smppUrl: url, from: 'Huzheng' });
    await sms.send('0955000002', 'warm-up');
    gateway.state.hangUpNext = true;
    await sms.send('0955000002', CHINESE_ONE);
    await sms.close();
    expect(gateway.textsTo('886955000002')).toEqual(['warm-up', CHINESE_ONE]);
  });

  it('reports a gateway that does not answer as a connection failure', async () => {
    const sms = createSmsSender({ smppUrl: 'smpp://a:b@127.0.0.1:1', from: 'Huzheng' });
    await expect(sms.send('0912345678', 'x')).rejects.toMatchObject({ kind: 'connect' });
    await sms.close();
  });
});
