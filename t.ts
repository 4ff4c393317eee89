import { demoApp, Agent } from './test/app.js';
const t = await demoApp('sqlite' as never);
const r = await new Agent(t.app).get(`/search?q=${encodeURIComponent('不存在的東西')}`);
const m = r.body.match(/<main[\s\S]*<\/main>/)?.[0] ?? '';
console.log(m.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 800));
process.exit(0);
