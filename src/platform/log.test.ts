import { describe, expect, it } from 'vitest';
import { hasPersonal, maskPersonal, redactUrl } from './log.js';

describe('redactUrl', () => {
  it('removes ID-shaped tokens and secret parameters from logged URLs', () => {
    expect(redactUrl('/search?q=A123456789')).toBe('/search?q=[id]');
    expect(redactUrl('/x?idNumber=F131104093&page=2')).toBe('/x?idNumber=[redacted]&page=2');
    expect(redactUrl('/reset?token=abc.def&x=1')).toBe('/reset?token=[redacted]&x=1');
    expect(redactUrl('/notify/ack/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MDEy')).toBe('/notify/ack/[redacted]');
    expect(redactUrl('/f/AbCdEfGhIjKl.pdf?lang=en')).toBe('/f/[redacted]?lang=en');
    expect(redactUrl('/n/AbCdEfGhIjKl')).toBe('/n/[redacted]');
    expect(redactUrl('/faq/12')).toBe('/faq/12');
    expect(redactUrl('/o/zhubei')).toBe('/o/zhubei');
    expect(redactUrl('/search?q=%E8%AC%84%E6%9C%AC&page=2')).toBe('/search?q=%E8%AC%84%E6%9C%AC&page=2');
    expect(redactUrl('/news/12?lang=en')).toBe('/news/12?lang=en');
  });

  // how a browser, a script or a careless form actually sends the same personal data
  const CASES: [string, string][] = [
    ['/search?q=a123456789', '/search?q=[id]'],
    ['/search?q=%41%31%32%33%34%35%36%37%38%39', '/search?q=[id]'],
    ['/search?q=%EF%BC%A1%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96%EF%BC%97%EF%BC%98%EF%BC%99', '/search?q=[id]'], // ＡＡ１２３… full width
    ['/search?q=A+123+456+789', '/search?q=[id]'],
    ['/search?q=a%20123%20456%20789', '/search?q=[id]'],
    ['/search?q=%2541123456789', '/search?q=[id]'], // double-encoded A
    ['/search?q=%E6%88%91%E7%9A%84A123456789', '/search?q=%E6%88%91%E7%9A%84[id]'], // 我的A123456789
    ['/search?q=AB12345678', '/search?q=[id]'], // old resident certificate
    ['/search?q=0912-345-678', '/search?q=[phone]'],
    ['/search?q=0912%2D345%2D678', '/search?q=[phone]'],
    ['/search?q=%EF%BC%90%EF%BC%99%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96%EF%BC%97%EF%BC%98', '/search?q=[phone]'], // ０９１２３４５６７８
    ['/search?q=%2B886912345678', '/search?q=[phone]'],
    ['/search?q=%2B886-2-2345-6789', '/search?q=[phone]'],
    ['/search?q=%2802%292345-6789', '/search?q=[phone]'],
    ['/search?q=037-123456', '/search?q=[phone]'],
    ['/search?q=user%40example.com', '/search?q=[email]'],
    ['/search?q=user@example.com.tw', '/search?q=[email]'],
    ['/search?q=user%EF%BC%A0example.com', '/search?q=[email]'], // full-width ＠
    ['/lookup/A123456789?x=1', '/lookup/[id]?x=1'],
    ['/search?A123456789', '/search?[id]'],
    ['/search?kind=faq&q=a123456789&page=2', '/search?kind=faq&q=[id]&page=2'],
  ];
  it.each(CASES)('redacts %s', (url, want) => {
    expect(redactUrl(url)).toBe(want);
  });
});

describe('maskPersonal', () => {
  it('masks IDs, phones and e-mails in search text and leaves the words', () => {
    expect(maskPersonal('身分證 A123456789 遺失')).toBe('身分證 〔身分證號〕 遺失');
    expect(maskPersonal('ａ１２３４５６７８９')).toBe('〔身分證號〕');
    expect(maskPersonal('電話0912 345 678請回電')).toBe('電話〔電話〕請回電');
    expect(maskPersonal('(03)555-1234')).toBe('〔電話〕');
    expect(maskPersonal('寄到 someone@mail.gov.tw')).toBe('寄到 〔電子郵件〕');
    expect(maskPersonal('戶籍謄本 115 年')).toBe('戶籍謄本 115 年');
    expect(maskPersonal('0800')).toBe('0800');
    expect(hasPersonal('F131104093')).toBe(true);
    expect(hasPersonal('印鑑證明')).toBe(false);
  });
});
